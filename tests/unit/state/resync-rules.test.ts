/**
 * The merge rule of applySnapshot piece by piece, on a state built from a real capture: what was
 * deleted while away disappears, what events changed since the connection opened stays, and
 * REST replaces statuses and pending requests for the sessions it speaks for.
 */
import { describe, expect, test } from "vitest";
import type { PermissionRequest, Session } from "@opencode-ai/sdk/v2/client";
import { applySnapshot, mergePart } from "../../../src/state/resync";
import { recordTouched } from "../../../src/state/touched";
import type { InstanceState } from "../../../src/state/types";
import { loadCapture } from "../../fixtures/load";
import { replay } from "./helpers";

const restMessages = (state: InstanceState, sessionID: string) =>
  structuredClone(state.messages[sessionID].map((info) => ({ info, parts: state.parts[info.id] ?? [] })));

function taskState() {
  const state = replay(loadCapture("02-task"));
  const parent = Object.values(state.sessions).find((session) => !session.parentID)!;
  const child = Object.values(state.sessions).find((session) => session.parentID)!;
  return { state, parent, child };
}

describe("applySnapshot", () => {
  test("messages missing from a session's full list were deleted while away", () => {
    const { state, parent } = taskState();
    const messages = restMessages(state, parent.id);
    const [gone, ...kept] = messages;
    applySnapshot(state, { messages: { [parent.id]: kept } });
    expect(state.messages[parent.id].map((message) => message.id)).toEqual(kept.map((message) => message.info.id));
    expect(state.parts[gone.info.id]).toBeUndefined();
  });

  test("parts missing from their message's list are removed", () => {
    const { state, parent } = taskState();
    const messages = restMessages(state, parent.id);
    const taskPartID = Object.values(state.parts)
      .flat()
      .find((part) => part.type === "tool" && part.tool === "task")!.id;
    const withoutTask = messages.map(({ info, parts }) => ({ info, parts: parts.filter((part) => part.id !== taskPartID) }));
    applySnapshot(state, { messages: { [parent.id]: withoutTask } });
    expect(
      Object.values(state.parts)
        .flat()
        .map((part) => part.id),
    ).not.toContain(taskPartID);
  });

  test("but a message an event added since the connection opened stays, and one an event removed stays removed", () => {
    const events = loadCapture("02-task");
    const { state, parent } = taskState();
    const messages = restMessages(state, parent.id);
    const newest = messages[messages.length - 1];
    const touched = new Set<string>();
    // The stream after connecting carried the newest message and removed the first one.
    for (const routed of events) {
      if ((routed.event.properties as { info?: { id?: string } }).info?.id === newest.info.id) recordTouched(touched, routed.event);
    }
    const removal = { type: "message.removed", properties: { sessionID: parent.id, messageID: messages[0].info.id } };
    recordTouched(touched, removal);
    state.messages[parent.id].shift();
    applySnapshot(state, { messages: { [parent.id]: messages.slice(0, -1) } }, touched);
    const ids = state.messages[parent.id].map((message) => message.id);
    expect(ids).toContain(newest.info.id);
    expect(ids).not.toContain(messages[0].info.id);
  });

  test("sessions of the snapshot's directory that REST no longer lists are removed with their data", () => {
    const { state, parent, child } = taskState();
    const other: Session = { ...structuredClone(parent), id: "ses_other", directory: "/home/dev/beta" };
    state.sessions[other.id] = other;
    applySnapshot(state, { directory: "/home/dev/alpha", sessions: [structuredClone(child)] });
    expect(Object.keys(state.sessions).sort()).toEqual([child.id, other.id].sort());
    expect(state.messages[parent.id]).toBeUndefined();
    // Without a directory the list is not taken as complete.
    applySnapshot(state, { sessions: [] });
    expect(Object.keys(state.sessions)).toHaveLength(2);
  });

  test("a complete list of the server's sessions removes every session it lacks, except ones events touched", () => {
    const { state, parent, child } = taskState();
    const other: Session = { ...structuredClone(parent), id: "ses_other", directory: "/home/dev/beta" };
    state.sessions[other.id] = other;
    applySnapshot(state, { sessions: [structuredClone(child)], complete: true });
    expect(Object.keys(state.sessions)).toEqual([child.id]);
    expect(state.messages[parent.id]).toBeUndefined();

    // A session an event created since the connection opened is newer than the list.
    const fresh: Session = { ...structuredClone(parent), id: "ses_fresh" };
    state.sessions[fresh.id] = fresh;
    const touched = new Set<string>();
    recordTouched(touched, { type: "session.created", properties: { sessionID: fresh.id, info: fresh } });
    applySnapshot(state, { sessions: [structuredClone(child)], complete: true }, touched);
    expect(Object.keys(state.sessions).sort()).toEqual([child.id, fresh.id].sort());
  });

  test("REST replaces statuses and pending permissions of the sessions it speaks for", () => {
    const { state, parent, child } = taskState();
    state.status[parent.id] = { type: "busy" };
    state.status.ses_elsewhere = { type: "busy" };
    state.sessions.ses_elsewhere = { ...structuredClone(parent), id: "ses_elsewhere", directory: "/home/dev/beta" };
    const permission = {
      id: "per_1",
      sessionID: child.id,
      permission: "bash",
      patterns: ["ls"],
      metadata: {},
      always: [],
    } satisfies PermissionRequest;
    state.permissions[parent.id] = [{ ...permission, id: "per_0", sessionID: parent.id }];
    applySnapshot(state, {
      directory: "/home/dev/alpha",
      sessions: [structuredClone(parent), structuredClone(child)],
      status: { [child.id]: { type: "retry", attempt: 1, message: "again", next: 5 } },
      permissions: [permission],
    });
    expect(state.status).toEqual({ [child.id]: { type: "retry", attempt: 1, message: "again", next: 5 }, ses_elsewhere: { type: "busy" } });
    expect(state.permissions).toEqual({ [child.id]: [permission] });
  });

  test("a session missing from GET /session/status is idle, whatever it was before", () => {
    const { state, parent, child } = taskState();
    state.status[parent.id] = { type: "busy" };
    state.status[child.id] = { type: "retry", attempt: 1, message: "again", next: 5 };
    applySnapshot(state, { status: {} });
    expect(state.status).toEqual({});
  });

  test("pending requests and statuses of a directory whose answer could not be read are kept; others are replaced", () => {
    const { state, parent, child } = taskState();
    const elsewhere = { ...structuredClone(parent), id: "ses_elsewhere", directory: "/home/dev/beta" };
    state.sessions[elsewhere.id] = elsewhere;
    const permission = (id: string, sessionID: string) =>
      ({ id, sessionID, permission: "bash", patterns: [], metadata: {}, always: [] }) satisfies PermissionRequest;
    state.permissions[parent.id] = [permission("per_alpha", parent.id)];
    state.permissions[elsewhere.id] = [permission("per_beta", elsewhere.id)];
    state.questions[elsewhere.id] = [{ id: "que_beta", sessionID: elsewhere.id, questions: [] }];
    state.status[elsewhere.id] = { type: "busy" };
    state.status[child.id] = { type: "busy" };
    // beta's GET /permission, /question and /session/status failed; alpha answered "nothing pending, all idle".
    applySnapshot(state, {
      status: {},
      permissions: [],
      questions: [],
      unread: { status: ["/home/dev/beta"], permissions: ["/home/dev/beta"], questions: ["/home/dev/beta"] },
    });
    expect(Object.keys(state.permissions)).toEqual([elsewhere.id]);
    expect(state.permissions[elsewhere.id].map((p) => p.id)).toEqual(["per_beta"]);
    expect(state.questions[elsewhere.id].map((q) => q.id)).toEqual(["que_beta"]);
    expect(state.status).toEqual({ [elsewhere.id]: { type: "busy" } });
  });

  test("an unfinished part keeps its streamed text while the session is busy, and takes REST's once it is idle", () => {
    // A server killed mid-reply stored the part's text only at its start (""); after the restart the
    // session is idle and that is all it will ever have, so showing our longer text would be a lie.
    const build = () => {
      const { state, parent } = taskState();
      const rest = restMessages(state, parent.id);
      const message = state.messages[parent.id].find((m) => (state.parts[m.id] ?? []).some((p) => p.type === "text" && p.text.length > 0))!;
      const part = state.parts[message.id].find((p) => p.type === "text" && p.text.length > 0)!;
      if (part.type !== "text") throw new Error("no text part");
      const streamed = part.text;
      part.time = { start: 1 }; // not ended locally either
      const restPart = rest.flatMap((m) => m.parts).find((p) => p.id === part.id)!;
      Object.assign(restPart, { text: "", time: { start: 1 } });
      return { state, parent, rest, partId: part.id, messageId: message.id, streamed };
    };
    const busy = build();
    applySnapshot(busy.state, { messages: { [busy.parent.id]: busy.rest }, status: { [busy.parent.id]: { type: "busy" } } });
    expect(busy.state.parts[busy.messageId].find((p) => p.id === busy.partId)).toMatchObject({ text: busy.streamed });

    const idle = build();
    applySnapshot(idle.state, { messages: { [idle.parent.id]: idle.rest }, status: {} });
    expect(idle.state.parts[idle.messageId].find((p) => p.id === idle.partId)).toMatchObject({ text: "" });
  });

  test("a snapshot leaves alone what it does not carry", () => {
    const { state } = taskState();
    const before = structuredClone(state);
    applySnapshot(state, {});
    expect(state).toEqual(before);
  });
});

describe("mergePart", () => {
  const part = (text: string, end?: number) => ({
    id: "prt_1",
    messageID: "msg_1",
    sessionID: "ses_1",
    type: "text" as const,
    text,
    time: end ? { start: 1, end } : { start: 1 },
  });

  test("keeps longer local text that starts with the REST text (events arrived after the snapshot)", () => {
    expect(mergePart(part("Hello wor"), part(""))).toEqual(part("Hello wor"));
    expect(mergePart(part("Hello wor"), part("Hello"))).toEqual(part("Hello wor"));
  });

  test("takes REST when it is longer, differs, or is final", () => {
    expect(mergePart(part("Hel"), part("Hello"))).toEqual(part("Hello"));
    expect(mergePart(part("Jello world"), part("Hello"))).toEqual(part("Hello"));
    expect(mergePart(part("Hello world and more"), part("Hello world", 9))).toEqual(part("Hello world", 9));
  });
});
