/**
 * The normalised state of one OpenCode instance (server), shaped like the server's own data so
 * reducers stay small. Server shapes come from the SDK; nothing here redeclares them.
 */
import type { Message, Part, PermissionRequest, Project, QuestionRequest, Session, SessionStatus, Todo } from "@opencode-ai/sdk/v2/client";
import { idRecord } from "../lib/records";

/** What `session.error` carries, as the UI needs it. */
export interface SessionErrorInfo {
  name: string;
  message: string;
  /** Server time (ms) when we saw it; used to hide errors older than the newest message. */
  at: number;
}

export interface InstanceState {
  /** Projects by id, from `GET /project` and `project.updated`. */
  projects: Record<string, Project>;
  /** Every directory the server has told us about (from sessions, projects and routed events), sorted. */
  directories: string[];
  /** Sessions by id. Children carry `parentID`. */
  sessions: Record<string, Session>;
  /** Messages of a session, sorted by id (ids grow with time). */
  messages: Record<string, Message[]>;
  /** Parts of a message, sorted by id. */
  parts: Record<string, Part[]>;
  /** Non-idle statuses by session id; a missing entry means idle. */
  status: Record<string, SessionStatus>;
  /** Pending permission requests by session id. */
  permissions: Record<string, PermissionRequest[]>;
  /** Pending questions by session id. */
  questions: Record<string, QuestionRequest[]>;
  todos: Record<string, Todo[]>;
  /** The last error per session (cleared when the session gets busy again). */
  errors: Record<string, SessionErrorInfo | undefined>;
  /** Events that could not be used, counted by reason. Shown in the UI. */
  dropped: Record<DropReason, number>;
  /** The last few of those, newest last, for the diagnostics view. */
  recentDrops: DroppedEvent[];
}

/**
 * Why an event was not applied: a type this version does not know, a payload without the fields
 * its type needs (or a message that is not an event at all), or an exception of our own while
 * applying it (a bug, reported apart so it is not mistaken for bad data).
 */
export type DropReason = "unknown" | "malformed" | "internal";

/** One dropped event, as the diagnostics view lists it: never its payload, which may hold anything. */
export interface DroppedEvent {
  reason: DropReason;
  /** The event's type, or "(none)". */
  type: string;
  /** What was wrong, in words (the exception's message for "internal"). */
  detail: string;
  /** When it was dropped (ms). */
  at: number;
}

/**
 * A fresh state with nothing loaded; every call returns new objects, so stores never share them.
 * Every map is an `idRecord` (no prototype), so any id a server sends is an ordinary key.
 */
export function emptyInstanceState(): InstanceState {
  return {
    projects: idRecord(),
    directories: [],
    sessions: idRecord(),
    messages: idRecord(),
    parts: idRecord(),
    status: idRecord(),
    permissions: idRecord(),
    questions: idRecord(),
    todos: idRecord(),
    errors: idRecord(),
    dropped: { unknown: 0, malformed: 0, internal: 0 },
    recentDrops: [],
  };
}
