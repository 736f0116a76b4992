/**
 * Merging what the REST API returns after every (re)connect into a store that kept streaming. The
 * server replays nothing (EVENTS.md), so this is how missed changes arrive; it must neither lose nor
 * double streamed text. Merge rule, per session, message, part, status and request list:
 * 1. Changed by an event since `server.connected` (the `touched` set, see touched.ts): keep local.
 * 2. Otherwise the snapshot wins, including absence: a message missing from a session's full list,
 *    or a session missing from the full list of `snapshot.directory`, was deleted while we were away.
 * 3. Text of a part that has not ended, in a session the snapshot says is busy: the server stores it
 *    only at start and end (deltas are broadcast, not saved), so mid-stream REST text is "" or a prefix
 *    of ours. When the local text is longer and starts with the REST text, keep it; when REST is longer
 *    (we missed deltas), take REST. In an idle session REST is final: nothing more will stream.
 */
import type { Message, Part, PermissionRequest, Project, QuestionRequest, Session, SessionStatus, Todo } from "@opencode-ai/sdk/v2/client";
import { $RAW } from "solid-js/store";
import { idRecord, own } from "../lib/records";
import { isId, isRecord, isWorkDirectory } from "./guards";
import { plainData } from "./plain";
import { isEnded, putMessage, removeMessage, removeSession } from "./reducer-messages";
import { putProject, putSessionInfo } from "./reducer-sessions";
import { findById, insertSortedUnique, removeById, upsertById } from "./sorted";
import { sessionKey } from "./touched";
import type { InstanceState } from "./types";

/** What the REST API returned for one instance or one of its directories; absent fields are left alone. */
export interface InstanceSnapshot {
  /** The directory these answers are for; sessions of it that `sessions` lacks are removed. */
  directory?: string;
  /** `GET /session`: the complete list for `directory` (any filter or limit would delete sessions). */
  sessions?: Session[];
  /** `sessions` is every session of the server (no limit cut it short): unlisted ones were deleted. */
  complete?: boolean;
  /** `GET /session/status`: only non-idle sessions are listed; a session missing from it is idle. */
  status?: Record<string, SessionStatus>;
  /** `GET /permission`: pending requests. */
  permissions?: PermissionRequest[];
  /** `GET /question`: pending questions. */
  questions?: QuestionRequest[];
  /** `GET /session/:id/message` per session: the session's complete message list (or one page, see `pages`). */
  messages?: Record<string, Array<{ info: Message; parts: Part[] }>>;
  /**
   * Sessions whose `messages` are one page of their history (`?limit=&before=`), not all of it: the
   * newest page speaks for every message from its oldest one on, an older page only for the span
   * between its oldest and newest; messages outside that span are neither replaced nor removed.
   */
  pages?: Record<string, "newest" | "older">;
  /** `GET /session/:id/todo` per session. */
  todos?: Record<string, Todo[]>;
  /** `GET /project`. */
  projects?: Project[];
  /**
   * Directories whose status or pending requests could not be read: their sessions keep what they
   * have of that kind (an unread list is not an empty one), everything else is replaced as usual.
   */
  unread?: Partial<Record<UnreadKind, string[]>>;
}

/** What `unread` can name. */
export type UnreadKind = "status" | "permissions" | "questions";

const NOTHING_TOUCHED: ReadonlySet<string> = new Set();

/**
 * Merges `snapshot` into `state` in place (a plain object or a Solid `produce` draft) by the rule in
 * the module comment. `touched` holds what events changed since the connection opened; without it
 * the snapshot wins everywhere except for longer local text of unfinished parts.
 */
