/**
 * One entry per server event the app uses: how it changes the state (`apply`) and which piece of
 * state it changes (`touches`, the key the REST merge keeps local: see touched.ts). Both live in the
 * same entry so that a new event type is added once; the reducer and the touched set both read
 * this table and nothing else.
 */
import { isId, isRecord, isWorkDirectory } from "./guards";
import { applyMessageRemoved, applyMessageUpdated, applyPartDelta, applyPartRemoved, applyPartUpdated } from "./reducer-messages";
import {
  applyAnswered,
  applyAsked,
  applyIdle,
  applySessionDeleted,
  applySessionError,
  applyStatus,
  applyTodos,
  putProject,
  putSessionInfo,
} from "./reducer-sessions";
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

/** What a rule's `apply` is given besides the state and the payload. */
export interface RuleContext {
  /** The routed directory from the `/global/event` envelope. */
  directory: string | undefined;
  /** Stamps `session.error`, which carries no time. */
  now: () => number;
}

/** A payload that is not an object reaches `apply` and `touches` as undefined. */
type Payload = Record<string, unknown> | undefined;

export interface EventRule {
  /** Applies the event: true when done, false when the payload was malformed, or what to reload. */
  apply(state: InstanceState, payload: Payload, context: RuleContext): boolean | ResyncNeed;
  /** The touched key (touched.ts) of what the event changes that a REST snapshot also carries. */
  touches?(payload: Payload): string | undefined;
}

/** The key under which a session's status, permissions, questions or todos count as touched. */
export function sessionKey(kind: "status" | "permission" | "question" | "todo", sessionID: string): string {
  return `${kind}:${sessionID}`;
}

const idOf = (value: unknown): string | undefined => (isId(value) ? value : undefined);
const keyOf = (kind: Parameters<typeof sessionKey>[0]) => (p: Payload) => (isId(p?.sessionID) ? sessionKey(kind, p.sessionID) : undefined);
const partID = (p: Payload) => idOf(p?.partID);
const sessionInfoID = (p: Payload) => (isRecord(p?.info) && isId(p.info.id) ? p.info.id : idOf(p?.sessionID));
const nothing = () => true;

const SESSION_INFO: EventRule = { apply: (state, p) => putSessionInfo(state, p?.info), touches: sessionInfoID };
const PERMISSION_ASKED: EventRule = { apply: (state, p) => applyAsked(state.permissions, p), touches: keyOf("permission") };
const PERMISSION_ANSWERED: EventRule = { apply: (state, p) => applyAnswered(state.permissions, p), touches: keyOf("permission") };
const QUESTION_ANSWERED: EventRule = { apply: (state, p) => applyAnswered(state.questions, p), touches: keyOf("question") };

/** Deltas are ~99% of all traffic; the reducer reaches this rule without a table lookup. */
export const DELTA_RULE: EventRule = { apply: (state, p) => applyPartDelta(state, p), touches: partID };

/** Every event type the reducer applies. */
export const EVENT_RULES: ReadonlyMap<string, EventRule> = new Map<string, EventRule>([
  ["server.connected", { apply: nothing }],
  ["server.heartbeat", { apply: nothing }],
  ["message.part.delta", DELTA_RULE],
  ["message.part.updated", { apply: applyPartUpdated, touches: (p) => (isRecord(p?.part) ? idOf(p.part.id) : undefined) }],
  ["message.part.removed", { apply: applyPartRemoved, touches: partID }],
  ["message.updated", { apply: applyMessageUpdated, touches: (p) => (isRecord(p?.info) ? idOf(p.info.id) : undefined) }],
  ["message.removed", { apply: applyMessageRemoved, touches: (p) => idOf(p?.messageID) }],
  ["session.created", SESSION_INFO],
  ["session.updated", SESSION_INFO],
  ["session.deleted", { apply: applySessionDeleted, touches: sessionInfoID }],
  ["session.status", { apply: applyStatus, touches: keyOf("status") }],
  ["session.idle", { apply: applyIdle, touches: keyOf("status") }],
  ["session.error", { apply: (state, p, context) => applySessionError(state, p, context.now) }],
  ["permission.asked", PERMISSION_ASKED],
  ["permission.replied", PERMISSION_ANSWERED],
  ["question.asked", { apply: (state, p) => applyAsked(state.questions, p), touches: keyOf("question") }],
  ["question.replied", QUESTION_ANSWERED],
  ["question.rejected", QUESTION_ANSWERED],
  ["todo.updated", { apply: applyTodos, touches: keyOf("todo") }],
  ["project.updated", { apply: (state, p) => putProject(state, p) }],
  [
    "server.instance.disposed",
    {
      apply: (_, p, { directory }) => {
        const disposed = isWorkDirectory(p?.directory) ? p.directory : directory;
        return isWorkDirectory(disposed) ? { scope: "directory", directory: disposed } : { scope: "all" };
      },
    },
  ],
  ["global.disposed", { apply: () => ({ scope: "all" }) }],
]);

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
  // The Changes view reads each prompt's `summary.diffs` (app/changes.ts says why), not this.
  "session.diff",
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

/** Whether an event type is known and deliberately not used (neither applied nor counted). */
export function isIgnored(type: string): boolean {
  return IGNORED.has(type) || type.startsWith("session.next.");
}
