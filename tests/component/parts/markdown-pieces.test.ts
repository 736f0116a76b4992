/**
 * A very long paragraph (a model that never writes a blank line) is rendered as pieces, so that while
 * it streams only its last piece changes. The pieces must read as the same text, stay identical as
 * the paragraph grows, and be as safe as everything else renderMarkdown produces.
 */
import { Lexer } from "marked";
import { describe, expect, it, vi } from "vitest";
import { heldTextChars, renderMarkdown, renderMarkdownRuns } from "../../../src/lib/markdown";

const words = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `tok${from + i}`).join(" ");

function textOf(html: string): string {
  const div = document.createElement("div");
  div.innerHTML = html;
  return [...div.querySelectorAll("p")]
    .map((p) => p.textContent)
    .join("")
    .replace(/\s+/g, " ")
    .trim();
}

describe("long paragraphs", () => {
  it("keep a short paragraph as one <p>", () => {
    const html = renderMarkdown(words(0, 100));
    expect(html.match(/<p/g)).toHaveLength(1);
    expect(html).not.toContain("sb-piece");
  });

  it("split a long one into pieces that read as the same text", () => {
    const text = words(0, 5000); // ~40 KB
    const runs = renderMarkdownRuns(text);
    expect(runs.length).toBeGreaterThan(3);
    expect(runs.every((run) => run.includes('class="sb-piece'))).toBe(true);
    expect(textOf(runs.join(""))).toBe(text);
  });

  it("keep every piece but the last identical while the paragraph grows", () => {
    const before = renderMarkdownRuns(words(0, 5000));
    const after = renderMarkdownRuns(words(0, 5600));
    expect(after.slice(0, before.length - 1)).toEqual(before.slice(0, -1));
    expect(after.length).toBeGreaterThanOrEqual(before.length);
  });

  it("parse only the pieces that changed while the paragraph grows", () => {
    renderMarkdownRuns(words(0, 6000)); // ~50 KB: seven pieces
    const lexInline = vi.spyOn(Lexer, "lexInline");
    try {
      const runs = renderMarkdownRuns(words(0, 6010));
      expect(runs.length).toBeGreaterThan(5);
      // The last piece, and the one before it when the cut moved: never all of them again.
      expect(lexInline.mock.calls.length).toBeGreaterThanOrEqual(1);
      expect(lexInline.mock.calls.length).toBeLessThanOrEqual(2);
    } finally {
      lexInline.mockRestore();
    }
  });

  it("keep inline markdown and stay inert", () => {
    const text = `${words(0, 2000)} **bold** <img src=x onerror="window.__pwned=1"> [x](javascript:alert(1)) ${words(2000, 2100)}`;
    const div = document.createElement("div");
    div.innerHTML = renderMarkdown(text);
    expect(div.querySelector("strong")?.textContent).toBe("bold");
    expect(div.querySelector("img")).toBeNull();
    expect(div.querySelector("[onerror]")).toBeNull();
    expect([...div.querySelectorAll("a")].some((a) => (a.getAttribute("href") ?? "").startsWith("javascript"))).toBe(false);
    expect(div.textContent).toContain('<img src=x onerror="window.__pwned=1">');
  });

  it("do not turn a piece that starts with '- ' or '# ' into a list or a heading", () => {
    // 8,193 characters ending in a space: the first cut falls on that space, so the second piece
    // starts with "- not a list".
    const filler = `${"word ".repeat(1638)}ab `;
    expect(filler.length).toBe(8193);
    const runs = renderMarkdownRuns(`${filler}- not a list # not a heading ${"more ".repeat(2000)}`);
    expect(textOf(runs[1])).toMatch(/^- not a list # not a heading/);
    const div = document.createElement("div");
    div.innerHTML = runs.join("");
    expect(div.querySelector("ul, h1")).toBeNull();
  });
});

describe("the render caches while a reply streams", () => {
  it("hold the reply once, not once per delta", () => {
    // A 60 KB reply in 120 deltas, each rendered as it arrives, as a streaming part is.
    const reply = words(0, 8000);
    const before = heldTextChars();
    const step = Math.ceil(reply.length / 120);
    for (let at = step; at < reply.length + step; at += step) renderMarkdownRuns(reply.slice(0, at));
    // The lex cache keeps its latest text, and the text cache that text and its runs. Holding the
    // reply's earlier lengths too would be several times more (16 lexes and 400 K characters at most).
    expect(heldTextChars() - before).toBeLessThan(reply.length * 3.5);
  });
});
