import { describe, expect, it } from "vitest";
import { highlightCode, languageForPath, resolveLanguage } from "../../../src/lib/highlight";

describe("resolveLanguage", () => {
  it("maps the names models write after ``` to highlight.js languages", () => {
    expect(resolveLanguage("ts")).toBe("typescript");
    expect(resolveLanguage("language-tsx")).toBe("typescript");
    expect(resolveLanguage("sh")).toBe("bash");
    expect(resolveLanguage("PY")).toBe("python");
    expect(resolveLanguage("json")).toBe("json");
  });

  it("has no language for names it does not load", () => {
    expect(resolveLanguage("cobol")).toBeUndefined();
    expect(resolveLanguage("")).toBeUndefined();
    // Inherited object keys must not count as languages.
    expect(resolveLanguage("constructor")).toBeUndefined();
  });
});

describe("languageForPath", () => {
  it("picks the language by the file's extension", () => {
    expect(languageForPath("src/app.tsx")).toBe("typescript");
    expect(languageForPath("/abs/page.HTM")).toBe("xml");
    expect(languageForPath("scripts/run.sh")).toBe("bash");
  });

  it("has none for names without an extension we load", () => {
    expect(languageForPath("Makefile")).toBeUndefined();
    expect(languageForPath(".env")).toBeUndefined();
    expect(languageForPath("notes.txt")).toBeUndefined();
    expect(languageForPath("dir.ts/README")).toBeUndefined();
    expect(languageForPath("x.constructor")).toBeUndefined();
  });
});

describe("highlightCode", () => {
  it("loads the language on first use and returns escaped, highlighted HTML", async () => {
    const html = await highlightCode("const tag = '<script>';", "ts");
    expect(html).toContain('<span class="hljs-keyword">const</span>');
    expect(html).toContain("&lt;script&gt;");
    expect(html).not.toContain("<script>");
  });

  it("highlights a second language in the same session", async () => {
    const html = await highlightCode("echo hi | grep h", "bash");
    expect(html).toContain("hljs-built_in");
  });

  it("returns undefined for a language it does not load", async () => {
    expect(await highlightCode("IDENTIFICATION DIVISION.", "cobol")).toBeUndefined();
  });
});
