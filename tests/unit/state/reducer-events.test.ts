/**
 * The reducer on events the captures do not contain (removals, questions, deletions), on streams
 * that start mid-reply, and on garbage: unknown types and malformed payloads are counted, never thrown.
 */
import { describe, expect, test } from "vitest";
import { applyEvent, type StreamEvent } from "../../../src/state/reducer";
import { emptyInstanceState, type InstanceState } from "../../../src/state/types";
import { loadCapture } from "../../fixtures/load";
import { partById, replay } from "./helpers";

const apply = (state: InstanceState, type: string, properties?: unknown, directory?: string) =>
  applyEvent(state, { type, properties }, directory, { now: () => 42 });

describe("events not in the captures", () => {
  test("message.part.removed, message.removed and session.deleted take everything below them along", () => {
    const state = replay(loadCapture("02-task"));
    const parentID = Object.values(state.sessions).find((session) => !session.parentID)!.id;
    const [firstMessage, secondMessage] = state.messages[parentID];
    const [firstPart] = state.parts[secondMessage.id];

    apply(state, "message.part.removed", { sessionID: parentID, messageID: secondMessage.id, partID: firstPart.id });
    expect(partById(state, firstPart.id)).toBeUndefined();

    apply(state, "message.removed", { sessionID: parentID, messageID: firstMessage.id });
    expect(state.messages[parentID].map((message) => message.id)).not.toContain(firstMessage.id);
    expect(state.parts[firstMessage.id]).toBeUndefined();

    apply(state, "session.deleted", { sessionID: parentID, info: state.sessions[parentID] });
    expect(state.sessions[parentID]).toBeUndefined();
    expect(state.messages[parentID]).toBeUndefined();
    expect(Object.keys(state.sessions)).toHaveLength(1);
    expect(state.dropped).toEqual({ unknown: 0, malformed: 0, internal: 0 });
  });

  test("questions are pending from asked until replied or rejected", () => {
    const state = emptyInstanceState();
    const question = (id: string) => ({ id, sessionID: "ses_1", questions: [{ question: "Which?", header: "Pick", options: [] }] });
    apply(state, "question.asked", question("que_2"));
    apply(state, "question.asked", question("que_1"));
    expect(state.questions.ses_1.map((request) => request.id)).toEqual(["que_1", "que_2"]);
    apply(state, "question.replied", { sessionID: "ses_1", requestID: "que_1", answers: [["A"]] });
    expect(state.questions.ses_1.map((request) => request.id)).toEqual(["que_2"]);
    apply(state, "question.rejected", { sessionID: "ses_1", requestID: "que_2" });
    expect(state.questions.ses_1).toBeUndefined();
  });

  test("project.updated, session.diff (ignored: Changes reads each prompt's summary) and session.error without data", () => {
    const state = emptyInstanceState();
    apply(
      state,
      "project.updated",
      { id: "p1", worktree: "/home/dev/alpha", sandboxes: ["/home/dev/alpha-2"], time: { created: 1 } },
      "global",
    );
    expect(state.projects.p1.worktree).toBe("/home/dev/alpha");
    expect(state.directories).toEqual(["/home/dev/alpha", "/home/dev/alpha-2"]);
    // Neither applied nor counted as dropped, whatever its payload: it is a known event the app does not use.
    const before = JSON.stringify(state);
    apply(state, "session.diff", { sessionID: "ses_1", diff: [{ file: "a.ts", additions: 1, deletions: 0 }] });
    apply(state, "session.diff", { sessionID: "ses_1", diff: "not a list" });
    apply(state, "session.diff", undefined);
    expect(JSON.stringify(state)).toBe(before);
    expect(state.dropped).toEqual({ unknown: 0, malformed: 0, internal: 0 });
    apply(state, "session.error", { sessionID: "ses_1", error: { name: "MessageOutputLengthError", data: {} } });
    expect(state.errors.ses_1).toEqual({ name: "MessageOutputLengthError", message: "MessageOutputLengthError", at: 42 });
    apply(state, "session.error", {});
    expect(state.dropped).toEqual({ unknown: 0, malformed: 0, internal: 0 });
  });
});

describe("streaming edge cases", () => {
  test("a delta for a part we never saw (joined mid-reply) shows its text, and the part's update fixes it", () => {
    const state = emptyInstanceState();
    apply(state, "message.part.delta", { sessionID: "ses_1", messageID: "msg_1", partID: "prt_1", field: "text", delta: "lo" });
    apply(state, "message.part.delta", { sessionID: "ses_1", messageID: "msg_1", partID: "prt_1", field: "text", delta: " world" });
    expect(state.parts.msg_1).toEqual([{ id: "prt_1", messageID: "msg_1", sessionID: "ses_1", type: "text", text: "lo world" }]);
    const final = {
      id: "prt_1",
      messageID: "msg_1",
      sessionID: "ses_1",
      type: "reasoning",
      text: "Hello world",
      time: { start: 1, end: 2 },
    };
    apply(state, "message.part.updated", { sessionID: "ses_1", part: final, time: 2 });
    expect(state.parts.msg_1).toEqual([final]);
  });

  test("a delta after the part's final update is a replay and is ignored", () => {
    const state = emptyInstanceState();
    const part = { id: "prt_1", messageID: "msg_1", sessionID: "ses_1", type: "text", text: "done", time: { start: 1, end: 2 } };
    apply(state, "message.part.updated", { sessionID: "ses_1", part, time: 2 });
    apply(state, "message.part.delta", { sessionID: "ses_1", messageID: "msg_1", partID: "prt_1", field: "text", delta: "ne" });
    expect(state.parts.msg_1[0]).toMatchObject({ text: "done" });
  });

  test("replaying the same events twice gives the same state (the reducer never writes into events)", () => {
    const events = loadCapture("09-long2000-paced2ms");
    const before = JSON.stringify(events);
    const first = replay(events);
    expect(JSON.stringify(events)).toBe(before);
    expect(replay(events)).toEqual(first);
  });
});

