/**
 * STYLE.md habit 6: the state a replayed stream builds must match what the server's REST API
 * returned for the same sessions. Two sources: the shared captures with the `GET /session` answer
 * taken on that server afterwards, and the streams recorded with their REST answers in
 * tests/fixtures/recorded (NAME.global-event.txt + NAME.rest.json).
 */
import { describe, expect, test } from "vitest";
import type { Message, Part, Session } from "@opencode-ai/sdk/v2/client";
import type { InstanceState } from "../../../src/state/types";
import { loadCapture, loadJson, loadRecordedFixtures } from "../../fixtures/load";
import { replay } from "./helpers";

const pickSession = (session: Session) => ({
  id: session.id,
  title: session.title,
  parentID: session.parentID,
  directory: session.directory,
});

/** What a user sees of a part: enough to catch lost, doubled or misplaced content. */
function pickPart(part: Part) {
  const seen: Record<string, unknown> = { id: part.id, messageID: part.messageID, type: part.type };
  if (part.type === "text" || part.type === "reasoning") seen.text = part.text;
  if (part.type === "tool") {
    seen.tool = part.tool;
    seen.status = part.state.status;
    if (part.state.status === "completed") seen.output = part.state.output;
    if (part.state.status === "error") seen.error = part.state.error;
  }
  return seen;
}

function pickMessage(info: Message) {
  return { id: info.id, role: info.role, error: info.role === "assistant" ? info.error?.name : undefined };
}

function stateMessages(state: InstanceState, sessionID: string) {
  return (state.messages[sessionID] ?? []).map((info) => ({
    info: pickMessage(info),
    parts: (state.parts[info.id] ?? []).map(pickPart),
  }));
}

describe("shared captures against GET /session from the same server", () => {
  const restSessions = loadJson<Session[]>("rest/session-list.json");
  const captures = [
    "01-hi",
    "02-task",
    "03-permission",
    "04-permission-reject",
    "05-error-reason-abort",
    "09-long2000-paced2ms",
    "10-long20000-burst",
  ];

  test.each(captures)("%s builds the sessions REST lists", (name) => {
    const state = replay(loadCapture(name));
    const built = Object.values(state.sessions);
    // 04 continues the session of 03, so it only updates it; every other capture creates sessions.
    expect(built.length).toBeGreaterThan(0);
    for (const session of built) {
      const rest = restSessions.find((candidate) => candidate.id === session.id);
      expect(rest, `REST lists ${session.id}`).toBeDefined();
      expect(pickSession(session)).toEqual(pickSession(rest!));
    }
  });

  test("the task child found in the stream is the one GET /session/:id/children returned", () => {
    const children = loadJson<Session[]>("rest/session-children.json");
    const state = replay(loadCapture("02-task"));
    const built = Object.values(state.sessions)
      .filter((session) => session.parentID)
      .map(pickSession);
    expect(built).toEqual(children.map(pickSession));
  });
});

describe("recorded streams against the REST answers recorded right after them", () => {
  // Iterates whatever has been recorded; the shared-capture comparison above keeps this file from
  // being vacuous if the folder is ever empty.
  const fixtures = loadRecordedFixtures();

  for (const fixture of fixtures) {
    describe(fixture.name, () => {
      const state = replay(fixture.events);

      test("sessions match GET /session", () => {
        expect(fixture.rest.sessions.length).toBeGreaterThan(0);
        for (const rest of fixture.rest.sessions) expect(pickSession(state.sessions[rest.id])).toEqual(pickSession(rest));
      });

      test("messages and parts match GET /session/:id/message", () => {
        const sessionIDs = Object.keys(fixture.rest.messages);
        expect(sessionIDs.length).toBeGreaterThan(0);
        for (const sessionID of sessionIDs) {
          const rest = fixture.rest.messages[sessionID].map(({ info, parts }) => ({
            info: pickMessage(info),
            parts: parts.map(pickPart),
          }));
          expect(stateMessages(state, sessionID)).toEqual(rest);
        }
      });

      test("statuses and pending permissions match", () => {
        expect(state.status).toEqual(fixture.rest.status);
        const pending = Object.values(state.permissions)
          .flat()
          .map((request) => request.id);
        expect(pending).toEqual(fixture.rest.permissions.map((request) => request.id));
      });
    });
  }
});