export function applySnapshot(state: InstanceState, snapshot: InstanceSnapshot, touched: ReadonlySet<string> = NOTHING_TOUCHED): void {
  const { directory } = snapshot;
  if (isWorkDirectory(directory)) insertSortedUnique(state.directories, directory);
  for (const project of listOf(snapshot.projects)) {
    if (!isRecord(project) || !isId(project.id)) continue;
    if (!sameJson(state.projects[project.id], project)) putProject(state, project);
  }
  // Deleted locally after the connection opened: the snapshot may predate the deletion.
  const deletedSince = (sessionID: string) => touched.has(sessionID) && !state.sessions[sessionID];
  const listed = new Set<string>();
  if (snapshot.sessions) {
    for (const session of listOf(snapshot.sessions)) {
      if (!isRecord(session) || !isId(session.id)) continue;
      listed.add(session.id);
      if (touched.has(session.id) || sameJson(state.sessions[session.id], session)) continue;
      putSessionInfo(state, session);
    }
    if (directory !== undefined || snapshot.complete) {
      for (const [id, session] of Object.entries(state.sessions)) {
        const covered = snapshot.complete || session.directory === directory;
        if (covered && !listed.has(id) && !touched.has(id)) removeSession(state, id);
      }
    }
  }
  // The sessions a per-directory answer speaks for; a snapshot without directory speaks for all.
  const inScope = (sessionID: string) => {
    if (directory === undefined || listed.has(sessionID)) return true;
    const session = state.sessions[sessionID];
    return !session || session.directory === directory;
  };
  // Sessions whose answer of this kind could not be read keep theirs (one of unknown directory too).
  const unread = (kind: UnreadKind) => {
    const directories = snapshot.unread?.[kind];
    if (!Array.isArray(directories) || directories.length === 0) return () => false;
    return (sessionID: string) => {
      const where = state.sessions[sessionID]?.directory;
      return where === undefined || directories.includes(where);
    };
  };
  const statusUnread = unread("status");

  const rest = isRecord(snapshot.status) ? snapshot.status : undefined;
  for (const [sessionID, messages] of entriesOf(snapshot.messages)) {
    // An idle session streams nothing more, so its REST text is final even for a part that never
    // ended (a server killed mid-reply keeps only what it stored): rule 3 applies to busy ones only.
    const idle = rest !== undefined && !statusUnread(sessionID) && !isBusyStatus(own(rest, sessionID));
    if (deletedSince(sessionID) || !Array.isArray(messages)) continue;
    const page = isRecord(snapshot.pages) ? own(snapshot.pages, sessionID) : undefined;
    mergeMessages(state, sessionID, messages, touched, idle, page === "newest" || page === "older" ? page : undefined);
  }
  if (rest) {
    for (const sessionID of keysOf(state.status, rest)) {
      if (!inScope(sessionID) || statusUnread(sessionID) || touched.has(sessionKey("status", sessionID)) || deletedSince(sessionID))
        continue;
      const status = own(rest, sessionID);
      if (isBusyStatus(status)) {
        if (!sameJson(state.status[sessionID], status)) state.status[sessionID] = status;
      } else if (sessionID in state.status) delete state.status[sessionID];
    }
  }
  const keepPermissions = unread("permissions");
  const keepQuestions = unread("questions");
  if (Array.isArray(snapshot.permissions)) {
    replaceLists(state.permissions, snapshot.permissions, "permission", (id) => inScope(id) && !keepPermissions(id), deletedSince, touched);
  }
  if (Array.isArray(snapshot.questions)) {
    replaceLists(state.questions, snapshot.questions, "question", (id) => inScope(id) && !keepQuestions(id), deletedSince, touched);
  }
  for (const [sessionID, todos] of entriesOf(snapshot.todos)) {
    if (!Array.isArray(todos) || touched.has(sessionKey("todo", sessionID)) || deletedSince(sessionID)) continue;
    if (!sameJson(state.todos[sessionID], todos)) state.todos[sessionID] = todos;
  }
}

