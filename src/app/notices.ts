/**
 * Which desktop notifications to show, as pure functions: (what a server's state holds now, what was
 * seen of it before, whether the page is hidden) → the notices to show and the memory after. No DOM,
 * no Notification API, no Solid: unit-tested with plain objects; `desktop-notices.ts` wires it up.
 *
 * A notice is due when a session starts needing the user (a permission or a question), fails
 * (`session.error`), or finishes (busy → idle). Each has a key (the request's id, the error, the last
 * message of the finished run) that is remembered whether or not it was shown, so a resync after a
 * reconnect, which puts the same pending requests back into the store, never notifies twice.
 */
import type { PermissionRequest, QuestionRequest } from "@opencode-ai/sdk/v2/client";
import type { InstanceState } from "../state/types";

/** What notifications care about on one server now: read inside an effect, so it tracks only these maps. */
export interface NoticeFacts {
  requests: Array<{ id: string; sessionId: string; kind: "permission" | "question"; what: string }>;
  /** Sessions that are busy or retrying. */
  busy: string[];
  errors: Array<{ sessionId: string; name: string; message: string; at: number }>;
}

/** One session as a notice names it; undefined when the session is not (or no longer) known. */
export interface SessionAbout {
  title: string;
  /** Set for a subagent's session. */
  parentId?: string;
  /** The id of its newest message, if any is loaded: what a finished run is keyed by. */
  lastMessageId?: string;
  /** Its last activity (ms): the key of a finished run when no message is loaded. */
  updated: number;
}

export type NoticeKind = "needs-you" | "failed" | "finished";

/** A desktop notification to show. */
export interface Notice {
  kind: NoticeKind;
  /** Unique on its server; remembered so it is shown once. */
  key: string;
  instanceId: string;
  sessionId: string;
  /** The session's title: what the notification is headed with. */
  title: string;
  /** What happened, and on which server. */
  body: string;
  /**
   * One per session: a newer notice about a session replaces the older one in the system's list,
   * so ten turns of one session leave one entry, not ten.
   */
  tag: string;
}

/** What was seen of one server, between two observations. */
export interface NoticeMemory {
  /** False until the server's first complete load was observed: what it held then is not news. */
  primed: boolean;
  busy: ReadonlySet<string>;
  /** Keys already handled, oldest first; bounded (see SEEN_LIMIT). */
  seen: readonly string[];
}

/** How many keys a server's memory keeps; far more than can be pending at once. */
export const SEEN_LIMIT = 500;

/** A stop the user (or another client) asked for is not a failure, and not worth a "finished" either. */
const ABORTED = "MessageAbortedError";

const clip = (text: string, max = 140) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const text = (value: unknown) => (typeof value === "string" ? value : "");

/** "run bash: ls -la" for a permission, the question itself for a question: untrusted shapes read with care. */
function requestWhat(kind: "permission" | "question", request: PermissionRequest | QuestionRequest): string {
  if (kind === "question") {
    const questions = (request as QuestionRequest).questions;
    const first = Array.isArray(questions) ? questions[0] : undefined;
    return clip(text(first?.question) || text(first?.header) || "A question");
  }
  const permission = request as PermissionRequest;
  const name = text(permission.permission) || "a tool";
  const command = text((permission.metadata as Record<string, unknown> | undefined)?.command);
  const patterns = Array.isArray(permission.patterns) ? permission.patterns.filter((p) => typeof p === "string").join(", ") : "";
  const detail = command || patterns;
  return clip(detail ? `Permission for ${name}: ${detail}` : `Permission for ${name}`);
}

/**
 * The facts of one server's state. Reads the pending requests, statuses and errors only (a few
 * entries each), so an effect around it re-runs on those changes and not on every streamed token.
 */
export function noticeFacts(state: InstanceState): NoticeFacts {
  const requests: NoticeFacts["requests"] = [];
  for (const [kind, map] of [
    ["permission", state.permissions],
    ["question", state.questions],
  ] as const) {
    for (const [sessionId, list] of Object.entries(map)) {
      if (!Array.isArray(list)) continue;
      for (const request of list)
        if (typeof request?.id === "string") requests.push({ id: request.id, sessionId, kind, what: requestWhat(kind, request) });
    }
  }
  const busy: string[] = [];
  for (const [sessionId, status] of Object.entries(state.status))
    if (status?.type === "busy" || status?.type === "retry") busy.push(sessionId);
  const errors: NoticeFacts["errors"] = [];
  for (const [sessionId, error] of Object.entries(state.errors))
    if (error) errors.push({ sessionId, name: error.name, message: error.message, at: error.at });
  return { requests, busy, errors };
}

