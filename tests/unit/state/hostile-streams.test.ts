/**
 * Fuzzing the whole state path with the captured streams made hostile (tests/fixtures/hostile.ts):
 * every message goes through the transport's unwrap, the per-frame batcher and the Solid store, as
 * in the app. Whatever the stream holds, nothing throws out, what cannot be used is counted, no bug
 * of ours is hit (no "internal" drop), no prototype is touched, and a well-formed permission request
 * arriving in the same frame as the garbage is in the store, ready to be answered.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { createRoot } from "solid-js";
import { makeEventBatcher } from "../../../src/state/batcher";
import { createInstanceStore } from "../../../src/state/instance-store";
import { applySnapshot } from "../../../src/state/resync";
import { MALFORMED, routeGlobalMessage, SKIPPED } from "../../../src/transport/global-event";
import type { RoutedEvent } from "../../../src/transport/types";
import { FIXTURES_DIR, parseGlobalEventCapture, readFixtureText } from "../../fixtures/load";
import { hostileStream } from "../../fixtures/hostile";

/** Every capture and recording, except the 20,000-delta burst (its size adds time, not cases). */
function streams(): Array<[string, RoutedEvent[]]> {
  const found: Array<[string, RoutedEvent[]]> = [];
  for (const folder of ["captures", "recorded"]) {
    const dir = join(FIXTURES_DIR, folder);
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).sort()) {
      if (!/\.global-event\.txt(\.gz)?$/.test(file) || file.startsWith("10-long20000")) continue;
      found.push([`${folder}/${file}`, parseGlobalEventCapture(readFixtureText(join(dir, file)), "i")]);
    }
  }
  return found;
}

const permission = (n: number) => ({
  id: `per_fuzz_${n}`,
  sessionID: `ses_fuzz_${n}`,
  permission: "bash",
  patterns: ["ls"],
  always: ["ls *"],
  metadata: { command: "ls" },
});

// The store reports internal errors on the console; the test fails on them through the counts.
beforeEach(() => void vi.spyOn(console, "error").mockImplementation(() => undefined));
afterEach(() => vi.restoreAllMocks());

describe("hostile streams through transport unwrap, batcher and store", () => {
  const all = streams();
  test("there are streams to fuzz", () => expect(all.length).toBeGreaterThanOrEqual(15));

  test.each(all.flatMap(([name, events]) => [1, 2, 3].map((seed) => [name, seed, events] as const)))("%s, seed %d", (_, seed, events) => {
    createRoot((dispose) => {
      const store = createInstanceStore({ now: () => 1 });
      const frames: Array<() => void> = [];
      const batcher = makeEventBatcher({
        apply: (batch) => store.applyEvents(batch),
        schedule: (flush) => (frames.push(flush), () => undefined),
      });
      const texts = hostileStream(events, { seed, rate: 0.35, hugeLength: 256 * 1024 });
      const feed = (text: string) => {
        const routed = routeGlobalMessage("i", text);
        if (routed === MALFORMED) store.countMalformed();
        else if (routed !== SKIPPED) batcher.push(routed);
      };
      expect(() => {
        // Frames of about 40 messages, as a busy stream delivers them.
        texts.forEach((text, index) => {
          feed(text);
          if (index % 40 === 39) frames.splice(0).forEach((flush) => flush());
        });
        // Garbage every stream ends with, however few of its own events the seed mutated.
        feed(
          '{"payload":{"type":"message.updated","properties":{"info":{"id":"constructor","sessionID":"__proto__","role":"assistant","time":{}}}}}',
        );
        feed('{"payload":{"type":"made.up","properties":{}}}');
        // The request comes in the same frame as the last of the garbage.
        feed(JSON.stringify({ directory: "/home/dev/alpha", payload: { type: "permission.asked", properties: permission(seed) } }));
        batcher.flush();
      }).not.toThrow();

      expect(store.state.permissions[`ses_fuzz_${seed}`]?.map((request) => request.id)).toEqual([`per_fuzz_${seed}`]);
      const { dropped } = store.state;
      expect(dropped.malformed + dropped.unknown).toBeGreaterThan(0);
      expect(dropped.internal).toBe(0);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty("sessionID");
      // A REST snapshot merged after the garbage finds a state it can work with.
      expect(() => store.applySnapshot({ status: {}, permissions: [permission(seed)] as never })).not.toThrow();
      expect(store.state.permissions[`ses_fuzz_${seed}`]).toHaveLength(1);
      dispose();
    });
  });

  test("a REST snapshot made of the same garbage is merged without throwing", () => {
    const [, events] = all.find(([name]) => name.includes("02-task"))!;
    const junk: unknown[] = hostileStream(events, { seed: 9, rate: 1 }).map((text) => {
      try {
        return (JSON.parse(text) as { payload?: { properties?: unknown } }).payload?.properties;
      } catch {
        return text;
      }
    });
    junk.push(null, 7, "x", [], { info: null, parts: null }, { info: { id: "msg_x" }, parts: [null, { id: 5 }] });
    const snapshot = JSON.parse(
      JSON.stringify({
        sessions: junk,
        projects: junk,
        permissions: junk,
        questions: junk,
        status: { constructor: { type: "busy" }, x: null, y: "busy" },
        messages: { ses_1: junk, constructor: [{ info: junk[0], parts: junk }], toString: "x" },
        todos: { ses_1: junk, toString: "x" },
        unread: { status: "x", permissions: [null] },
      }),
    );
    createRoot((dispose) => {
      const store = createInstanceStore();
      store.applyEvents(events);
      expect(() => store.applySnapshot(snapshot)).not.toThrow();
      expect(() => applySnapshot(JSON.parse(JSON.stringify(store.state)) as never, snapshot)).not.toThrow();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      dispose();
    });
  });
});
