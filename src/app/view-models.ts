/**
 * Pure derivations from an instance's state to what the components show: the session tree grouped by
 * directory with badges, and the counts on tabs. No DOM, no fetch: unit-tested with plain objects.
 */
import type { Session } from "@opencode-ai/sdk/v2/client";
import { directoriesOf } from "../lib/directories";
import { sessionTitle } from "../lib/session-title";
import type { InstanceState, SessionErrorInfo } from "../state/types";
import { num, rec, str } from "../lib/server-data";
import type { SessionBadge, SessionGroup, SessionRow } from "../ui/session-list";

/**
 * The badges of one session row, in the order they are shown: "needs you" first (a pending permission
 * or question), then busy or retrying, then error.
 */
export function sessionBadges(state: InstanceState, sessionId: string): SessionBadge[] {
  const badges: SessionBadge[] = [];
  const status = state.status[sessionId];
  if (state.permissions[sessionId]?.length || state.questions[sessionId]?.length) badges.push("permission");
  if (status?.type === "busy") badges.push("busy");
  if (status?.type === "retry") badges.push("retrying");
  // A stop the user asked for is not a failure: no “error” badge for it.
  const error = state.errors[sessionId];
  if (error && error.name !== ABORTED) badges.push("error");
  return badges;
}

const ABORTED = "MessageAbortedError";

/**
 * The session's error to show under its log, or none. A failure that ends a reply arrives twice:
 * `session.error` and the reply's own `info.error` (captures 05, recorded error-400). The reply
 * shows its own, so the session's is shown only when the last reply carries none (a failure before
 * any reply, or one the server told only as a session error): one failure, one sentence.
 */
export function sessionErrorToShow(state: InstanceState, sessionId: string): SessionErrorInfo | undefined {
  const error = state.errors[sessionId];
  if (!error) return undefined;
  const messages = state.messages[sessionId] ?? [];
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message.role === "assistant") return message.error ? undefined : error;
  }
  return error;
}

/** Pending permissions and questions across a server. */
export function waitingCount(state: InstanceState): number {
  let count = 0;
  for (const list of Object.values(state.permissions)) count += list?.length ?? 0;
  for (const list of Object.values(state.questions)) count += list?.length ?? 0;
  return count;
}

/** When a session was created; 0 when the server did not say (it then sorts last). */
const createdAt = (session: Session) => num(rec(session.time).created) ?? 0;

/** Newest first by creation; ties broken by id, smaller (newer: session ids decrease) first. */
const newestFirst = (a: Session, b: Session) => createdAt(b) - createdAt(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Changes whenever the end of a session's log grows (a new message, part, text or tool status), so
 * the log keeps following the stream. Reads only what it can: a part may hold anything.
 */
export function messageTail(state: InstanceState, sessionId: string): string | undefined {
  const messages = state.messages[sessionId];
  const last = messages?.[messages.length - 1];
  if (!last) return undefined;
  const parts = state.parts[last.id];
  const part = parts?.[parts.length - 1];
  if (!part) return last.id;
  const fields = part as unknown as Record<string, unknown>;
  const grown = typeof fields.text === "string" ? fields.text.length : (str(rec(fields.state).status) ?? "");
  return `${part.id}:${grown}`;
}

/**
 * Sessions grouped by directory (sorted by path), newest first, children under their parent. A child
 * whose parent is not shown (unknown, or archived) is shown at the top level rather than hidden.
 */
export function sessionGroups(state: InstanceState, href: (sessionId: string) => string): SessionGroup[] {
  const sessions = Object.values(state.sessions).filter((s) => !rec(s.time).archived);
  const shown = new Set(sessions.map((s) => s.id));
  const children = new Map<string, Session[]>();
  const roots: Session[] = [];
  for (const session of sessions) {
    // Nesting under a parent that is not listed would hide the child altogether.
    if (session.parentID && shown.has(session.parentID)) {
      const list = children.get(session.parentID) ?? [];
      list.push(session);
      children.set(session.parentID, list);
    } else {
      roots.push(session);
    }
  }
  const row = (session: Session, seen: Set<string>): SessionRow => {
    seen.add(session.id);
    return {
      id: session.id,
      title: sessionTitle(session),
      href: href(session.id),
      updated: num(rec(session.time).updated) ?? 0,
      badges: sessionBadges(state, session.id),
      children: (children.get(session.id) ?? [])
        .filter((c) => !seen.has(c.id))
        .sort(newestFirst)
        .map((c) => row(c, seen)),
    };
  };
  const groups = new Map<string, SessionRow[]>();
  for (const session of roots.sort(newestFirst)) {
    const list = groups.get(session.directory) ?? [];
    list.push(row(session, new Set()));
    groups.set(session.directory, list);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([directory, rows]) => ({ directory, sessions: rows }));
}

/** The directories the user can start a session in: known project worktrees and session directories. */
export function projectDirectories(state: InstanceState, serverDirectory?: string): string[] {
  return directoriesOf(Object.values(state.sessions), Object.values(state.projects), serverDirectory, state.directories);
}
