/**
 * Ids that are also names of Object.prototype members. A server may send them (ids are strings it
 * chooses) and a deep link may carry them; they must be ordinary keys everywhere the state keeps ids.
 */
import { describe, expect, test } from "vitest";
import { createRoot } from "solid-js";
import { unwrap } from "solid-js/store";
import { createInstanceStore } from "../../../src/state/instance-store";
import { applyEvent } from "../../../src/state/reducer";
import { applySnapshot } from "../../../src/state/resync";
import { emptyInstanceState, type InstanceState } from "../../../src/state/types";

const NAMES = ["constructor", "toString", "hasOwnProperty", "valueOf", "isPrototypeOf"];

/** `map[key]` typed by the index signature (TypeScript reads `map.valueOf` as Object's method). */
const at = <T>(map: Record<string, T>, key: string): T => map[key];

const apply = (state: InstanceState, type: string, properties: unknown) => applyEvent(state, { type, properties }, "/d", { now: () => 1 });

function session(id: string) {
  return { id, slug: id, projectID: "p", directory: "/d", title: `title ${id}`, version: "1", time: { created: 1, updated: 1 } };
}

describe("ids named like Object.prototype members", () => {
  test("an empty state holds nothing under them", () => {
    const state = emptyInstanceState();
    for (const name of NAMES) {
      for (const map of [
        state.sessions,
        state.messages,
        state.parts,
        state.status,
        state.permissions,
        state.questions,
        state.todos,
        state.errors,
      ]) {
        expect((map as Record<string, unknown>)[name]).toBeUndefined();
        expect(name in map).toBe(false);
      }
    }
  });

  test.each(NAMES)("a session, message, part, delta and permission with id %s are stored and found", (name) => {
    const state = emptyInstanceState();
    apply(state, "session.created", { sessionID: name, info: session(name) });
    apply(state, "message.updated", { sessionID: name, info: { id: name, sessionID: name, role: "assistant", time: { created: 1 } } });
    apply(state, "message.part.updated", {
      sessionID: name,
      part: { id: name, messageID: name, sessionID: name, type: "text", text: "a" },
    });
    apply(state, "message.part.delta", { sessionID: name, messageID: name, partID: name, field: "text", delta: "b" });
    apply(state, "permission.asked", { id: name, sessionID: name, permission: "bash", patterns: [], always: [], metadata: {} });
    apply(state, "session.status", { sessionID: name, status: { type: "busy" } });
    expect(state.sessions[name].title).toBe(`title ${name}`);
    expect(state.messages[name].map((m) => m.id)).toEqual([name]);
    expect(state.parts[name]).toMatchObject([{ id: name, text: "ab" }]);
    expect(state.permissions[name].map((p) => p.id)).toEqual([name]);
    expect(state.status[name]).toEqual({ type: "busy" });
    expect(state.dropped).toEqual({ unknown: 0, malformed: 0, internal: 0 });
  });

  test("a delta whose message is called constructor, on a state that never heard of it, is a placeholder, not a crash", () => {
    const state = emptyInstanceState();
    expect(() =>
      apply(state, "message.part.delta", { sessionID: "ses_1", messageID: "constructor", partID: "prt_1", field: "text", delta: "hi" }),
    ).not.toThrow();
    expect(state.parts.constructor).toEqual([{ id: "prt_1", messageID: "constructor", sessionID: "ses_1", type: "text", text: "hi" }]);
  });

  test("__proto__ as an id is counted as malformed and touches no prototype", () => {
    const state = emptyInstanceState();
    apply(state, "permission.asked", { id: "per_1", sessionID: "__proto__", permission: "bash", patterns: [], always: [] });
    apply(state, "session.status", { sessionID: "__proto__", status: { type: "busy" } });
    apply(state, "message.part.delta", { sessionID: "ses_1", messageID: "__proto__", partID: "prt_1", field: "text", delta: "x" });
    expect(state.dropped.malformed).toBe(3);
    expect(Object.keys(state.permissions)).toEqual([]);
    expect(Object.getPrototypeOf(state.permissions)).toBeNull();
    expect(({} as Record<string, unknown>).sessionID).toBeUndefined();
  });

  test("in a Solid store too: the fast path and the reducer agree on such ids", () => {
    createRoot((dispose) => {
      const store = createInstanceStore({ now: () => 1 });
      const part = { id: "prt_1", messageID: "constructor", sessionID: "toString", type: "text", text: "" };
      store.applyEvents([
        { type: "message.part.updated", properties: { sessionID: "toString", part } },
        {
          type: "message.part.delta",
          properties: { sessionID: "toString", messageID: "constructor", partID: "prt_1", field: "text", delta: "a" },
        },
      ]);
      store.applyEvents([
        {
          type: "message.part.delta",
          properties: { sessionID: "toString", messageID: "constructor", partID: "prt_1", field: "text", delta: "b" },
        },
      ]);
      expect(unwrap(store.state).parts.constructor).toMatchObject([{ text: "ab" }]);
      expect(store.state.sessions.hasOwnProperty).toBeUndefined();
      dispose();
    });
  });
});

describe("a REST snapshot with such ids", () => {
  test("a status answer that does not list `constructor` makes that session idle, not Object", () => {
    const state = emptyInstanceState();
    apply(state, "session.created", { info: session("constructor") });
    apply(state, "session.status", { sessionID: "constructor", status: { type: "busy" } });
    applySnapshot(state, { status: JSON.parse("{}") });
    expect(state.status.constructor).toBeUndefined();
  });

  test("lists, messages and statuses parsed from JSON keep every id as data", () => {
    const state = emptyInstanceState();
    const status = JSON.parse('{"toString":{"type":"busy"},"__proto__":{"type":"busy"}}');
    const messages = JSON.parse(
      '{"valueOf":[{"info":{"id":"msg_1","sessionID":"valueOf","role":"user","time":{"created":1}},"parts":[]}],"__proto__":[]}',
    );
    applySnapshot(state, {
      sessions: [session("toString"), session("valueOf")] as never,
      status,
      messages,
      permissions: [{ id: "per_1", sessionID: "hasOwnProperty", permission: "bash", patterns: [], always: [], metadata: {} }] as never,
    });
    expect(state.status.toString).toEqual({ type: "busy" });
    expect(Object.keys(state.status)).toEqual(["toString"]);
    expect(at(state.messages, "valueOf").map((m) => m.id)).toEqual(["msg_1"]);
    expect(at(state.permissions, "hasOwnProperty").map((p) => p.id)).toEqual(["per_1"]);
    expect(Object.getPrototypeOf(state.messages)).toBeNull();
  });
});
