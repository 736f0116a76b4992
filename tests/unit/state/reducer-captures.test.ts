/**
 * Replays real `/global/event` captures (opencode 1.18.33 + fake model, see EVENTS.md) through the
 * reducer and checks the end state against what the stream itself said last: the full text of each
 * part's final `message.part.updated`, tool states, titles, parent links and statuses.
 */
import { describe, expect, test } from "vitest";
import type { Part, ToolPart } from "@opencode-ai/sdk/v2/client";
import { applyEvent } from "../../../src/state/reducer";
import { emptyInstanceState } from "../../../src/state/types";
import type { RoutedEvent } from "../../../src/transport/types";
import { loadCapture } from "../../fixtures/load";
import { countType, lastPartUpdates, lastSessionInfos, partById, replay } from "./helpers";

const CAPTURES = [
  "01-hi",
  "02-task",
  "03-permission",
  "04-permission-reject",
  "05-error-reason-abort",
  "06-directory",
  "09-long2000-paced2ms",
  "10-long20000-burst",
  "13-write-todo",
  "14-hi-warm-1",
];

/**
 * Replays with a check at every part's final update: the text the deltas built must already equal
 * the full text the server sends at the end (the end state alone would hide broken deltas, since
 * that final update overwrites the text).
 */
function replayCheckingDeltas(events: RoutedEvent[]) {
  const state = emptyInstanceState();
  let checked = 0;
  const streamed = new Set<string>();
  for (const { event, directory } of events) {
    if (event.type === "message.part.delta") streamed.add((event.properties as { partID: string }).partID);
    if (event.type === "message.part.updated") {
      const part = (event.properties as { part: Part }).part;
      if ((part.type === "text" || part.type === "reasoning") && part.time?.end && streamed.has(part.id)) {
        expect((partById(state, part.id) as { text: string }).text).toBe(part.text);
        checked++;
      }
    }
    applyEvent(state, event, directory, { now: () => 1 });
  }
  return { state, checked };
}

describe.each(CAPTURES)("replaying %s", (name) => {
  const events = loadCapture(name);

  test("deltas build exactly the text of the part's final update", () => {
    const { checked } = replayCheckingDeltas(events);
    if (countType(events, "message.part.delta") > 0) expect(checked).toBeGreaterThan(0);
  });

  test("every part ends as the server's last message.part.updated for it", () => {
    const state = replay(events);
    const finals = lastPartUpdates(events);
    expect(finals.size).toBeGreaterThan(0);
    for (const [id, part] of finals) expect(partById(state, id)).toEqual(part);
  });

  test("sessions carry their last title and parent, and end idle", () => {
    const state = replay(events);
    const infos = lastSessionInfos(events);
    for (const [id, info] of infos) {
      expect(state.sessions[id].title).toBe(info.title);
      expect(state.sessions[id].parentID).toBe(info.parentID);
    }
    expect(state.status).toEqual({});
    expect(state.permissions).toEqual({});
    expect(state.dropped).toEqual({ unknown: 0, malformed: 0, internal: 0 });
  });

  test("messages of each session are sorted by id and each part sits under its own message", () => {
    const state = replay(events);
    for (const [sessionID, messages] of Object.entries(state.messages)) {
      const ids = messages.map((message) => message.id);
      expect(ids).toEqual([...ids].sort());
      for (const message of messages) {
        expect(message.sessionID).toBe(sessionID);
        const parts = state.parts[message.id] ?? [];
        expect(parts.map((part) => part.id)).toEqual(parts.map((part) => part.id).sort());
        for (const part of parts) expect(part.messageID).toBe(message.id);
      }
    }
  });
});

test("01-hi: one session, its reply text and its directory", () => {
  const state = replay(loadCapture("01-hi"));
  const [session] = Object.values(state.sessions);
  expect(session.title).toBe("Fake title");
  expect(state.directories).toEqual(["/home/dev/alpha"]);
  const texts = Object.values(state.parts)
    .flat()
    .filter((part) => part.type === "text")
    .map((part) => part.text);
  expect(texts).toEqual(["hi", "Hello from the fake model! This is a streamed reply."]);
});

test("02-task: the child session links to its parent and to the task call that started it", () => {
  const state = replay(loadCapture("02-task"));
  const child = Object.values(state.sessions).find((session) => session.parentID);
  expect(child).toBeDefined();
  const parent = state.sessions[child!.parentID!];
  expect(parent.title).toBe("task test");
  const taskPart = Object.values(state.parts)
    .flat()
    .find((part): part is ToolPart => part.type === "tool" && part.tool === "task");
  expect(taskPart?.sessionID).toBe(parent.id);
  // The task call names its child in its metadata, which is where the UI reads the link from.
  expect(taskPart!.state.status !== "pending" && taskPart!.state.metadata?.sessionId).toBe(child!.id);
  expect(taskPart!.state.status).toBe("completed");
  expect(taskPart!.state.status === "completed" && taskPart!.state.output).toContain(`<task id="${child!.id}"`);
});

test("02-task: the link is known while the task runs, before the child's own events", () => {
  const events = loadCapture("02-task");
  const running = events.findIndex((routed) => {
    const part = (routed.event.properties as { part?: ToolPart }).part;
    return part?.type === "tool" && part.state.status === "running";
  });
  expect(running).toBeGreaterThan(-1);
  const childIdOf = (upTo: number) =>
    Object.values(replay(events.slice(0, upTo)).parts)
      .flat()
      .map((part) =>
        part.type === "tool" && part.tool === "task" && part.state.status !== "pending" ? part.state.metadata?.sessionId : undefined,
      )
      .find(Boolean);
  expect(childIdOf(running + 1)).toBeDefined();
});