/** A session as notices name it, read from a server's state. */
export function sessionAbout(state: InstanceState, sessionId: string): SessionAbout | undefined {
  const session = state.sessions[sessionId];
  if (!session) return undefined;
  const messages = state.messages[sessionId];
  return {
    title: text(session.title) || text(session.slug) || sessionId,
    parentId: text(session.parentID) || undefined,
    lastMessageId: messages?.length ? messages[messages.length - 1]?.id : undefined,
    updated: Number(session.time?.updated) || 0,
  };
}

/** One observation of one server. */
export interface NoticeInput {
  instanceId: string;
  /** What the user calls the server (its label or port), added to each notice's body. */
  server: string;
  facts: NoticeFacts;
  about: (sessionId: string) => SessionAbout | undefined;
  /** True once the server's sessions were loaded (a resync completed). */
  ready: boolean;
  /** The page is hidden (another tab in front, the window minimised): the only time a notice is shown. */
  hidden: boolean;
}

/**
 * The notices due since `memory` (undefined: the first look at this server, or notifications just
 * turned on), and the memory to keep. Nothing is shown for what was there before the server's
 * first complete load, nor while the page is visible: the user is looking at the page then, and
 * its title, favicon and "Needs you" already say it. Either way the keys are remembered, so hiding
 * the page later does not bring up what the user already saw.
 */
export function decideNotices(memory: NoticeMemory | undefined, input: NoticeInput): { notices: Notice[]; memory: NoticeMemory } {
  const seen = new Set(memory?.seen ?? []);
  const show = Boolean(memory?.primed) && input.ready && input.hidden;
  const notices: Notice[] = [];
  const consider = (kind: NoticeKind, key: string, sessionId: string, what: string, topLevelOnly: boolean) => {
    if (seen.has(key)) return;
    seen.add(key);
    if (!show) return;
    const about = input.about(sessionId);
    // A subagent's finish or failure is its parent's business (the task tool reports it there);
    // its permission or question still waits for the user.
    if (!about || (topLevelOnly && about.parentId)) return;
    notices.push({
      kind,
      key,
      instanceId: input.instanceId,
      sessionId,
      title: about.title,
      body: `${what} · ${input.server}`,
      tag: `${input.instanceId} ${sessionId}`,
    });
  };

  for (const request of input.facts.requests) consider("needs-you", `ask ${request.id}`, request.sessionId, request.what, false);
  const failed = new Map(input.facts.errors.map((error) => [error.sessionId, error]));
  for (const error of input.facts.errors) {
    if (error.name === ABORTED) continue;
    consider("failed", `fail ${error.sessionId} ${error.at}`, error.sessionId, clip(`Failed: ${error.message || error.name}`), true);
  }
  const busy = new Set(input.facts.busy);
  for (const sessionId of memory?.busy ?? []) {
    // Still busy, or ended by an error (told as failed, or a stop the user asked for): no "finished".
    if (busy.has(sessionId) || failed.has(sessionId)) continue;
    const about = input.about(sessionId);
    if (!about) continue; // deleted meanwhile
    consider("finished", `done ${sessionId} ${about.lastMessageId ?? about.updated}`, sessionId, "Finished", true);
  }

  const kept = [...seen];
  return {
    notices,
    memory: { primed: Boolean(memory?.primed) || input.ready, busy, seen: kept.length > SEEN_LIMIT ? kept.slice(-SEEN_LIMIT) : kept },
  };
}

/**
 * Keeps a memory per server and hands back what to show. Forget a server when it is removed, and
 * all of them when notifications are turned off (turning them on again starts from what is there).
 */
export function makeNoticeTracker() {
  const memories = new Map<string, NoticeMemory>();
  return {
    observe(input: NoticeInput): Notice[] {
      const { notices, memory } = decideNotices(memories.get(input.instanceId), input);
      memories.set(input.instanceId, memory);
      return notices;
    },
    /** Drops the memory of servers not in `keep` (removed ones). */
    retain(keep: ReadonlySet<string>) {
      for (const id of memories.keys()) if (!keep.has(id)) memories.delete(id);
    },
    reset: () => memories.clear(),
  };
}
