/**
 * Selectors over states built from real captures, checked against what the server's REST API
 * returned: GET /session lists sessions newest first, the same order sessionsByDirectory must give.
 */
import { describe, expect, test } from "vitest";
import type { Session } from "@opencode-ai/sdk/v2/client";
import {
  attentionCount,
  awaitsPermission,
  childSessions,
  droppedCount,
  isWorking,
  messagesWithParts,
  needsAttention,
  sessionError,
  sessionsByDirectory,
  sessionStatus,
  taskChildSession,
  workingCount,
} from "../../../src/state/selectors";
import { emptyInstanceState } from "../../../src/state/types";
import { loadCapture, loadJson } from "../../fixtures/load";
import { replay } from "./helpers";

const CAPTURES = ["01-hi", "02-task", "03-permission", "05-error-reason-abort", "06-directory", "09-long2000-paced2ms", "10-long20000-burst"];

describe("sessionsByDirectory", () => {
  const state = emptyInstanceState();
  for (const name of CAPTURES) replay(loadCapture(name), state);

  test("groups by directory and orders root sessions newest first", () => {
    const groups = sessionsByDirectory(state);
    expect(groups.map((group) => group.directory)).toEqual(["/home/dev/alpha", "/home/dev/beta"]);
    // The captures were recorded in the order of their numbers, so that is the creation order.
    // (GET /session is no help here: it sorts by time.updated, which a later migration rewrote.)
    expect(groups[0].sessions.map((session) => session.title)).toEqual([
      "10-long20000-burst",
      "09-long2000-paced2ms",
      "misc",
      "perm test",
      "task test",
      "Fake title",
    ]);
    const restTitles = new Map(loadJson<Session[]>("rest/session-list.json").map((session) => [session.id, session.title]));
    for (const session of groups[0].sessions) expect(session.title).toBe(restTitles.get(session.id));
    expect(groups[1].sessions).toHaveLength(1);
  });

  test("children are left out unless asked for, and found under their parent", () => {
    const all = sessionsByDirectory(state, { includeChildren: true })[0].sessions;
    const child = all.find((session) => session.parentID)!;
    expect(sessionsByDirectory(state)[0].sessions).not.toContainEqual(child);
    expect(childSessions(state, child.parentID!)).toEqual([child]);
    const [taskPartID] = Object.keys(state.taskChildren);
    expect(taskChildSession(state, taskPartID)).toEqual(child);
  });

  test("ties on time are broken by id, smaller (newer) first", () => {
    const tied = emptyInstanceState();
    const session = (id: string) => ({ id, slug: id, projectID: "p", directory: "/d", title: id, version: "1", time: { created: 5, updated: 5 } });
    tied.sessions = { ses_b: session("ses_b"), ses_a: session("ses_a") };
    tied.directories = ["/d", "/empty"];
    expect(sessionsByDirectory(tied)).toEqual([
      { directory: "/d", sessions: [tied.sessions.ses_a, tied.sessions.ses_b] },
      { directory: "/empty", sessions: [] },
    ]);
  });
});

describe("status and attention", () => {
  test("a pending permission needs attention while the session stays busy", () => {
    const events = loadCapture("03-permission");
    const asked = events.findIndex((routed) => routed.event.type === "permission.asked");
    const state = replay(events.slice(0, asked + 1));
    const sessionID = Object.keys(state.sessions)[0];
    expect(awaitsPermission(state, sessionID)).toBe(true);
    expect(needsAttention(state, sessionID)).toBe(true);
    expect(attentionCount(state)).toBe(1);
    expect(isWorking(state, sessionID)).toBe(true);
    expect(workingCount(state)).toBe(1);
    const done = replay(events);
    expect(awaitsPermission(done, sessionID)).toBe(false);
    expect(sessionStatus(done, sessionID)).toEqual({ type: "idle" });
    expect(workingCount(done)).toBe(0);
  });

  test("messages with parts, the last error and the dropped count", () => {
    const state = replay(loadCapture("05-error-reason-abort"));
    const sessionID = Object.keys(state.sessions)[0];
    const messages = messagesWithParts(state, sessionID);
    expect(messages.map((message) => message.info.id)).toEqual(state.messages[sessionID].map((message) => message.id));
    expect(messages.every((message) => message.parts.every((part) => part.messageID === message.info.id))).toBe(true);
    expect(sessionError(state, sessionID)?.name).toBe("MessageAbortedError");
    expect(droppedCount(state)).toBe(0);
  });
});
