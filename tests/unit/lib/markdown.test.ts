// Node has no DOM: the sanitiser's real tests are in tests/component/parts/markdown.test.ts (jsdom).
// Here: the parts that must hold without a DOM.
import { describe, expect, it } from "vitest";
import { escapeHtml, renderMarkdown } from "../../../src/lib/markdown";

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