describe("unknown and malformed events", () => {
  test("known but unused events are neither applied nor counted", () => {
    const state = emptyInstanceState();
    for (const type of ["plugin.added", "catalog.updated", "file.edited", "session.next.text.delta", "sync"]) apply(state, type, {});
    expect(state.dropped).toEqual({ unknown: 0, malformed: 0, internal: 0 });
  });

  test("unknown types are counted", () => {
    const state = emptyInstanceState();
    apply(state, "made.up", {});
    apply(state, "session.exploded", { sessionID: "ses_1" });
    expect(state.dropped).toEqual({ unknown: 2, malformed: 0, internal: 0 });
  });

  test("payloads with missing ids or wrong shapes are counted and change nothing", () => {
    const state = emptyInstanceState();
    const bad: Array<[string, unknown]> = [
      ["message.part.delta", { messageID: "msg_1", partID: "prt_1", field: "text", delta: 5 }],
      ["message.part.delta", { messageID: "msg_1", field: "text", delta: "x" }],
      ["message.part.updated", { part: { id: "prt_1", type: "text" } }],
      ["message.updated", { info: "nope" }],
      ["message.removed", {}],
      ["session.created", { info: { id: "ses_1" } }],
      ["session.status", { sessionID: "ses_1", status: "busy" }],
      ["session.idle", null],
      ["permission.asked", { sessionID: "ses_1" }],
      ["permission.replied", { requestID: "per_1" }],
      ["todo.updated", { sessionID: "ses_1", todos: {} }],
      ["project.updated", []],
      ["session.error", { sessionID: 7 }],
    ];
    for (const [type, properties] of bad) apply(state, type, properties);
    applyEvent(state, null as unknown as StreamEvent);
    applyEvent(state, { type: 3 } as unknown as StreamEvent);
    expect(state.dropped).toEqual({ unknown: 0, malformed: bad.length + 2, internal: 0 });
    expect({ ...state, dropped: undefined, recentDrops: undefined }).toEqual({
      ...emptyInstanceState(),
      dropped: undefined,
      recentDrops: undefined,
    });
  });

  test("fuzz: random shapes under every event type never throw, and only count or apply", () => {
    let seed = 1234567;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
    const ids = ["ses_1", "msg_1", "prt_1", "per_1", "", "x"];
    const value = (depth: number): unknown => {
      const kind = pick(["string", "id", "number", "null", "undefined", "array", "object", "bool"]);
      if (kind === "id") return pick(ids);
      if (kind === "string") return String(random());
      if (kind === "number") return random() * 1e6;
      if (kind === "null") return null;
      if (kind === "bool") return random() > 0.5;
      if (kind === "array") return depth > 2 ? [] : [value(depth + 1), value(depth + 1)];
      if (kind === "object") return depth > 2 ? {} : shaped(depth + 1);
      return undefined;
    };
    const keys = [
      "sessionID",
      "messageID",
      "partID",
      "field",
      "delta",
      "info",
      "part",
      "status",
      "id",
      "type",
      "text",
      "time",
      "requestID",
      "todos",
      "diff",
      "error",
      "directory",
      "messageID",
      "role",
    ];
    const shaped = (depth: number) => Object.fromEntries(keys.filter(() => random() > 0.5).map((key) => [key, value(depth)]));
    const types = [
      "message.part.delta",
      "message.part.updated",
      "message.part.removed",
      "message.updated",
      "message.removed",
      "session.created",
      "session.updated",
      "session.deleted",
      "session.status",
      "session.idle",
      "session.error",
      "session.diff",
      "permission.asked",
      "permission.replied",
      "question.asked",
      "question.replied",
      "question.rejected",
      "todo.updated",
      "project.updated",
      "server.instance.disposed",
      "global.disposed",
      "wat",
    ];
    const state = replay(loadCapture("02-task"));
    for (let round = 0; round < 5000; round++) {
      expect(() => apply(state, pick(types), random() > 0.1 ? shaped(0) : value(0), pick(["/d", undefined, "global"]))).not.toThrow();
    }
    expect(state.dropped.malformed + state.dropped.unknown).toBeGreaterThan(0);
    // Whatever got in, lists stay sorted by id so binary search keeps working.
    for (const list of [...Object.values(state.messages), ...Object.values(state.parts)]) {
      const ids = list.map((item) => item.id);
      expect(ids).toEqual([...ids].sort());
    }
  });
});
