/**
 * The one place where server events change an instance's state: `applyEvent` is a single
 * `switch (event.type)` over the events of `/global/event` (EVENTS.md). It mutates the state it is
 * given, so the same code runs on a plain object in tests and on a Solid `produce` draft in the app.
 * It never fetches and never throws: unknown types and malformed payloads are counted in `dropped`.
 */
import type { PermissionRequest, Project, QuestionRequest, Session, SessionStatus } from "@opencode-ai/sdk/v2/client";
import { hasIds, isId, isRecord, isWorkDirectory } from "./guards";
import {
  applyMessageRemoved,
  applyMessageUpdated,
  applyPartDelta,
  applyPartRemoved,
  applyPartUpdated,
  removeSession,
} from "./reducer-messages";
import { insertSortedUnique, removeById, upsertById } from "./sorted";
import type { InstanceState } from "./types";

/** An event as the transport unwraps it from `/global/event` (`RoutedEvent["event"]`). */
export interface StreamEvent {
  id?: string;
  type: string;
  properties?: unknown;
}

/**
 * What the app must reload over REST after an event: `server.instance.disposed` drops the server's
 * state for one directory, `global.disposed` for all of them. Nothing is replayed, so only a
 * fresh snapshot (resync.ts) makes the store right again.
 */
export type ResyncNeed = { scope: "directory"; directory: string } | { scope: "all" };

/** Options for applyEvent; `now` stamps `session.error` (the event carries no time) and is injectable for tests. */
export interface ApplyOptions {
  now?: () => number;
}

// Real events this app has no use for. They are not "dropped": a fresh instance alone sends
// `plugin.added` 45 times, and counting those would make the UI report a problem that is not one.
const IGNORED = new Set([
  "sync",
  "plugin.added",
  "catalog.updated",
  "reference.updated",
  "integration.updated",
  "integration.connection.updated",
  "file.edited",
  "file.watcher.updated",
  "lsp.updated",
  "vcs.branch.updated",
  "installation.updated",
  "installation.update-available",
  "mcp.tools.changed",
  "mcp.browser.open.failed",
  "command.executed",
  "session.compacted",
  "project.directories.updated",
  "models.dev.refreshed",
  "pty.created",
  "pty.updated",
  "pty.exited",
  "pty.deleted",
  "tui.prompt.append",
  "tui.command.execute",
  "tui.toast.show",
  "tui.session.select",
  "workspace.ready",
  "workspace.failed",
  "workspace.status",
  "worktree.ready",
  "worktree.failed",
  "permission.v2.asked",
  "permission.v2.replied",
  "question.v2.asked",
  "question.v2.replied",
  "question.v2.rejected",
]);

/**
 * Applies one server event to `state` (mutating it) and returns what must be reloaded, if anything.
 * `directory` is the routed directory from the `/global/event` envelope; it is recorded in
 * `state.directories` (the literal "global" is not a directory).
 */
export function applyEvent(
  state: InstanceState,
  event: StreamEvent,
  directory?: string,
  options?: ApplyOptions,
): ResyncNeed | undefined {
  try {
    if (!isRecord(event) || typeof event.type !== "string") {
      state.dropped.malformed++;
      return undefined;
    }
    // Deltas are ~99% of all traffic: keep their path to one lookup and a binary search.
    if (event.type === "message.part.delta") {
      if (!applyPartDelta(state, event.properties)) state.dropped.malformed++;
      return undefined;
    }
    if (isWorkDirectory(directory)) insertSortedUnique(state.directories, directory);
    const outcome = dispatch(state, event.type, event.properties, directory, options);
    if (outcome === "malformed") state.dropped.malformed++;
    else if (outcome === "unknown") state.dropped.unknown++;
    else if (typeof outcome === "object") return outcome;
  } catch {
    // Last resort: a draft proxy or an exotic payload threw somewhere we did not foresee.
    state.dropped.malformed++;
  }
  return undefined;
}

type Outcome = "ok" | "malformed" | "unknown" | ResyncNeed;