function toolParts(events: RoutedEvent[], upTo = events.length) {
  const state = replay(events.slice(0, upTo));
  return {
    state,
    tools: Object.values(state.parts)
      .flat()
      .filter((part): part is ToolPart => part.type === "tool"),
  };
}

test("03-permission: asked is pending until replied, then the bash call completes", () => {
  const events = loadCapture("03-permission");
  const asked = events.findIndex((routed) => routed.event.type === "permission.asked");
  const during = replay(events.slice(0, asked + 1));
  const [sessionID] = Object.keys(during.permissions);
  expect(during.permissions[sessionID]).toHaveLength(1);
  expect(during.permissions[sessionID][0]).toMatchObject({ permission: "bash", patterns: ["echo hello-from-fake"] });
  expect(during.status[sessionID]).toEqual({ type: "busy" });
  const { state, tools } = toolParts(events);
  expect(state.permissions).toEqual({});
  expect(tools.map((tool) => tool.state.status)).toEqual(["completed"]);
});

test("04-permission-reject: the rejected call ends in error with the user's feedback", () => {
  const { tools } = toolParts(loadCapture("04-permission-reject"));
  expect(tools).toHaveLength(1);
  const state = tools[0].state;
  expect(state.status).toBe("error");
  expect(state.status === "error" && state.error).toContain("not allowed in test");
});

test("05-error-reason-abort: retry status, API error, busy clears it, abort keeps the text", () => {
  const events = loadCapture("05-error-reason-abort");
  const sessionID = "ses_e0390f97effeMJ44XoFW6jvx22";
  const retries = events
    .map((routed, index) => ({ routed, index }))
    .filter(({ routed }) => (routed.event.properties as { status?: { type: string } }).status?.type === "retry");
  expect(retries).toHaveLength(3);
  const third = replay(events.slice(0, retries[2].index + 1));
  expect(third.status[sessionID]).toEqual({ type: "retry", attempt: 3, message: "fake upstream error", next: 1795236512800 });

  const apiError = events.findIndex((routed) => (routed.event.properties as { error?: { name: string } }).error?.name === "APIError");
  expect(replay(events.slice(0, apiError + 1)).errors[sessionID]).toEqual({ name: "APIError", message: "fake upstream error 400", at: 1 });
  const nextBusy = events.findIndex(
    (routed, index) => index > apiError && (routed.event.properties as { status?: { type: string } }).status?.type === "busy",
  );
  expect(replay(events.slice(0, nextBusy + 1)).errors[sessionID]).toBeUndefined();

  const state = replay(events);
  expect(state.errors[sessionID]).toEqual({ name: "MessageAbortedError", message: "Aborted", at: 1 });
  const messages = state.messages[sessionID];
  const aborted = messages[messages.length - 1];
  expect(aborted.role === "assistant" && aborted.error?.name).toBe("MessageAbortedError");
  const text = state.parts[aborted.id].find((part) => part.type === "text");
  expect(text?.type === "text" && text.text).toMatch(/^tok0 tok1 tok2 /);
  expect(state.status).toEqual({});
});

test("10-long20000-burst: 20,000 deltas rebuild the 169 KB reply", () => {
  const events = loadCapture("10-long20000-burst");
  expect(countType(events, "message.part.delta")).toBe(20_000);
  const { state, checked } = replayCheckingDeltas(events);
  expect(checked).toBe(1);
  const longest = Math.max(
    ...Object.values(state.parts)
      .flat()
      .map((part) => ("text" in part ? part.text.length : 0)),
  );
  expect(longest).toBeGreaterThan(160_000);
});

test("13-write-todo: todos, the write tool and the patch part", () => {
  const { state, tools } = toolParts(loadCapture("13-write-todo"));
  const [todos] = Object.values(state.todos);
  expect(todos.map((todo) => [todo.content, todo.status])).toEqual([
    ["First fake todo", "in_progress"],
    ["Second fake todo", "pending"],
  ]);
  expect(tools.map((tool) => [tool.tool, tool.state.status])).toEqual(expect.arrayContaining([["write", "completed"]]));
  const patch = Object.values(state.parts)
    .flat()
    .find((part) => part.type === "patch");
  expect(patch?.type === "patch" && patch.files).toEqual(["/home/dev/alpha/fake-output.txt"]);
});

test("06-directory: a session in another directory is tracked under it", () => {
  const state = replay(loadCapture("06-directory"));
  expect(state.directories).toEqual(["/home/dev/beta"]);
  expect(Object.values(state.sessions).map((session) => session.directory)).toEqual(["/home/dev/beta"]);
});

test("11-dispose: disposal events ask for a reload of that directory, then of everything", () => {
  const state = emptyInstanceState();
  const needs = loadCapture("11-dispose")
    .map((routed) => applyEvent(state, routed.event, routed.directory))
    .filter(Boolean);
  expect(needs).toEqual([{ scope: "directory", directory: "/home/dev/alpha" }, { scope: "all" }]);
  expect(state.dropped).toEqual({ unknown: 0, malformed: 0, internal: 0 });
});
