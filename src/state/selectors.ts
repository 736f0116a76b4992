/**
 * Read-only questions the UI asks of an instance's state. Plain functions over InstanceState, so
 * they run the same on a Solid store (wrap them in `createMemo` where a component reads them often)
 * and on a plain object in tests. Nothing here writes.
 */
import type { Message, Part, PermissionRequest, QuestionRequest, Session, SessionStatus } from "@opencode-ai/sdk/v2/client";
import type { InstanceState, SessionErrorInfo } from "./types";

/** Sessions of one directory, newest first. */
export interface DirectorySessions {
  directory: string;
  sessions: Session[];
}

/**
 * Newest first. Session ids DEcrease over time (EVENTS.md), so `time.created` decides and the id
 * only breaks ties, smaller id (newer) first.
 */
export function compareNewestFirst(a: Session, b: Session): number {
  const byTime = (b.time?.created ?? 0) - (a.time?.created ?? 0);
  if (byTime !== 0) return byTime;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Every known directory (sorted by path) with its sessions, newest first. Child sessions started by
 * the task tool are left out unless `includeChildren` is set: they belong under their parent.
 * Directories without sessions are listed too, so a freshly added project shows up empty.
 */
export function sessionsByDirectory(state: InstanceState, options: { includeChildren?: boolean } = {}): DirectorySessions[] {
  const groups = new Map<string, Session[]>();
  for (const directory of state.directories) groups.set(directory, []);
  for (const session of Object.values(state.sessions)) {
    if (session.parentID && !options.includeChildren) continue;
    const list = groups.get(session.directory);
    if (list) list.push(session);
    else groups.set(session.directory, [session]);
  }
  return [...groups.keys()]
    .sort()
    .map((directory) => ({ directory, sessions: groups.get(directory)!.sort(compareNewestFirst) }));
}

/** The sessions a session started (task tool children), oldest first, the order they ran in. */
export function childSessions(state: InstanceState, sessionID: string): Session[] {
  return Object.values(state.sessions)
    .filter((session) => session.parentID === sessionID)
    .sort((a, b) => compareNewestFirst(b, a));
}

/** The child session a task tool call started, once the call's metadata names it. */
export function taskChildSession(state: InstanceState, partID: string): Session | undefined {
  const childID = state.taskChildren[partID];
  return childID ? state.sessions[childID] : undefined;
}

/** The status of a session; no entry means idle (like `GET /session/status`). */
export function sessionStatus(state: InstanceState, sessionID: string): SessionStatus {
  return state.status[sessionID] ?? { type: "idle" };
}

/** Whether the session is working (busy or waiting to retry). */
export function isWorking(state: InstanceState, sessionID: string): boolean {
  return sessionStatus(state, sessionID).type !== "idle";
}

/** Pending permission requests of a session, oldest first. */
export function pendingPermissions(state: InstanceState, sessionID: string): PermissionRequest[] {
  return state.permissions[sessionID] ?? [];
}

/** Pending questions of a session, oldest first. */
export function pendingQuestions(state: InstanceState, sessionID: string): QuestionRequest[] {
  return state.questions[sessionID] ?? [];
}

/** Whether a session is blocked on a permission request (its status stays "busy" meanwhile). */
export function awaitsPermission(state: InstanceState, sessionID: string): boolean {
  return pendingPermissions(state, sessionID).length > 0;
}

/** Whether a session waits for the user: a permission to grant or a question to answer. */
export function needsAttention(state: InstanceState, sessionID: string): boolean {
  return awaitsPermission(state, sessionID) || pendingQuestions(state, sessionID).length > 0;
}

/** How many permission requests and questions wait across the instance (for its tab badge). */
export function attentionCount(state: InstanceState): number {
  let count = 0;
  for (const list of Object.values(state.permissions)) count += list.length;
  for (const list of Object.values(state.questions)) count += list.length;
  return count;
}

/** How many sessions of the instance are working right now. */
export function workingCount(state: InstanceState): number {
  return Object.keys(state.status).length;
}

/** Messages of a session, oldest first, each with its parts in order. */
export function messagesWithParts(state: InstanceState, sessionID: string): Array<{ info: Message; parts: Part[] }> {
  return (state.messages[sessionID] ?? []).map((info) => ({ info, parts: state.parts[info.id] ?? [] }));
}

/** The last error of a session, until it gets busy again. */
export function sessionError(state: InstanceState, sessionID: string): SessionErrorInfo | undefined {
  return state.errors[sessionID];
}

/** Events the reducer could not use, for a "n events ignored" note in the UI; 0 when all were fine. */
export function droppedCount(state: InstanceState): number {
  return state.dropped.unknown + state.dropped.malformed;
}
