/**
 * The merged view across servers as pure functions: (the state of every runtime) → the rows of the
 * "All sessions" list and the items of "Needs you". No DOM, no Solid: unit-tested with plain objects
 * and timed in `npm run bench` (5,000 sessions filtered per keystroke).
 */
import type { AssistantMessage, PermissionRequest, QuestionRequest, Session } from "@opencode-ai/sdk/v2/client";
import { $RAW } from "solid-js/store";
import { keepUnchanged, sameItems } from "../lib/keep-unchanged";
import type { InstanceState } from "../state/types";
import type { SessionBadge } from "../ui/session-list";

/** One server as the merged view reads it. */
export interface MergedSource {
  instanceId: string;
  /** What the user calls the server: its label, else its port or host (":4096"). */
  server: string;
  state: InstanceState;
}

/** One row of the merged list; rows come flat, in display order, children right after their parent. */
export interface MergedRow {
  /** Unique across servers: session ids are only unique within one server. */
  key: string;
  instanceId: string;
  sessionId: string;
  title: string;
  directory: string;
  server: string;
  badges: SessionBadge[];
  /** Last activity (ms): the session's `time.updated`. */
  updated: number;
  /** Total cost (USD): the session's own, or its loaded assistant messages' when larger; undefined when neither is known. */
  cost: number | undefined;
  /** 0 for a top-level session, 1 for its subagents, and so on. */
  depth: number;
  /** Lower-cased title and directory: what the search box matches, computed once per row, not per keystroke. */
  haystack: string;
}

export type MergedFilter = "all" | "busy" | "needs-you" | "errors";

