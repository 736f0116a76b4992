/**
 * The frame batcher with a hand-driven schedule: one apply per frame, consecutive deltas of the same
 * part merged, everything else kept in order, and a real capture that ends in the same state.
 */
import { describe, expect, test, vi } from "vitest";
import { makeEventBatcher } from "../../../src/state/batcher";
import type { RoutedEvent } from "../../../src/transport/types";
import { applyEvent } from "../../../src/state/reducer";
import { emptyInstanceState } from "../../../src/state/types";
import { loadCapture } from "../../fixtures/load";
import { countType, replay } from "./helpers";

function delta(partID: string, text: string, field = "text", messageID = "msg_1"): RoutedEvent {
  return {
    instanceId: "i",
    directory: "/d",
    event: { type: "message.part.delta", properties: { sessionID: "ses_1", messageID, partID, field, delta: text } },
  };
}
const status: RoutedEvent = {
  instanceId: "i",
  directory: "/d",
  event: { type: "session.status", properties: { sessionID: "ses_1", status: { type: "busy" } } },
};

/** A schedule the test runs by hand: `frame()` fires what is pending. */
function manualFrames() {
  const pending: Array<() => void> = [];
  let cancelled = 0;
  return {
    schedule: (callback: () => void) => {
      pending.push(callback);
      return () => {
        const index = pending.indexOf(callback);
        if (index >= 0) pending.splice(index, 1);
        cancelled++;
      };
    },
    frame: () => pending.splice(0).forEach((callback) => callback()),
    pendingCount: () => pending.length,
    cancelled: () => cancelled,
  };
}

const deltaText = (routed: RoutedEvent) => (routed.event.properties as { delta: string }).delta;

describe("makeEventBatcher", () => {
  test("applies once per frame, with everything pushed since the last one", () => {
    const frames = manualFrames();
    const apply = vi.fn();
    const batcher = makeEventBatcher({ schedule: frames.schedule, apply });
    batcher.push(status);
    batcher.push(delta("prt_1", "a"));
    expect(frames.pendingCount()).toBe(1);
    expect(apply).not.toHaveBeenCalled();
    frames.frame();
    expect(apply).toHaveBeenCalledTimes(1);
    expect(apply.mock.calls[0][0]).toHaveLength(2);
    frames.frame();
    expect(apply).toHaveBeenCalledTimes(1);
    batcher.push(status);
    frames.frame();
    expect(apply).toHaveBeenCalledTimes(2);
  });

  test("merges consecutive deltas of the same part and field, without touching the pushed events", () => {
    const frames = manualFrames();
    const apply = vi.fn();
    const batcher = makeEventBatcher({ schedule: frames.schedule, apply });
    const pushed = [delta("prt_1", "Hel"), delta("prt_1", "lo "), delta("prt_1", "world")];
    pushed.forEach(batcher.push);
    frames.frame();
    const [batch] = apply.mock.calls[0] as [RoutedEvent[]];
    expect(batch.map(deltaText)).toEqual(["Hello world"]);
    expect(pushed.map(deltaText)).toEqual(["Hel", "lo ", "world"]);
  });

  test("keeps order and does not merge across another event, another part or another field", () => {
    const frames = manualFrames();
    const apply = vi.fn();
    const batcher = makeEventBatcher({ schedule: frames.schedule, apply });
    [
      delta("prt_1", "a"),
      delta("prt_1", "b"),
      status,
      delta("prt_1", "c"),
      delta("prt_2", "d"),
      delta("prt_2", "e", "other"),
      delta("prt_1", "f"),
    ].forEach(batcher.push);
    frames.frame();
    const [batch] = apply.mock.calls[0] as [RoutedEvent[]];
    expect(batch.map((routed) => (routed.event.type === "session.status" ? "status" : deltaText(routed)))).toEqual([
      "ab",
      "status",
      "c",
      "d",
      "e",
      "f",
    ]);
  });

  test("flush applies now and cancels the pending frame; dispose drops the queue", () => {
    const frames = manualFrames();
    const apply = vi.fn();
    const batcher = makeEventBatcher({ schedule: frames.schedule, apply });
    batcher.push(status);
    batcher.flush();
    expect(apply).toHaveBeenCalledTimes(1);
    expect(frames.pendingCount()).toBe(0);
    batcher.flush();
    expect(apply).toHaveBeenCalledTimes(1);
    batcher.push(status);
    batcher.dispose();
    frames.frame();
    batcher.push(status);
    batcher.flush();
    expect(apply).toHaveBeenCalledTimes(1);
  });

  test("flushes at once when too many events wait (hidden tabs run no frames)", () => {
    const frames = manualFrames();
    const apply = vi.fn();
    const batcher = makeEventBatcher({ schedule: frames.schedule, apply, maxQueued: 3 });
    [status, status, status].forEach(batcher.push);
    expect(apply).toHaveBeenCalledTimes(1);
  });

  test("the default schedule falls back to a timeout when there are no animation frames", async () => {
    vi.useFakeTimers();
    try {
      const apply = vi.fn();
      const batcher = makeEventBatcher({ apply });
      batcher.push(status);
      vi.advanceTimersByTime(99);
      expect(apply).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(apply).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

  test("a 20,000-delta capture through the batcher ends in the same state, in few applies", () => {
    const events = loadCapture("10-long20000-burst");
    const frames = manualFrames();
    const state = emptyInstanceState();
    let applied = 0;
    const batcher = makeEventBatcher({
      schedule: frames.schedule,
      apply: (batch) => {
        applied += batch.length;
        for (const routed of batch) applyEvent(state, routed.event, routed.directory, { now: () => 1 });
      },
    });
    // Deliver in chunks of 500, one frame after each: a burst as the browser would see it.
    for (let index = 0; index < events.length; index++) {
      batcher.push(events[index]);
      if (index % 500 === 499) frames.frame();
    }
    frames.frame();
    expect(countType(events, "message.part.delta")).toBe(20_000);
    expect(applied).toBeLessThan(200);
    expect(state).toEqual(replay(events));
  });
});
