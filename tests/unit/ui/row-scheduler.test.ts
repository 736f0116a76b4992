import { describe, expect, it } from "vitest";
import { makeRowScheduler, makeScrollPace, OUT_OF_VIEW, type RowHold } from "../../../src/ui/row-scheduler";

/**
 * A scheduler with a hand-driven clock and task queues: `soon` runs at the end of the current task,
 * `later` and `idle` in tasks the test runs with `runLater()` / `runIdle()`. Each build costs `costMs`.
 */
function rig({
  budgetMs = 6,
  costMs = 2,
  hold = undefined as (() => RowHold) | undefined,
  spentMs = undefined as number | undefined,
} = {}) {
  let time = 0;
  const soonQueue: Array<() => void> = [];
  const laterQueue: Array<() => void> = [];
  const idleQueue: Array<(remaining: () => number) => void> = [];
  const built: string[] = [];
  const scheduler = makeRowScheduler({
    budgetMs,
    now: () => time,
    soon: (run) => soonQueue.push(run),
    later: (run) => laterQueue.push(run),
    idle: (run) => idleQueue.push(run),
    hold,
    // The task's other work began `spentMs` before now (the shared frame applying events).
    startedAt: spentMs === undefined ? undefined : () => time - spentMs,
  });
  const row = (name: string, rank: number) =>
    scheduler.request(
      () => rank,
      () => {
        time += costMs;
        built.push(name);
      },
    );
  /** Ends the current task: its microtasks run. */
  const endTask = () => {
    while (soonQueue.length) soonQueue.shift()!();
  };
  /** Runs the next later task (its own window), then its microtasks. */
  const runLater = () => {
    const tasks = laterQueue.splice(0);
    for (const task of tasks) task();
    endTask();
  };
  const runIdle = (remainingMs = 50) => {
    const tasks = idleQueue.splice(0);
    for (const task of tasks) task(() => remainingMs);
    endTask();
  };
  return { scheduler, row, built, endTask, runLater, runIdle, pendingIdle: () => idleQueue.length, pendingLater: () => laterQueue.length };
}

describe("the row scheduler in a task that did other work first", () => {
  it("counts the budget from when that work began, and leaves every row to a later task once it is spent", () => {
    const r = rig({ budgetMs: 6, costMs: 2, spentMs: 10 });
    r.row("reply", 0);
    r.row("prompt", 5);
    r.endTask();
    expect(r.built).toEqual([]);
    r.runLater();
    expect(r.built).toEqual(["reply", "prompt"]);
  });

  it("builds what fits in what is left of the budget", () => {
    const r = rig({ budgetMs: 6, costMs: 2, spentMs: 2 });
    for (const name of ["a", "b", "c"]) r.row(name, 1);
    r.endTask();
    expect(r.built).toEqual(["a", "b"]);
    r.runLater();
    expect(r.built).toEqual(["a", "b", "c"]);
  });

  it("still builds at once the rows that cannot wait (rank below 0: a session opening)", () => {
    const r = rig({ budgetMs: 6, costMs: 2, spentMs: 30 });
    r.row("opening", -1);
    r.row("later", 0);
    r.endTask();
    expect(r.built).toEqual(["opening"]);
  });
});

