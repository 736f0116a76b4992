/**
 * The idle-time warm-up builds a real question and reply off the page: every part of the sample
 * renders (a "could not be shown" placeholder would mean it warmed up the error path, not what a
 * session shows), and nothing of it reaches the document.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { scheduleWarmUp, WARM_UP_STEPS, warmUpMessageView } from "../../../src/ui/parts/warm-up";

describe("warmUpMessageView", () => {
  it("builds the sample question and reply off the page", () => {
    const before = document.body.innerHTML;
    const shown = warmUpMessageView();
    expect(shown).toContain("A question?");
    expect(shown).toContain("Some bold and code.");
    expect(shown).toContain("true");
    expect(shown).toContain("Streaming");
    // Each with its toolbar: the question's offers Fork and Revert, as a session's rows do.
    expect(shown).toContain("Fork from here");
    expect(shown).toContain("Revert to here");
    expect(shown).toContain("Copy");
    expect(shown).not.toMatch(/could not be shown/i);
    expect(document.body.innerHTML).toBe(before);
  });
});

describe("scheduleWarmUp", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("runs one step per idle callback, so no step is a long task", () => {
    const queued: Array<() => void> = [];
    vi.stubGlobal("requestIdleCallback", (run: () => void) => queued.push(run));
    scheduleWarmUp();
    let callbacks = 0;
    while (queued.length) {
      expect(queued.length).toBe(1); // the next step is asked for only once this one has run
      queued.shift()!();
      callbacks++;
    }
    expect(callbacks).toBe(WARM_UP_STEPS.length);
    expect(WARM_UP_STEPS.length).toBeGreaterThan(1);
  });
});
