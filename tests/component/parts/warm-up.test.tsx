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
    expect(shown).toContain("busy");
    // Each with its toolbar: the question's offers Fork and Revert, as a session's rows do.
    expect(shown).toContain("Fork from here");
    expect(shown).toContain("Revert to here");
    expect(shown).toContain("Copy");
    expect(shown).not.toMatch(/could not be shown/i);
    expect(document.body.innerHTML).toBe(before);
  });
});

describe("the warm-up's layout", () => {
  afterEach(() => vi.restoreAllMocks());

  it("lays each sample out once in a hidden box of the page, and takes the box away", () => {
    const observer = new MutationObserver(() => undefined);
    observer.observe(document.body, { childList: true });
    const measured: Element[] = [];
    const rect = HTMLElement.prototype.getBoundingClientRect;
    vi.spyOn(HTMLElement.prototype, "getBoundingClientRect").mockImplementation(function (this: HTMLElement) {
      measured.push(this);
      return rect.call(this);
    });
    const shown = WARM_UP_STEPS[2]();
    const added = observer
      .takeRecords()
      .flatMap((record) => [...record.addedNodes])
      .filter((node): node is HTMLElement => node instanceof HTMLElement);
    observer.disconnect();
    // Fonts, glyphs and style caches are filled by a layout, not by building alone.
    expect(added).toHaveLength(1);
    const [host] = added;
    expect(host.style.visibility).toBe("hidden");
    expect(host.getAttribute("aria-hidden")).toBe("true");
    expect(measured).toContain(host);
    expect(shown).toContain("const a = 1;");
    expect(host.isConnected).toBe(false);
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