describe("the row scheduler", () => {
  it("builds the best-ranked rows first, within the budget, before the task ends", () => {
    const r = rig({ budgetMs: 6, costMs: 2 });
    r.row("far", 300);
    r.row("near", 10);
    r.row("middle", 100);
    r.row("fourth", 400);
    expect(r.built).toEqual([]);
    r.endTask();
    // 2 ms each: three fit in 6 ms, the fourth waits for a later task.
    expect(r.built).toEqual(["near", "middle", "far"]);
    r.runLater();
    expect(r.built).toEqual(["near", "middle", "far", "fourth"]);
  });

  it("builds rows ranked below 0 whatever the budget", () => {
    const r = rig({ budgetMs: 1, costMs: 5 });
    for (let i = 0; i < 4; i++) r.row(`open${i}`, -1);
    r.row("other", 5);
    r.endTask();
    expect(r.built).toEqual(["open0", "open1", "open2", "open3"]);
    r.runLater();
    expect(r.built).toContain("other");
  });

  it("always builds one row per task, however slow each one is", () => {
    const r = rig({ budgetMs: 1, costMs: 20 });
    r.row("a", 1);
    r.row("b", 2);
    r.endTask();
    expect(r.built).toEqual(["a"]);
    r.runLater();
    expect(r.built).toEqual(["a", "b"]);
  });

  it("shares one budget among the flushes of one task", () => {
    const r = rig({ budgetMs: 6, costMs: 2 });
    for (let i = 0; i < 3; i++) r.row(`first${i}`, i);
    r.endTask();
    // More rows arrive in the same task (say, after measuring moved the range): the budget is spent.
    r.row("second", 0);
    r.endTask();
    expect(r.built).toEqual(["first0", "first1", "first2"]);
    r.runLater();
    expect(r.built).toContain("second");
  });

  it("never builds a row cancelled before its turn", () => {
    const r = rig({ budgetMs: 2, costMs: 2 });
    r.row("a", 1);
    const cancel = r.row("gone", 2);
    r.endTask();
    cancel();
    r.runLater();
    r.runIdle();
    expect(r.built).toEqual(["a"]);
  });

  it("leaves rows out of view that missed their turn to idle time", () => {
    const r = rig({ budgetMs: 2, costMs: 2 });
    r.row("visible", 5);
    r.row("overscan1", OUT_OF_VIEW + 10);
    r.row("overscan2", OUT_OF_VIEW + 20);
    r.endTask();
    expect(r.built).toEqual(["visible"]);
    expect(r.pendingLater()).toBe(1); // only the window's end marker, no slice for rows out of view
    r.runLater();
    expect(r.built).toEqual(["visible"]);
    // An idle slice gets the budget or the idle time left, whichever is less, and builds the nearest first.
    r.runIdle(0);
    expect(r.built).toEqual(["visible", "overscan1"]);
    r.runIdle(50);
    expect(r.built).toEqual(["visible", "overscan1", "overscan2"]);
  });

  it("holds rows out of view while the reader scrolls, and builds them in the first idle time after", () => {
    let scrolling = true;
    const r = rig({ budgetMs: 50, costMs: 2, hold: () => (scrolling ? "out-of-view" : "none") });
    r.row("overscan", OUT_OF_VIEW + 10);
    r.row("visible", 5);
    r.endTask();
    // Budget to spare, but the row out of view waits: the fling may carry it away unseen.
    expect(r.built).toEqual(["visible"]);
    r.runIdle();
    expect(r.built).toEqual(["visible"]);
    expect(r.pendingIdle()).toBe(1); // asked again, not forgotten
    scrolling = false;
    r.runIdle();
    expect(r.built).toEqual(["visible", "overscan"]);
  });

  it("holds every row while the reader races through the list, and builds them at resume(), in view first", () => {
    let racing = true;
    const r = rig({ budgetMs: 50, costMs: 2, hold: () => (racing ? "all" : "none") });
    r.row("overscan", OUT_OF_VIEW + 10);
    r.row("visible", 5);
    r.row("opening", -1);
    r.endTask();
    // Only a row ranked below 0 (the log opening) is built; the others stay boxes, budget or not.
    expect(r.built).toEqual(["opening"]);
    expect(r.pendingLater()).toBe(1); // only the window's end marker: no task spent polling while the race goes on
    r.scheduler.resume(); // too early: still racing, so they stay held
    r.runLater();
    expect(r.built).toEqual(["opening"]);
    racing = false;
    r.scheduler.resume();
    r.runLater();
    expect(r.built).toEqual(["opening", "visible", "overscan"]);
  });

  it("builds rows held by a race in idle time even when nobody calls resume()", () => {
    let racing = true;
    const r = rig({ budgetMs: 50, costMs: 2, hold: () => (racing ? "all" : "none") });
    r.row("visible", 5);
    r.endTask();
    expect(r.built).toEqual([]);
    racing = false;
    r.runIdle();
    expect(r.built).toEqual(["visible"]);
  });

  it("resume() with nothing held does nothing", () => {
    const r = rig();
    r.scheduler.resume();
    expect(r.pendingLater()).toBe(0);
  });

  it("builds nothing after dispose", () => {
    const r = rig();
    r.row("a", 1);
    r.scheduler.dispose();
    r.endTask();
    r.runLater();
    r.runIdle();
    expect(r.built).toEqual([]);
  });
});

describe("the scroll pace", () => {
  it("calls more than the threshold moved within the window a fling, ease-out tail included", () => {
    let time = 0;
    const pace = makeScrollPace(560, 150, () => time);
    pace.note(10_000);
    expect(pace.flinging()).toBe(false); // nothing moved yet
    time += 16;
    pace.note(8_000); // 2,000 px at once: a wheel fling
    expect(pace.flinging()).toBe(true);
    time += 16;
    pace.note(7_990); // the animation's last small steps are still the fling
    expect(pace.flinging()).toBe(true);
    time += 200; // the window has passed: no longer flinging, even with no event since
    expect(pace.flinging()).toBe(false);
  });

  it("does not call reading a fling: 100 px every 50 ms", () => {
    let time = 0;
    const pace = makeScrollPace(560, 150, () => time);
    for (let top = 10_000; top > 9_000; top -= 100) {
      pace.note(top);
      time += 50;
      expect(pace.flinging()).toBe(false);
      expect(pace.racing(700)).toBe(false);
    }
  });

  it("calls two scroll events of a viewport or more each a race, for the window after the last", () => {
    let time = 0;
    const pace = makeScrollPace(560, 150, () => time);
    pace.note(100_000);
    time += 33;
    pace.note(98_000);
    expect(pace.racing(700)).toBe(false); // one jump (Home, a link) is drawn at once
    time += 100; // a busy machine's slow frame: still the same race
    pace.note(96_000);
    expect(pace.racing(700)).toBe(true);
    time += 149;
    expect(pace.racing(700)).toBe(true);
    time += 2; // 150 ms after the last event: over
    expect(pace.racing(700)).toBe(false);
  });

  it("does not call two jumps far apart a race, nor a fast fling of less than a viewport per event", () => {
    let time = 0;
    const pace = makeScrollPace(560, 150, () => time);
    pace.note(100_000);
    time += 16;
    pace.note(99_000);
    time += 1_000; // Home, then End a second later
    pace.note(98_000);
    expect(pace.racing(700)).toBe(false);
    for (let i = 0; i < 10; i++) {
      time += 16;
      pace.note(98_000 - (i + 1) * 400); // 400 px a frame: 25,000 px/s, still a fling not a race
      expect(pace.racing(700)).toBe(false);
      expect(pace.flinging()).toBe(true);
    }
    expect(pace.racing(0)).toBe(false); // a list not laid out yet has no viewport to race past
  });

  it("counts the page's own scrolls as neither", () => {
    let time = 0;
    const pace = makeScrollPace(560, 150, () => time);
    pace.note(0);
    time += 16;
    pace.note(50_000, true); // older messages arrived above: the page moved the position
    time += 16;
    pace.note(60_000, true); // and again
    expect(pace.flinging()).toBe(false);
    expect(pace.racing(700)).toBe(false);
    time += 16;
    pace.note(59_900); // the reader's own 100 px, measured from where the page left it
    expect(pace.flinging()).toBe(false);
  });
});
