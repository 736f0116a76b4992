/**
 * Cutting real streams: part of a stream is applied, then a REST snapshot, then the rest of the
 * stream, and the end state must equal the uncut replay with no text lost or doubled on the way.
 * The snapshots are built the way the server builds its REST answers: a text part's text is stored
 * only by `message.part.updated` (deltas are broadcast, never saved; see the processor in opencode),
 * so a "persisted" replay that skips deltas is exactly what `GET /session/:id/message` returns.
 */
import { describe, expect, test } from "vitest";
import type { Part } from "@opencode-ai/sdk/v2/client";
import { createRoot } from "solid-js";
import { unwrap } from "solid-js/store";
import { createInstanceStore } from "../../../src/state/instance-store";
import { applyEvent } from "../../../src/state/reducer";
import { applySnapshot, type InstanceSnapshot } from "../../../src/state/resync";
import { recordTouched } from "../../../src/state/touched";
import { emptyInstanceState, type InstanceState } from "../../../src/state/types";
import type { RoutedEvent } from "../../../src/transport/types";
import { loadCapture, loadRecordedFixtures } from "../../fixtures/load";
import { allParts, lastPartUpdates, replay } from "./helpers";

/** What the REST API would have answered after the server processed `events`. */
function restSnapshot(events: readonly RoutedEvent[], directory?: string): InstanceSnapshot {
  const live = replay(events);
  const persisted = replay(events.filter((routed) => routed.event.type !== "message.part.delta"));
  return structuredClone({
    directory,
    sessions: Object.values(persisted.sessions).filter((session) => !directory || session.directory === directory),
    status: live.status,
    permissions: Object.values(live.permissions).flat(),
    questions: Object.values(live.questions).flat(),
    todos: persisted.todos,
    messages: Object.fromEntries(
      Object.entries(persisted.messages).map(([sessionID, messages]) => [
        sessionID,
        messages.map((info) => ({ info, parts: persisted.parts[info.id] ?? [] })),
      ]),
    ),
  });
}

/** Text is never doubled: every text a part shows is a prefix of the text it ends with. */
function expectNoDoubling(state: InstanceState, finals: Map<string, Part>) {
  for (const part of allParts(state)) {
    if (part.type !== "text" && part.type !== "reasoning") continue;
    const final = finals.get(part.id) as { text: string } | undefined;
    if (final && !final.text.startsWith(part.text)) {
      throw new Error(`part ${part.id} shows ${JSON.stringify(part.text.slice(-40))}… which is not a prefix of its final text`);
    }
  }
}

const CAPTURES = ["01-hi", "02-task", "03-permission", "05-error-reason-abort", "09-long2000-paced2ms", "13-write-todo"];

describe.each(CAPTURES)("cutting %s", (name) => {
  const events = loadCapture(name);
  const uncut = replay(events);
  const finals = lastPartUpdates(events);
  const cuts = [0.2, 0.4, 0.5, 0.6, 0.8].map((fraction) => Math.floor(events.length * fraction));

  test.each(cuts)("at %i, with a snapshot that already holds later events (overlap)", (cut) => {
    for (const overlap of [0, 3, 25, 200]) {
      const taken = Math.min(events.length, cut + overlap);
      const state = replay(events.slice(0, cut));
      const touched = new Set<string>();
      for (const routed of events.slice(0, cut)) recordTouched(touched, routed.event);
      applySnapshot(state, restSnapshot(events.slice(0, taken), "/home/dev/alpha"), touched);
      expectNoDoubling(state, finals);
      for (const routed of events.slice(cut)) {
        applyEvent(state, routed.event, routed.directory, { now: () => 1 });
        expectNoDoubling(state, finals);
      }
      expect(state).toEqual(uncut);
    }
  });

  test.each(cuts)("at %i, after missing events while disconnected (gap), through the Solid store", (cut) => {
    createRoot((dispose) => {
      const lost = Math.min(events.length, cut + 10);
      const fetched = Math.min(events.length, lost + 15);
      const applied = Math.min(events.length, fetched + 5);
      const store = createInstanceStore({ now: () => 1 });
      store.applyEvents(events.slice(0, cut));
      // Reconnect: nothing between `cut` and `lost` arrives; the REST answer reflects `fetched`.
      store.applyEvents([{ instanceId: "test", directory: undefined, event: { type: "server.connected", properties: {} } }]);
      store.applyEvents(events.slice(lost, applied));
      store.applySnapshot(restSnapshot(events.slice(0, fetched)));
      for (const part of allParts(store.state)) {
        const final = finals.get(part.id) as { text?: string } | undefined;
        if ("text" in part && final?.text !== undefined) expect(part.text.length).toBeLessThanOrEqual(final.text.length);
      }
      store.applyEvents(events.slice(applied));
      expect(unwrap(store.state)).toEqual(uncut);
      dispose();
    });
  });
});

