import { describe, expect, it } from "vitest";
import { makeSharedFrame } from "../../../src/app/shared-frame";
import type { ScheduleFrame } from "../../../src/state/batcher";

/** A frame source driven by hand: `frame()` runs what was scheduled; counts what was asked. */
function frames() {
  let pending: Array<() => void> = [];
  let asked = 0;
  let cancelled = 0;
  const base: ScheduleFrame = (callback) => {
    asked++;
    pending.push(callback);
    return () => {
      cancelled++;
      pending = pending.filter((c) => c !== callback);
    };
  };
  const frame = () => {
    const run = pending;
    pending = [];
    for (const callback of run) callback();
  };
  return { base, frame, asked: () => asked, cancelled: () => cancelled };
}

describe("the shared frame", () => {
  it("runs every batcher's flush of a frame in one frame, inside one wrap", () => {
    const f = frames();
    const order: string[] = [];
    const schedule = makeSharedFrame(f.base, (run) => {
      order.push("wrap start");
      run();
      order.push("wrap end");
    });
    schedule(() => order.push("server 1"));
    schedule(() => order.push("server 2"));
    schedule(() => order.push("server 3"));
    expect(f.asked()).toBe(1);
    f.frame();
    expect(order).toEqual(["wrap start", "server 1", "server 2", "server 3", "wrap end"]);
    // The next frame is asked for again.
    schedule(() => order.push("server 1 again"));
    expect(f.asked()).toBe(2);
  });

  it("drops a cancelled callback, and gives the frame back when none is left", () => {
    const f = frames();
    const ran: string[] = [];
    const schedule = makeSharedFrame(f.base);
    const cancelOne = schedule(() => ran.push("one"));
    const cancelTwo = schedule(() => ran.push("two"));
    cancelOne();
    expect(f.cancelled()).toBe(0);
    cancelTwo();
    expect(f.cancelled()).toBe(1);
    f.frame();
    expect(ran).toEqual([]);
    schedule(() => ran.push("three"));
    f.frame();
    expect(ran).toEqual(["three"]);
  });

  it("runs the other flushes when one throws, and rethrows its error afterwards", async () => {
    const f = frames();
    const ran: string[] = [];
    const schedule = makeSharedFrame(f.base);
    const thrown: unknown[] = [];
    const onError = (error: unknown) => thrown.push(error);
    process.on("uncaughtException", onError);
    try {
      schedule(() => {
        throw new Error("bad batch");
      });
      schedule(() => ran.push("next server"));
      f.frame();
      expect(ran).toEqual(["next server"]);
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(thrown).toEqual([new Error("bad batch")]);
    } finally {
      process.off("uncaughtException", onError);
    }
  });
});