function mergeMessages(
  state: InstanceState,
  sessionID: string,
  messages: Array<{ info: Message; parts: Part[] }>,
  touched: ReadonlySet<string>,
  idle: boolean,
  page?: "newest" | "older",
): void {
  if (!state.messages[sessionID]?.length) return loadFreshMessages(state, sessionID, messages, touched, idle);
  if (page === "older" && prependOlder(state, sessionID, messages, touched, idle)) return;
  // The span this answer speaks for: a message of the session outside it is not missing from it.
  const ids = messages.flatMap((entry) => (isRecord(entry) && isRecord(entry.info) && isId(entry.info.id) ? [entry.info.id] : []));
  const from = page && ids.length ? ids.reduce((a, b) => (a < b ? a : b)) : undefined;
  const to = page === "older" && ids.length ? ids.reduce((a, b) => (a > b ? a : b)) : undefined;
  if (page && from === undefined) return;
  const covers = (id: string) => (from === undefined || id >= from) && (to === undefined || id <= to);
  const listed = new Set<string>();
  for (const entry of messages) {
    // A REST answer is untrusted too: an entry may be anything.
    const { info, parts } = isRecord(entry) ? entry : ({} as Partial<typeof entry>);
    if (!isRecord(info) || !isId(info.id)) continue;
    listed.add(info.id);
    const local = findById(state.messages[sessionID], info.id);
    if (touched.has(info.id)) {
      if (!local) continue; // removed since the connection opened
    } else if (!sameJson(local, info)) {
      putMessage(state, { ...info, sessionID } as Message);
    }
    mergeParts(state, info.id, Array.isArray(parts) ? parts : [], touched, idle);
  }
  const local = state.messages[sessionID];
  if (!local) return;
  const stale = local.filter((message) => !listed.has(message.id) && !touched.has(message.id) && covers(message.id)).map((m) => m.id);
  for (const id of stale) removeMessage(state, sessionID, id);
}

/**
 * An older page whose messages all come before everything held (the usual case while a long
 * session's history loads behind its newest page): one write of the joined list, instead of one
 * proxied insert at the front per message, each shifting every item after it. False when the page
 * overlaps what is held; the general merge then takes it.
 */
function prependOlder(
  state: InstanceState,
  sessionID: string,
  messages: Array<{ info: Message; parts: Part[] }>,
  touched: ReadonlySet<string>,
  idle: boolean,
): boolean {
  const local = state.messages[sessionID];
  const first = local[0].id;
  const older: Array<{ info: Message; parts: Part[] }> = [];
  for (const entry of messages) {
    if (!isRecord(entry) || !isRecord(entry.info) || !isId(entry.info.id)) continue;
    if (entry.info.id >= first) return false;
    older.push(entry);
  }
  if (!older.length) return true;
  const held = (local as unknown as Record<typeof $RAW, Message[] | undefined>)[$RAW] ?? local;
  const fresh: Message[] = [];
  for (const { info, parts } of older) {
    // Touched but not held: removed by an event since the connection opened.
    if (touched.has(info.id)) continue;
    fresh.push({ ...info, sessionID } as Message);
    if (state.parts[info.id]?.length) mergeParts(state, info.id, Array.isArray(parts) ? parts : [], touched, idle);
    else state.parts[info.id] = plainData(freshParts(info.id, Array.isArray(parts) ? parts : [], touched));
  }
  fresh.sort(byId);
  state.messages[sessionID] = plainData([...fresh, ...held]);
  return true;
}

/** A message's parts from REST, as the store keeps them: checked, sorted, each naming its message. */
function freshParts(messageID: string, parts: Part[], touched: ReadonlySet<string>): Part[] {
  const list = parts
    .filter((part) => isRecord(part) && isId(part.id) && !touched.has(part.id))
    .map((part) => ({ ...part, messageID }) as Part);
  return list.sort(byId);
}

/**
 * The first load of a session (the usual case when its tab opens): nothing local to merge with, so
 * the sorted lists are built outside the store and handed over in one write each, instead of one
 * proxied insert per message and part (a 2,000-message session spent most of its opening time there).
 */
