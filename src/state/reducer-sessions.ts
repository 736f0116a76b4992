/**
 * The session half of the reducer: session info, statuses, errors, pending requests, todos and
 * projects. Every function mutates a draft (a plain object or a Solid `produce` draft) and returns
 * false when the payload was malformed. Shared with the REST resync (putSessionInfo, putProject).
 */
import type { PermissionRequest, Project, QuestionRequest, Session, SessionStatus } from "@opencode-ai/sdk/v2/client";
import { hasIds, isId, isRecord, isWorkDirectory } from "./guards";
import { removeSession } from "./reducer-messages";
import { insertSortedUnique, removeById, upsertById } from "./sorted";
import type { InstanceState } from "./types";

/** Stores a session's info; shared with the REST resync. A session has an id, times and a directory. */
export function putSessionInfo(state: InstanceState, info: unknown): boolean {
  if (!hasIds(info, "id") || !isRecord(info.time) || typeof info.directory !== "string") return false;
  state.sessions[info.id] = info as unknown as Session;
  if (isWorkDirectory(info.directory)) insertSortedUnique(state.directories, info.directory);
  return true;
}

/** `session.deleted`: the id is in `sessionID`, or in `info` on older servers. */
export function applySessionDeleted(state: InstanceState, p: Record<string, unknown> | undefined): boolean {
  const id = isId(p?.sessionID) ? p.sessionID : isRecord(p?.info) ? p.info.id : undefined;
  if (!isId(id)) return false;
  removeSession(state, id);
  return true;
}

/** Stores a project; its worktree and sandboxes are directories the user may open. */
export function putProject(state: InstanceState, project: unknown): boolean {
  if (!hasIds(project, "id")) return false;
  state.projects[project.id] = project as unknown as Project;
  if (isWorkDirectory(project.worktree)) insertSortedUnique(state.directories, project.worktree);
  if (Array.isArray(project.sandboxes)) {
    for (const sandbox of project.sandboxes) if (isWorkDirectory(sandbox)) insertSortedUnique(state.directories, sandbox);
  }
  return true;
}

// `idle` is stored as absence, like `GET /session/status` which lists only non-idle sessions.
export function applyStatus(state: InstanceState, p: Record<string, unknown> | undefined): boolean {
  if (!isId(p?.sessionID) || !isRecord(p.status) || typeof p.status.type !== "string") return false;
  const sessionID = p.sessionID;
  if (p.status.type === "idle") {
    delete state.status[sessionID];
    return true;
  }
  state.status[sessionID] = p.status as unknown as SessionStatus;
  // A new busy turn means the user retried; the old error no longer describes the session.
  if (p.status.type === "busy" && state.errors[sessionID]) delete state.errors[sessionID];
  return true;
}

/** `session.idle`: the older twin of a `session.status` of type idle. */
export function applyIdle(state: InstanceState, p: Record<string, unknown> | undefined): boolean {
  if (!isId(p?.sessionID)) return false;
  delete state.status[p.sessionID];
  return true;
}

// `sessionID` and `error` are optional in the spec; an error for no session has nowhere to be shown.
export function applySessionError(state: InstanceState, p: Record<string, unknown> | undefined, now: () => number): boolean {
  if (!p) return false;
  if (p.sessionID === undefined) return true;
  if (!isId(p.sessionID)) return false;
  const error = isRecord(p.error) ? p.error : {};
  const name = typeof error.name === "string" ? error.name : "UnknownError";
  const data = isRecord(error.data) ? error.data : {};
  const message = typeof data.message === "string" && data.message ? data.message : name;
  state.errors[p.sessionID] = { name, message, at: now() };
  return true;
}

/** `permission.asked` / `question.asked`: the request joins its session's pending list. */
export function applyAsked(map: Record<string, Array<{ id: string }>>, p: Record<string, unknown> | undefined): boolean {
  if (!hasIds(p, "id", "sessionID")) return false;
  upsertIn(map, p.sessionID, p as unknown as PermissionRequest | QuestionRequest);
  return true;
}

/** `*.replied` / `question.rejected`: the request leaves its session's pending list. */
export function applyAnswered(map: Record<string, Array<{ id: string }>>, p: Record<string, unknown> | undefined): boolean {
  if (!hasIds(p, "sessionID", "requestID")) return false;
  const list = map[p.sessionID];
  if (!list) return true;
  removeById(list, p.requestID);
  if (list.length === 0) delete map[p.sessionID];
  return true;
}

/** `todo.updated`: the session's whole todo list. */
export function applyTodos(state: InstanceState, p: Record<string, unknown> | undefined): boolean {
  if (!isId(p?.sessionID) || !Array.isArray(p.todos)) return false;
  state.todos[p.sessionID] = p.todos;
  return true;
}

// Assign a new list through the draft rather than `??=`: the value of `??=` is the raw array, and
// mutating that would bypass the Solid store's setters.
function upsertIn<T extends { id: string }>(map: Record<string, T[]>, key: string, item: T): void {
  const list = map[key];
  if (list) upsertById(list, item);
  else map[key] = [item];
}
