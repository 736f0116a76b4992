/**
 * A delta must cost O(log n) at most: the target is a median of ≤ 2 µs per delta with 20,000
 * messages in the session, on the plain reducer. The Solid store adds proxy work per write; its
 * bound here is loose and only catches a cost that grows with the session.
 */
import { expect, test } from "vitest";
import { createRoot } from "solid-js";
import { createInstanceStore } from "../../../src/state/instance-store";
import { applyEvent, type StreamEvent } from "../../../src/state/reducer";
import { emptyInstanceState, type InstanceState } from "../../../src/state/types";

const SESSION = "ses_perf";
const id = (prefix: string, index: number) => `${prefix}_${index.toString(16).padStart(12, "0")}`;

/** Events for a session with `count` finished messages, plus one streaming text part at the end. */
function longSession(count: number): StreamEvent[] {
  const events: StreamEvent[] = [];
  for (let index = 0; index <= count; index++) {
    const messageID = id("msg", index);
    events.push({ type: "message.updated", properties: { sessionID: SESSION, info: { id: messageID, sessionID: SESSION, role: "assistant", time: { created: index } } } });
    const done = index < count;
    const part = { id: id("prt", index), messageID, sessionID: SESSION, type: "text", text: done ? "earlier reply" : "", time: done ? { start: 1, end: 2 } : { start: 1 } };
    events.push({ type: "message.part.updated", properties: { sessionID: SESSION, part, time: 1 } });
  }
  return events;
}

function deltaFor(count: number, text: string): StreamEvent {
  return { type: "message.part.delta", properties: { sessionID: SESSION, messageID: id("msg", count), partID: id("prt", count), field: "text", delta: text } };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median per-delta time in µs over `samples` runs of `perSample` deltas. */
function measure(applyMany: (deltas: StreamEvent[]) => void, count: number, samples = 25, perSample = 2000): number {
  const deltas = Array.from({ length: perSample }, (_, index) => deltaFor(count, `tok${index} `));
  applyMany(deltas); // warm up the JIT
  const times: number[] = [];
  for (let sample = 0; sample < samples; sample++) {
    const start = performance.now();
    applyMany(deltas);
    times.push(((performance.now() - start) * 1000) / perSample);
  }
  return median(times);
}

function plainState(count: number): InstanceState {
  const state = emptyInstanceState();
  for (const event of longSession(count)) applyEvent(state, event);
  return state;
}

test("plain reducer: median ≤ 2 µs per delta with 20,000 messages, and no growth with length", () => {
  const long = plainState(20_000);
  const short = plainState(200);
  const applyTo = (state: InstanceState) => (deltas: StreamEvent[]) => {
    for (const delta of deltas) applyEvent(state, delta);
  };
  const longCost = measure(applyTo(long), 20_000);
  const shortCost = measure(applyTo(short), 200);
  console.info(`delta cost, plain reducer: ${longCost.toFixed(3)} µs at 20,000 messages, ${shortCost.toFixed(3)} µs at 200`);
  expect(long.dropped).toEqual({ unknown: 0, malformed: 0, internal: 0 });
  expect(long.parts[id("msg", 20_000)][0]).toMatchObject({ text: expect.stringMatching(/^tok0 tok1 /) });
  expect(longCost).toBeLessThanOrEqual(2);
  expect(longCost).toBeLessThan(shortCost * 4 + 0.2);
});

test("Solid store: per-delta cost in a batch does not grow with the session", () => {
  createRoot((dispose) => {
    const cost = (count: number) => {
      const store = createInstanceStore();
      store.applyEvents(longSession(count));
      return measure((deltas) => store.applyEvents(deltas), count, 9, 2000);
    };
    const longCost = cost(20_000);
    const shortCost = cost(200);
    console.info(`delta cost, Solid store batch: ${longCost.toFixed(3)} µs at 20,000 messages, ${shortCost.toFixed(3)} µs at 200`);
    expect(longCost).toBeLessThan(20);
    expect(longCost).toBeLessThan(shortCost * 4 + 0.5);
    dispose();
  });
});