function loadFreshMessages(
  state: InstanceState,
  sessionID: string,
  messages: Array<{ info: Message; parts: Part[] }>,
  touched: ReadonlySet<string>,
  idle: boolean,
): void {
  const fresh: Message[] = [];
  const partsOf: Array<[string, Part[]]> = [];
  for (const entry of messages) {
    const { info, parts } = isRecord(entry) ? entry : ({} as Partial<typeof entry>);
    // Touched but absent locally: removed by an event since the connection opened.
    if (!isRecord(info) || !isId(info.id) || touched.has(info.id)) continue;
    fresh.push({ ...info, sessionID } as Message);
    partsOf.push([info.id, Array.isArray(parts) ? parts : []]);
  }
  fresh.sort(byId);
  // Built here from parsed JSON: no store proxies inside, so the store need not walk it (plain.ts).
  state.messages[sessionID] = plainData(fresh);
  for (const [messageID, parts] of partsOf) {
    if (state.parts[messageID]?.length) {
      mergeParts(state, messageID, parts, touched, idle);
      continue;
    }
    state.parts[messageID] = plainData(freshParts(messageID, parts, touched));
  }
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function mergeParts(state: InstanceState, messageID: string, parts: Part[], touched: ReadonlySet<string>, idle: boolean): void {
  const listed = new Set<string>();
  for (const rest of parts) {
    if (!isRecord(rest) || !isId(rest.id)) continue;
    listed.add(rest.id);
    if (touched.has(rest.id)) continue;
    const list = state.parts[messageID];
    const local = findById(list, rest.id);
    const merged = local && !idle ? mergePart(local, rest) : rest;
    if (local && sameJson(local, merged)) continue;
    const part = { ...merged, messageID } as Part;
    if (list) upsertById(list, part);
    else state.parts[messageID] = [part];
  }
  const list = state.parts[messageID];
  if (!list) return;
  const stale = list.filter((part) => !listed.has(part.id) && !touched.has(part.id)).map((part) => part.id);
  for (const id of stale) removeById(state.parts[messageID], id);
}

/** Rule 3 of the module comment; every other field comes from REST. */
export function mergePart(local: Part, rest: Part): Part {
  const localText = (local as { text?: unknown }).text;
  const restText = (rest as { text?: unknown }).text;
  if (typeof localText !== "string" || typeof restText !== "string" || isEnded(rest)) return rest;
  if (localText.length > restText.length && localText.startsWith(restText)) return { ...rest, text: localText } as Part;
  return rest;
}

function replaceLists<T extends { id: string; sessionID: string }>(
  map: Record<string, T[]>,
  requests: T[],
  kind: "permission" | "question",
  inScope: (sessionID: string) => boolean,
  deletedSince: (sessionID: string) => boolean,
  touched: ReadonlySet<string>,
): void {
  const bySession = idRecord<T[]>();
  for (const request of requests) {
    if (!isRecord(request) || !isId(request.id) || !isId(request.sessionID)) continue;
    upsertById((bySession[request.sessionID] ??= []), request);
  }
  for (const sessionID of keysOf(map, bySession)) {
    if (!inScope(sessionID) || touched.has(sessionKey(kind, sessionID)) || deletedSince(sessionID)) continue;
    const next = bySession[sessionID];
    if (!next) delete map[sessionID];
    else if (!sameJson(map[sessionID], next)) map[sessionID] = next;
  }
}

function keysOf(a: object, b: object): Set<string> {
  return new Set([...Object.keys(a), ...Object.keys(b)].filter(isId));
}

/** A status that is not idle; what `GET /session/status` lists (anything else reads as idle). */
function isBusyStatus(status: unknown): status is SessionStatus {
  return isRecord(status) && typeof status.type === "string" && status.type !== "idle";
}

/** REST answers are untrusted: a list that is not an array is read as no answer. */
function listOf<T>(value: T[] | undefined): T[] {
  return Array.isArray(value) ? value : [];
}

/** The entries of a per-session record whose keys can be ids (a JSON `__proto__` key cannot). */
function entriesOf<T>(record: Record<string, T> | undefined): Array<[string, T]> {
  return isRecord(record) ? Object.entries(record).filter(([id]) => isId(id)) : [];
}

// Writing an equal value still replaces the object in the store, which re-renders everything that
// shows it; after a reconnect nearly everything is equal, so compare first.
function sameJson(a: unknown, b: unknown): boolean {
  if (a === undefined || b === undefined) return a === b;
  return JSON.stringify(a) === JSON.stringify(b);
}
