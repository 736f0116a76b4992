import { describe, expect, it } from "vitest";
import { faviconHref, pageTitle, showWaiting } from "../../../src/app/page-badge";

describe("page title and favicon badge", () => {
  it("leads the title with the waiting count when there is one", () => {
    expect(pageTitle(0)).toBe("OpenCode Switchboard");
    expect(pageTitle(3)).toBe("(3) OpenCode Switchboard");
  });

  it("puts the count on the icon, capped at 99+, and shows the plain icon at zero", () => {
    expect(faviconHref(0)).toBe("/favicon-32.png");
    const svg = decodeURIComponent(faviconHref(4).replace("data:image/svg+xml,", ""));
    expect(svg).toMatch(/^<svg[\s\S]*<text[^>]*>4<\/text><\/svg>\s*$/);
    expect(decodeURIComponent(faviconHref(120))).toContain(">99+</text>");
  });

  it("writes both into a document, adding the icon link if there is none", () => {
    const doc = document.implementation.createHTMLDocument("x");
    showWaiting(doc, 2);
    expect(doc.title).toBe("(2) OpenCode Switchboard");
    expect(doc.querySelector('link[rel="icon"]')?.getAttribute("href")).toMatch(/^data:image\/svg\+xml,/);
    showWaiting(doc, 0);
    expect(doc.querySelectorAll('link[rel="icon"]')).toHaveLength(1);
    expect(doc.querySelector('link[rel="icon"]')?.getAttribute("href")).toBe("/favicon-32.png");
  });
});