/** Newest activity first; the id breaks ties so the order never flickers. */
const byActivity = (a: Session, b: Session) => (b.time?.updated ?? 0) - (a.time?.updated ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A store object's raw target (a plain object is its own): what `unwrap` does first, without its deep walk of plain objects. */
const rawOf = <T extends object>(value: T): T => (value as T & { [$RAW]?: T })[$RAW] ?? value;

/** The summed cost of a session's loaded assistant messages (the session itself carries no cost). */
export function sessionCost(state: InstanceState, sessionId: string): number | undefined {
  const messages = state.messages[sessionId];
  if (!messages?.length) return undefined;
  let cost = 0;
  for (const message of messages) if (message.role === "assistant") cost += Number((message as AssistantMessage).cost) || 0;
  return cost;
}

/**
 * The badges of every session of a server that has any, in sessionBadges' order ("needs you", busy
 * or retrying, error). Walks the few entries of the status, permission, question and error maps
 * instead of looking up each of 5,000 sessions in them: inside a memo over a store, every lookup of
 * a missing key would create a subscription of its own.
 */
function badgesBySession(state: InstanceState): Map<string, SessionBadge[]> {
  const flags = new Map<string, { permission?: boolean; status?: SessionBadge; error?: boolean }>();
  const flag = (id: string) => flags.get(id) ?? (flags.set(id, {}), flags.get(id)!);
  for (const [id, list] of Object.entries(state.permissions)) if (list?.length) flag(id).permission = true;
  for (const [id, list] of Object.entries(state.questions)) if (list?.length) flag(id).permission = true;
  for (const [id, status] of Object.entries(state.status)) {
    if (status?.type === "busy") flag(id).status = "busy";
    else if (status?.type === "retry") flag(id).status = "retrying";
  }
  // A stop the user asked for is not a failure: no "error" badge, as in a server's own session list (view-models' sessionBadges).
  for (const [id, error] of Object.entries(state.errors)) if (error && error.name !== ABORTED) flag(id).error = true;
  const badges = new Map<string, SessionBadge[]>();
  for (const [id, f] of flags) {
    const list: SessionBadge[] = [];
    if (f.permission) list.push("permission");
    if (f.status) list.push(f.status);
    if (f.error) list.push("error");
    if (list.length) badges.set(id, list);
  }
  return badges;
}

const NO_BADGES: SessionBadge[] = [];
const ABORTED = "MessageAbortedError";

/**
 * A session's cost: the server keeps the total on the session (`cost`, 1.18.33), which covers every
 * message, loaded or not; the loaded messages' sum is newer while a reply streams (the session is
 * updated after each step). Both only grow, so the larger is the better guess.
 */
function rowCost(session: Session, loaded: number | undefined): number | undefined {
  const total = typeof session.cost === "number" && Number.isFinite(session.cost) && session.cost >= 0 ? session.cost : undefined;
  if (total === undefined) return loaded;
  return loaded === undefined ? total : Math.max(total, loaded);
}

/**
 * Every unarchived session of every server, newest activity first, each followed by its subagent
 * sessions (depth-first, also newest first). A child whose parent is not listed stands on its own,
 * rather than being hidden. The page builds the same list from one memo per server (`serverRows`)
 * and `mergeServerRows`, so a change on one server reads and sorts only that server's sessions.
 */
export function mergedRows(sources: readonly MergedSource[]): MergedRow[] {
  return mergeServerRows(sources.map((source) => serverRows(source)));
}

/**
 * One server's rows of the merged list: its unarchived sessions, newest activity first, each
 * followed by its subagent sessions.
 *
 * Inside a memo over the store it subscribes to the sessions map alone: listing its keys through
 * the store (`Reflect.ownKeys`, Solid's ownKeys trap) tracks the map itself, which the store
 * signals whenever any entry is set or deleted, and the reducer replaces a session whole on every
 * update (never a field of it). The sessions are then read from the raw map: no proxy, descriptor
 * or subscription per session, which were most of the list's opening time and of each rebuild
 * (500 sessions a server). `Object.keys` through the store would also ask for each key's descriptor.
 */
export function serverRows(source: MergedSource, cache?: RowCache): MergedRow[] {
  Reflect.ownKeys(source.state.sessions);
  const sessions = Object.values(rawOf(source.state.sessions)).filter((s) => s && !s.time?.archived);
  const shown = new Set(sessions.map((s) => s.id));
  const children = new Map<string, Session[]>();
  const badges = badgesBySession(source.state);
  const costs = new Map<string, number>();
  for (const id of Object.keys(source.state.messages)) {
    const cost = sessionCost(source.state, id);
    if (cost !== undefined) costs.set(id, cost);
  }
  const roots: Session[] = [];
  for (const session of sessions) {
    if (session.parentID && shown.has(session.parentID) && session.parentID !== session.id) {
      const list = children.get(session.parentID) ?? [];
      list.push(session);
      children.set(session.parentID, list);
    } else {
      roots.push(session);
    }
  }
  const rows: MergedRow[] = [];
  const add = (session: Session, depth: number, seen: Set<string>) => {
    // A parent cycle (malformed data) would otherwise recurse forever.
    if (seen.has(session.id)) return;
    seen.add(session.id);
    const badgesOf = badges.get(session.id) ?? NO_BADGES;
    const cost = rowCost(session, costs.get(session.id));
    // The reducer replaces a session whole when it changes: the same object with the same badges,
    // cost and depth makes the same row, so a server whose one session changed builds one row.
    const cached = cache?.get(session);
    const same =
      cached &&
      cached.depth === depth &&
      cached.cost === cost &&
      cached.instanceId === source.instanceId &&
      cached.server === source.server &&
      sameItems(cached.badges, badgesOf);
    rows.push(same ? cached : newRow(session, depth, badgesOf, cost));
    for (const child of (children.get(session.id) ?? []).sort(byActivity)) add(child, depth + 1, seen);
  };
  const newRow = (session: Session, depth: number, badgesOf: SessionBadge[], cost: number | undefined): MergedRow => {
    const title = session.title || session.slug || session.id;
    const row: MergedRow = {
      key: `${source.instanceId} ${session.id}`,
      instanceId: source.instanceId,
      sessionId: session.id,
      title,
      directory: session.directory,
      server: source.server,
      badges: badgesOf,
      updated: session.time?.updated ?? 0,
      cost,
      depth,
      haystack: `${title}\n${session.directory}`.toLowerCase(),
    };
    cache?.set(session, row);
    return row;
  };
  for (const root of roots.sort(byActivity)) add(root, 0, new Set());
  return rows;
}

/** The rows `serverRows` built, by the session object they were built from (see serverRows). */
export type RowCache = WeakMap<Session, MergedRow>;

/** `byActivity` for top-level rows of different servers; the instance id breaks a tie of session ids. */
const rowBefore = (a: MergedRow, b: MergedRow) =>
  (b.updated - a.updated || (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : a.instanceId < b.instanceId ? -1 : 1)) < 0;

/**
 * The rows of every server (each as `serverRows` made them) in one list, newest activity first:
 * each top-level session moves with its subagents. Each server's list is in order already, so
 * this merges them (one pass, comparing the next top-level row of each server) instead of sorting
 * every row again.
 */
export function mergeServerRows(servers: ReadonlyArray<readonly MergedRow[]>): MergedRow[] {
  const lists = servers.filter((rows) => rows.length);
  if (lists.length <= 1) return [...(lists[0] ?? [])];
  const next = lists.map(() => 0);
  const merged: MergedRow[] = [];
  for (;;) {
    let best = -1;
    for (let i = 0; i < lists.length; i++) {
      if (next[i] >= lists[i].length) continue;
      if (best < 0 || rowBefore(lists[i][next[i]], lists[best][next[best]])) best = i;
    }
    if (best < 0) return merged;
    const rows = lists[best];
    let at = next[best];
    do merged.push(rows[at++]);
    while (at < rows.length && rows[at].depth > 0);
    next[best] = at;
  }
}

/** Every field a row shows (haystack follows from title and directory, key from instanceId and sessionId). */
const sameRow = (a: MergedRow, b: MergedRow) =>
  a.title === b.title &&
  a.directory === b.directory &&
  a.server === b.server &&
  a.updated === b.updated &&
  a.cost === b.cost &&
  a.depth === b.depth &&
  sameItems(a.badges, b.badges);

/**
 * `next` (a fresh `serverRows` or `mergedRows`), with each row whose fields did not change since
 * `previous` replaced by its previous object, and `previous` itself when nothing changed. The rows
 * are built again on every change of their server; the list draws each row keyed by its object, so
 * only the rows that really changed are drawn again (with ten servers streaming, every visible row
 * was drawn again on each status, cost or activity change of any one session).
 */
export function keepUnchangedRows(previous: readonly MergedRow[] | undefined, next: MergedRow[]): MergedRow[] {
  return keepUnchanged(previous, next, (row) => row.key, sameRow);
}

const FILTER_BADGES: Record<Exclude<MergedFilter, "all">, SessionBadge[]> = {
  busy: ["busy", "retrying"],
  "needs-you": ["permission"],
  errors: ["error"],
};

/**
 * The rows whose title or directory contains every word of `query` (any case) and that pass
 * `filter`. A matching subagent keeps its parents in the list, so it is never shown out of place.
 * One pass over the rows; no allocation per row beyond the result.
 */
export function filterMerged(rows: readonly MergedRow[], query: string, filter: MergedFilter = "all"): MergedRow[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const wanted = filter === "all" ? undefined : FILTER_BADGES[filter];
  if (!words.length && !wanted) return rows as MergedRow[];
  const result: MergedRow[] = [];
  // The ancestors of the current row not yet in the result, by depth.
  const ancestors: MergedRow[] = [];
  let included = 0; // how many of `ancestors` (from the root down) are already in the result
  for (const row of rows) {
    ancestors.length = row.depth;
    if (included > row.depth) included = row.depth;
    let match = true;
    for (const word of words)
      if (!row.haystack.includes(word)) {
        match = false;
        break;
      }
    if (match && wanted) match = row.badges.some((badge) => wanted.includes(badge));
    if (match) {
      for (let i = included; i < ancestors.length; i++) result.push(ancestors[i]);
      result.push(row);
      included = row.depth + 1;
    }
    ancestors.push(row);
  }
  return result;
}

/** A pending permission or question, with what the "Needs you" list shows beside it. */
export type AttentionItem = {
  key: string;
  instanceId: string;
  server: string;
  sessionId: string;
  sessionTitle: string;
  directory: string | undefined;
} & ({ kind: "permission"; request: PermissionRequest } | { kind: "question"; request: QuestionRequest });

/**
 * Request ids are the server's ascending ids (`per_…`, `que_…`): after the prefix they sort by the
 * time they were made, which the requests do not otherwise carry.
 */
const idTime = (id: string) => id.slice(id.indexOf("_") + 1);

/** Every pending permission and question of every server, newest first. */
export function attentionItems(sources: readonly MergedSource[]): AttentionItem[] {
  const items: AttentionItem[] = [];
  for (const source of sources) {
    const about = (sessionId: string) => {
      const session = source.state.sessions[sessionId];
      return {
        instanceId: source.instanceId,
        server: source.server,
        sessionId,
        sessionTitle: session?.title || sessionId,
        directory: session?.directory,
      };
    };
    for (const [sessionId, list] of Object.entries(source.state.permissions)) {
      for (const request of list ?? [])
        items.push({ key: `${source.instanceId} ${request.id}`, ...about(sessionId), kind: "permission", request });
    }
    for (const [sessionId, list] of Object.entries(source.state.questions)) {
      for (const request of list ?? [])
        items.push({ key: `${source.instanceId} ${request.id}`, ...about(sessionId), kind: "question", request });
    }
  }
  return items.sort((a, b) => {
    const x = idTime(a.request.id);
    const y = idTime(b.request.id);
    return x < y ? 1 : x > y ? -1 : a.key < b.key ? -1 : 1;
  });
}
