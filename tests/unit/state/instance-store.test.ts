/**
 * The Solid store around the reducer: a real `createStore` inside `createRoot`, read reactively
 * through memos, fed by real captures.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { createMemo, createRoot } from "solid-js";
import { createStore, unwrap } from "solid-js/store";
import { createInstanceStore, makeInstanceStore } from "../../../src/state/instance-store";
import { emptyInstanceState } from "../../../src/state/types";
import type { StreamEvent } from "../../../src/state/reducer";
import type { RoutedEvent } from "../../../src/transport/types";
import { loadCapture } from "../../fixtures/load";
import { replay } from "./helpers";

function withRoot(run: () => void) {
  createRoot((dispose) => {
    try {
      run();
    } finally {
      dispose();
    }
  });
}

describe("createInstanceStore", () => {
  test("a memo over the reply text updates after applyEvents, once per batch", () => {
    withRoot(() => {
      const events = loadCapture("01-hi");
      const store = createInstanceStore({ now: () => 1 });
      const partIndex = events.findIndex((routed) => routed.event.type === "message.part.delta");
      const { messageID, partID } = events[partIndex].event.properties as { messageID: string; partID: string };
      let runs = 0;
      const text = createMemo(() => {
        runs++;
        const part = store.state.parts[messageID]?.find((candidate) => candidate.id === partID);
        return part && "text" in part ? part.text : undefined;
      });
      expect(text()).toBeUndefined();
      store.applyEvents(events.slice(0, partIndex + 1));
      expect(text()).toBe("Hello fro");
      const before = runs;
      store.applyEvents(events.slice(partIndex + 1, partIndex + 4));
      expect(text()).toBe("Hello from the fake model! This is a");
      expect(runs).toBe(before + 1);
      store.applyEvents(events.slice(partIndex + 4));
      expect(text()).toBe("Hello from the fake model! This is a streamed reply.");
      expect(unwrap(store.state)).toEqual(replay(events));
    });
  });

  test("accepts bare events as well as routed ones, and returns what must be reloaded", () => {
    withRoot(() => {
      const store = createInstanceStore();
      const needs = store.applyEvents([
        { type: "session.status", properties: { sessionID: "ses_1", status: { type: "busy" } } },
        ...loadCapture("11-dispose"),
        { type: "global.disposed", properties: {} },
      ]);
      expect(store.state.status.ses_1).toEqual({ type: "busy" });
      expect(needs).toEqual([{ scope: "directory", directory: "/home/dev/alpha" }, { scope: "all" }]);
    });
  });

  test("the whole 20,000-delta capture in frame-sized batches matches the plain replay", () => {
    withRoot(() => {
      const events = loadCapture("10-long20000-burst");
      const store = createInstanceStore({ now: () => 1 });
      for (let index = 0; index < events.length; index += 1000) store.applyEvents(events.slice(index, index + 1000));
      expect(unwrap(store.state)).toEqual(replay(events));
    });
  });

  test("a snapshot after reconnect keeps what events changed since server.connected", () => {
    withRoot(() => {
      const store = createInstanceStore();
      const connected: RoutedEvent = { instanceId: "i", directory: undefined, event: { type: "server.connected", properties: {} } };
      const busy: RoutedEvent = {
        instanceId: "i",
        directory: "/d",
        event: { type: "session.status", properties: { sessionID: "ses_2", status: { type: "busy" } } },
      };
      store.applyEvents([connected, busy]);
      // REST was answered before ses_2 got busy and while ses_1 was still busy.
      store.applySnapshot({ status: { ses_1: { type: "busy" } } });
      expect(store.state.status).toEqual({ ses_1: { type: "busy" }, ses_2: { type: "busy" } });
      // After the next connect, the same snapshot wins again.
      store.applyEvents([connected]);
      store.applySnapshot({ status: { ses_1: { type: "busy" } } });
      expect(store.state.status).toEqual({ ses_1: { type: "busy" } });
    });
  });

  test("reset empties the store and readers see it", () => {
    withRoot(() => {
      const store = createInstanceStore();
      store.applyEvents(loadCapture("01-hi"));
      const count = createMemo(() => Object.keys(store.state.sessions).length);
      expect(count()).toBe(1);
      store.reset();
      expect(count()).toBe(0);
      expect(store.state.directories).toEqual([]);
    });
  });
});

test("countMalformed counts what the transport could not unwrap", () => {
  withRoot(() => {
    const store = createInstanceStore();
    const dropped = createMemo(() => store.state.dropped.malformed);
    store.countMalformed();
    store.applyEvents([{ type: "session.idle", properties: {} }]);
    expect(dropped()).toBe(2);
  });
});

describe("the delta fast path", () => {
  // Frames as the batcher makes them: deltas merged per part, cut wherever, mixed with other events.
  const captures = ["01-hi", "02-task", "09-long2000-paced2ms", "13-write-todo"];

  test.each(captures)("ends in exactly the state of the reducer alone (%s), frame by frame", (name) => {
    withRoot(() => {
      const events = loadCapture(name);
      const fast = createInstanceStore({ now: () => 1 });
      const [plain, setPlain] = createStore(emptyInstanceState());
      const reducerOnly = makeInstanceStore(setPlain, { now: () => 1 });
      for (let i = 0; i < events.length; i += 7) {
        const frame = events.slice(i, i + 7);
        fast.applyEvents(frame);
        reducerOnly.applyEvents(frame);
      }
      expect(unwrap(fast.state)).toEqual(unwrap(plain));
      expect(unwrap(fast.state)).toEqual(replay(events));
    });
  });

  test("writes a frame of deltas to a streaming part without produce, and falls back for anything else", () => {
    withRoot(() => {
      const events = loadCapture("01-hi");
      const [state, setState] = createStore(emptyInstanceState());
      const writes: string[] = [];
      const spy = ((...args: unknown[]) => {
        writes.push(typeof args[0] === "function" ? "produce" : "path");
        return (setState as (...a: unknown[]) => void)(...args);
      }) as typeof setState;
      const store = makeInstanceStore(spy, { now: () => 1 }, () => unwrap(state));
      const firstDelta = events.findIndex((routed) => routed.event.type === "message.part.delta");
      store.applyEvents(events.slice(0, firstDelta));
      writes.length = 0;
      const deltas = events
        .slice(firstDelta)
        .filter((routed) => routed.event.type === "message.part.delta")
        .slice(0, 2);
      store.applyEvents(deltas);
      expect(writes).toEqual(["path", "path"]);
      writes.length = 0;
      // A delta for a part nobody announced: the reducer's placeholder rule, through produce.
      store.applyEvents([
        { type: "message.part.delta", properties: { sessionID: "ses_x", messageID: "msg_x", partID: "prt_x", field: "text", delta: "hi" } },
      ]);
      expect(writes).toEqual(["produce"]);
      expect((unwrap(state).parts.msg_x[0] as { text: string }).text).toBe("hi");
    });
  });
});

describe("one bad event costs that event only", () => {
  // The internal errors below are reported on the console on purpose; keep the test output clean.
  beforeEach(() => void vi.spyOn(console, "error").mockImplementation(() => undefined));
  afterEach(() => vi.restoreAllMocks());
  const permission = { id: "per_1", sessionID: "ses_1", permission: "bash", patterns: ["ls"], always: ["ls *"], metadata: {} };
  // A payload that throws when read: what a bug of ours, or an exotic object, looks like to the reducer.
  const exploding = (type: string) => ({
    type,
    get properties(): unknown {
      throw new Error(`cannot read ${type}`);
    },
  });

  test("a throwing delta in a frame of deltas is counted as internal, and the rest of the frame applies", () => {
    withRoot(() => {
      const store = createInstanceStore({ now: () => 7 });
      const part = { id: "prt_1", messageID: "msg_1", sessionID: "ses_1", type: "text", text: "" };
      store.applyEvents([{ type: "message.part.updated", properties: { sessionID: "ses_1", part } }]);
      const delta = (text: string) => ({
        type: "message.part.delta",
        properties: { sessionID: "ses_1", messageID: "msg_1", partID: "prt_1", field: "text", delta: text },
      });
      expect(() =>
        store.applyEvents([delta("a"), exploding("message.part.delta"), delta("b"), { type: "permission.asked", properties: permission }]),
      ).not.toThrow();
      expect((store.state.parts.msg_1[0] as { text: string }).text).toBe("ab");
      expect(store.state.permissions.ses_1.map((p) => p.id)).toEqual(["per_1"]);
      expect(store.state.dropped).toEqual({ unknown: 0, malformed: 0, internal: 1 });
      expect(unwrap(store.state.recentDrops)).toEqual([
        { reason: "internal", type: "message.part.delta", detail: "Error: cannot read message.part.delta", at: 7 },
      ]);
    });
  });

  test("bad payloads, unknown types and unusable ids are counted by reason; a later permission request still shows", () => {
    withRoot(() => {
      const store = createInstanceStore({ now: () => 7 });
      store.applyEvents([
        {
          type: "message.part.delta",
          properties: { sessionID: "ses_1", messageID: "constructor", partID: "prt_x", field: "text", delta: "x" },
        },
        {
          type: "message.part.delta",
          properties: { sessionID: "__proto__", messageID: "__proto__", partID: "prt_y", field: "text", delta: "y" },
        },
        { type: "message.updated", properties: { info: { id: "msg_2", sessionID: "ses_1", role: "assistant", time: {} } } },
        exploding("session.status"),
        { type: "made.up", properties: {} },
        null as unknown as StreamEvent,
        { type: "permission.asked", properties: { ...permission, sessionID: "__proto__" } },
        { type: "permission.asked", properties: permission },
      ]);
      expect(store.state.permissions.ses_1.map((p) => p.id)).toEqual(["per_1"]);
      expect(store.state.messages.ses_1.map((m) => m.id)).toEqual(["msg_2"]);
      expect(store.state.dropped).toEqual({ unknown: 1, malformed: 3, internal: 1 });
      expect(store.state.recentDrops.map((drop) => `${drop.reason} ${drop.type}`)).toEqual([
        "malformed message.part.delta",
        "internal session.status",
        "unknown made.up",
        "malformed (none)",
        "malformed permission.asked",
      ]);
    });
  });

  test("the drops it remembers are the last five", () => {
    withRoot(() => {
      const store = createInstanceStore();
      store.applyEvents(Array.from({ length: 8 }, (_, i) => ({ type: `made.up.${i}`, properties: {} })));
      expect(store.state.dropped.unknown).toBe(8);
      expect(store.state.recentDrops.map((drop) => drop.type)).toEqual(["made.up.3", "made.up.4", "made.up.5", "made.up.6", "made.up.7"]);
    });
  });
});
