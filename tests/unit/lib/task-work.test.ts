import { describe, expect, it } from "vitest";
import { asTaskWork, taskWorkStartedAt } from "../../../src/lib/task-work";

describe("task work", () => {
  it("says when it began while it runs and while the microtasks it queued run, and nothing after", async () => {
    expect(taskWorkStartedAt()).toBeUndefined();
    let inside: number | undefined;
    let inMicrotask: number | undefined;
    asTaskWork(
      () => {
        inside = taskWorkStartedAt();
        queueMicrotask(() => (inMicrotask = taskWorkStartedAt()));
      },
      () => 42,
    );
    expect(inside).toBe(42);
    await Promise.resolve();
    expect(inMicrotask).toBe(42);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(taskWorkStartedAt()).toBeUndefined();
  });

  it("keeps the outer start when nested, and clears it when run throws", async () => {
    let nested: number | undefined;
    asTaskWork(
      () =>
        asTaskWork(
          () => (nested = taskWorkStartedAt()),
          () => 2,
        ),
      () => 1,
    );
    expect(nested).toBe(1);
    await Promise.resolve();
    expect(() =>
      asTaskWork(
        () => {
          throw new Error("boom");
        },
        () => 3,
      ),
    ).toThrow("boom");
    await Promise.resolve();
    expect(taskWorkStartedAt()).toBeUndefined();
  });
});
