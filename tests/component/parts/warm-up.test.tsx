/**
 * The idle-time warm-up builds a real question and reply off the page: every part of the sample
 * renders (a "could not be shown" placeholder would mean it warmed up the error path, not what a
 * session shows), and nothing of it reaches the document.
 */
import { describe, expect, it } from "vitest";
import { warmUpMessageView } from "../../../src/ui/parts/warm-up";

describe("warmUpMessageView", () => {
  it("builds the sample question and reply off the page", () => {
    const before = document.body.innerHTML;
    const shown = warmUpMessageView();
    expect(shown).toContain("A question?");
    expect(shown).toContain("Some bold and code.");
    expect(shown).toContain("true");
    expect(shown).toContain("Streaming");
    expect(shown).not.toMatch(/could not be shown/i);
    expect(document.body.innerHTML).toBe(before);
  });
});