test("10-long20000-burst cut in the middle of the 20,000 deltas, with overlap", () => {
  const events = loadCapture("10-long20000-burst");
  const uncut = replay(events);
  const finals = lastPartUpdates(events);
  const cut = Math.floor(events.length / 2);
  const state = replay(events.slice(0, cut));
  const before = allParts(state).map((part) => ("text" in part ? part.text.length : 0));
  applySnapshot(state, restSnapshot(events.slice(0, cut + 1000)));
  // REST holds "" for the streaming part; the 10,000 streamed chunks we had must survive.
  expect(allParts(state).map((part) => ("text" in part ? part.text.length : 0))).toEqual(before);
  for (let index = cut; index < events.length; index++) {
    applyEvent(state, events[index].event, events[index].directory, { now: () => 1 });
    if (index % 1000 === 0) expectNoDoubling(state, finals);
  }
  expect(state).toEqual(uncut);
});

test("a snapshot taken after the part ended replaces partial text, and replayed deltas do not double it", () => {
  const events = loadCapture("09-long2000-paced2ms");
  const finals = lastPartUpdates(events);
  const cut = 500;
  const state = replay(events.slice(0, cut));
  applySnapshot(state, restSnapshot(events));
  expectNoDoubling(state, finals);
  const streamed = allParts(state).find((part) => part.type === "text" && part.text.length > 10_000);
  expect(streamed).toBeDefined();
  for (const routed of events.slice(cut)) {
    applyEvent(state, routed.event, routed.directory, { now: () => 1 });
    expectNoDoubling(state, finals);
  }
  expect(state).toEqual(replay(events));
});

test("without a cut, a snapshot of the same moment changes nothing", () => {
  const events = loadCapture("02-task");
  const state = replay(events);
  const before = structuredClone(state);
  applySnapshot(state, restSnapshot(events, "/home/dev/alpha"));
  expect(state).toEqual(before);
  expect(emptyInstanceState()).not.toEqual(before);
});

describe("recorded streams cut in half, with the REST answer the real server gave at the end", () => {
  // Iterates whatever tests/fixtures/recorded holds; the shared captures above keep this file meaningful.
  for (const fixture of loadRecordedFixtures()) {
    test(fixture.name, () => {
      const { events, rest } = fixture;
      const finals = lastPartUpdates(events);
      const uncut = replay(events);
      const cut = Math.floor(events.length / 2);
      const state = replay(events.slice(0, cut));
      const touched = new Set<string>();
      for (const routed of events.slice(0, cut)) recordTouched(touched, routed.event);
      applySnapshot(
        state,
        { sessions: rest.sessions, status: rest.status, permissions: rest.permissions, messages: structuredClone(rest.messages) },
        touched,
      );
      for (const routed of events.slice(cut)) {
        applyEvent(state, routed.event, routed.directory, { now: () => 1 });
        expectNoDoubling(state, finals);
      }
      expect(visible(state)).toEqual(visible(uncut));
      expect(Object.keys(state.sessions).length).toBeGreaterThan(0);
    });
  }
});

/** What a user sees: message ids per session and each part's id, type, text and tool status. */
function visible(state: InstanceState) {
  return Object.fromEntries(
    Object.entries(state.messages).map(([sessionID, messages]) => [
      sessionID,
      messages.map((message) => ({
        id: message.id,
        parts: (state.parts[message.id] ?? []).map((part) => ({
          id: part.id,
          type: part.type,
          text: "text" in part ? part.text : undefined,
          status: part.type === "tool" ? part.state.status : undefined,
        })),
      })),
    ]),
  );
}
