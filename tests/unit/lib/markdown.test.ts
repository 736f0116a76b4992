// Node has no DOM: the sanitiser's real tests are in tests/component/parts/markdown.test.ts (jsdom).
// Here: the parts that must hold without a DOM.
import { describe, expect, it, vi } from "vitest";
import { Lexer, Marked, type Token } from "marked";
import { escapeHtml, lexMarkdown, renderMarkdown } from "../../../src/lib/markdown";

describe("renderMarkdown without a DOM", () => {
  it("refuses instead of returning unsanitised HTML", () => {
    // DOMPurify without a window returns its input unchanged; renderMarkdown must not pass that on.
    expect(() => renderMarkdown("<img src=x onerror=alert(1)> [x](javascript:alert(1))")).toThrow(/DOM/);
  });
});

describe("escapeHtml", () => {
  it("escapes every character that can open a tag or leave an attribute", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  });

  it("leaves plain text alone", () => {
    expect(escapeHtml("plain text 123")).toBe("plain text 123");
  });
});

describe("lexMarkdown on a text that grows", () => {
  const reply = [
    "# Plan",
    "First a paragraph that goes on\nfor a couple of lines, with `code` and a [link](https://example.com).",
    "Setext heading\n---",
    "- one\n- two\n\n- three, after a blank line (a loose list)\n  continued lazily",
    "1. first\n2. second",
    "```ts\nconst a = 1;\n\nconst b = 2;\n```",
    "| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |",
    "> quoted\n> more",
    "A reference [link][ref] and the end.",
    "[ref]: https://example.com/ref",
    "And a last paragraph after it.",
  ].join("\n\n");

  /** A deterministic stream of chunk sizes, 1–40 characters. */
  function* chunks(text: string): Generator<string> {
    let seed = 7;
    for (let at = 0; at < text.length;) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      at = Math.min(text.length, at + 1 + (seed % 40));
      yield text.slice(0, at);
    }
  }

  it("gives, at every step of a stream, the tokens a whole lex gives", () => {
    for (const prefix of chunks(reply)) {
      const grown = lexMarkdown(prefix);
      const whole = new Marked({ gfm: true }).lexer(prefix);
      expect(JSON.stringify(grown), prefix).toBe(JSON.stringify(whole));
      expect(Object.keys(grown.links)).toEqual(Object.keys(whole.links));
    }
  });

  it("lexes again only the end of a long text that grew", () => {
    const long = Array.from({ length: 400 }, (_, i) => `Paragraph ${i} with some words in it.`).join("\n\n");
    const first = lexMarkdown(long);
    const grown = lexMarkdown(`${long} More words.`);
    // The tokens before the last few are the very same objects: they were not lexed again.
    expect(grown[0]).toBe(first[0]);
    expect(grown[grown.length - 10]).toBe(first[first.length - 10]);
    expect(grown[grown.length - 1]).not.toBe(first[first.length - 1]);
  });

  /** Tokens as JSON, with each token's inline tokens read (a lengthened paragraph lexes them when read). */
  const plain = (tokens: Token[]) =>
    JSON.stringify(tokens.map((token) => ("tokens" in token ? { ...token, tokens: token.tokens } : token)));

  /** A long paragraph of lines that begin with words: the shape of a model that writes on and on. */
  const longParagraph = Array.from({ length: 300 }, (_, i) => `Line ${i} of a long paragraph with **bold** and a [ref] link`).join("\n");

  it("lengthens a long paragraph's last line without lexing the paragraph again", () => {
    const blockTokens = vi.spyOn(Lexer.prototype, "blockTokens");
    try {
      let text = `# Title\n\n${longParagraph}`;
      lexMarkdown(text);
      for (const added of [" and", " more words", " with `code`", " [ref]", " and *emphasis*"]) {
        text += added;
        blockTokens.mockClear();
        const grown = lexMarkdown(text);
        expect(blockTokens).not.toHaveBeenCalled();
        const whole = new Marked({ gfm: true }).lexer(text);
        expect(plain(grown)).toBe(JSON.stringify(whole));
      }
    } finally {
      blockTokens.mockRestore();
    }
  });

  it("lexes again wherever what was added can change what the paragraph is", () => {
    const cases: Array<[string, string]> = [
      // A new line can start a list, a heading, a rule, or underline the whole paragraph as a heading.
      ["", "\n- an item"],
      ["", "\n# A heading"],
      ["", "\n---"],
      ["", "\n\nA new paragraph"],
      // A last line that does not begin with a letter can still become something else as it grows.
      ["\n1", ". an ordered item"],
      ["\n>", " a quote"],
      ["\n``", "`ts"],
      ["\n[ref]:", " https://example.com/ref"],
    ];
    for (const [start, added] of cases) {
      const before = `${longParagraph}${start}`;
      lexMarkdown(before);
      const grown = lexMarkdown(before + added);
      const whole = new Marked({ gfm: true }).lexer(before + added);
      expect(plain(grown), JSON.stringify(start + added)).toBe(JSON.stringify(whole));
    }
  });
});