function dispatch(
  state: InstanceState,
  type: string,
  properties: unknown,
  directory: string | undefined,
  options: ApplyOptions | undefined,
): Outcome {
  const p = isRecord(properties) ? properties : undefined;
  const ok = (done: boolean): Outcome => (done ? "ok" : "malformed");
  switch (type) {
    case "server.connected":
    case "server.heartbeat":
      return "ok";
    case "message.part.updated":
      return ok(applyPartUpdated(state, p));
    case "message.part.removed":
      return ok(applyPartRemoved(state, p));
    case "message.updated":
      return ok(applyMessageUpdated(state, p));
    case "message.removed":
      return ok(applyMessageRemoved(state, p));
    case "session.created":
    case "session.updated":
      return ok(putSessionInfo(state, p?.info));
    case "session.deleted": {
      const id = isId(p?.sessionID) ? p.sessionID : isRecord(p?.info) ? p.info.id : undefined;
      if (!isId(id)) return "malformed";
      removeSession(state, id);
      return "ok";
    }
    case "session.status":
      return ok(applyStatus(state, p));
    case "session.idle":
      if (!isId(p?.sessionID)) return "malformed";
      delete state.status[p.sessionID];
      return "ok";
    case "session.error":
      return ok(applySessionError(state, p, options));
    case "session.diff":
      if (!isId(p?.sessionID) || !Array.isArray(p.diff)) return "malformed";
      state.diffs[p.sessionID] = p.diff;
      return "ok";
    case "permission.asked":
      if (!hasIds(p, "id", "sessionID")) return "malformed";
      upsertIn(state.permissions, p.sessionID, p as unknown as PermissionRequest);
      return "ok";
    case "permission.replied":
      if (!hasIds(p, "sessionID", "requestID")) return "malformed";
      removeRequest(state.permissions, p.sessionID, p.requestID);
      return "ok";
    case "question.asked":
      if (!hasIds(p, "id", "sessionID")) return "malformed";
      upsertIn(state.questions, p.sessionID, p as unknown as QuestionRequest);
      return "ok";
    case "question.replied":
    case "question.rejected":
      if (!hasIds(p, "sessionID", "requestID")) return "malformed";
      removeRequest(state.questions, p.sessionID, p.requestID);
      return "ok";
    case "todo.updated":
      if (!isId(p?.sessionID) || !Array.isArray(p.todos)) return "malformed";
      state.todos[p.sessionID] = p.todos;
      return "ok";
    case "project.updated":
      return ok(putProject(state, p));
    case "server.instance.disposed": {
      const disposed = isWorkDirectory(p?.directory) ? p.directory : directory;
      return isWorkDirectory(disposed) ? { scope: "directory", directory: disposed } : { scope: "all" };
    }
    case "global.disposed":
      return { scope: "all" };
    default:
      return IGNORED.has(type) || type.startsWith("session.next.") ? "ok" : "unknown";
  }
}

/** Stores a session's info; shared with the REST resync. */
export function putSessionInfo(state: InstanceState, info: unknown): boolean {
  if (!hasIds(info, "id") || !isRecord(info.time)) return false;
  state.sessions[info.id] = info as unknown as Session;
  if (isWorkDirectory(info.directory)) insertSortedUnique(state.directories, info.directory);
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
function applyStatus(state: InstanceState, p: Record<string, unknown> | undefined): boolean {
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

// `sessionID` and `error` are optional in the spec; an error for no session has nowhere to be shown.
function applySessionError(state: InstanceState, p: Record<string, unknown> | undefined, options?: ApplyOptions): boolean {
  if (!p) return false;
  if (p.sessionID === undefined) return true;
  if (!isId(p.sessionID)) return false;
  const error = isRecord(p.error) ? p.error : {};
  const name = typeof error.name === "string" ? error.name : "UnknownError";
  const data = isRecord(error.data) ? error.data : {};
  const message = typeof data.message === "string" && data.message ? data.message : name;
  state.errors[p.sessionID] = { name, message, at: (options?.now ?? Date.now)() };
  return true;
}

// Assign a new list through the draft rather than `??=`: the value of `??=` is the raw array, and
// mutating that would bypass the Solid store's setters.
function upsertIn<T extends { id: string }>(map: Record<string, T[]>, key: string, item: T): void {
  const list = map[key];
  if (list) upsertById(list, item);
  else map[key] = [item];
}

function removeRequest(map: Record<string, { id: string }[]>, sessionID: string, requestID: string): void {
  const list = map[sessionID];
  if (!list) return;
  removeById(list, requestID);
  if (list.length === 0) delete map[sessionID];
}
