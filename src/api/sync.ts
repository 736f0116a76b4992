/**
 * Loading an instance's state over REST. The server replays nothing after a (re)connect (EVENTS.md),
 * so after every open the app reloads: projects, sessions of every project, and, per directory, the
 * non-idle statuses, pending permissions and questions, plus the messages of every open session.
 */
import type { Message, Part, PermissionRequest, Project, QuestionRequest, Session, SessionStatus, Todo } from "@opencode-ai/sdk/v2/client";
import type { InstanceSnapshot, UnreadKind } from "../state/resync";
import { directoriesOf } from "../lib/directories";
import { idRecord } from "../lib/records";
import { createInstanceClient, unwrap } from "./client";
import type { InstanceConfig } from "./instance";

/**
 * What a resync loads: the state layer's snapshot shape (src/state/resync.ts), every field filled.
 * Statuses and pending requests are read per directory; a directory whose answer could not be read
 * is listed in `unread` (an unread status is not "idle", an unread request list is not "none
 * pending"), with the reason in `problems`.
 */
export type LoadedSnapshot = Required<
  Pick<InstanceSnapshot, "projects" | "sessions" | "complete" | "status" | "permissions" | "questions" | "messages" | "todos" | "pages">
> & {
  /** Open sessions whose `messages` are their newest page only: the cursor their older pages start from. */
  older: Record<string, string>;
  /** The directories whose status, permissions or questions could not be read. */
  unread: Record<UnreadKind, string[]>;
  /** Why something in `unread` could not be read, one sentence per failed request kind. */
  problems: string[];
  /** Open sessions whose messages could not be read (left out of `messages`), with the reason. */
  historyErrors: Record<string, string>;
};

/**
 * The todo list of one session (`GET /session/:id/todo`): the todo panel must not depend on having
 * watched the todowrite call stream by (a reload, or a session that was not open, missed it).
 * Undefined when it could not be read: a side panel is not worth failing a session's load for.
 */
export async function loadTodos(
  config: InstanceConfig,
  session: Pick<Session, "id" | "directory">,
  fetchImpl?: typeof fetch,
): Promise<Todo[] | undefined> {
  const client = createInstanceClient(config, { directory: session.directory, fetch: fetchImpl });
  const list = await unwrap(client.session.todo({ sessionID: session.id }), "load the todos").catch(() => undefined);
  if (!Array.isArray(list)) return undefined;
  return list.filter((todo): todo is Todo => typeof todo === "object" && todo !== null && typeof (todo as Todo).content === "string");
}

/** How many sessions a resync asks for; the newest come first. */
export const SESSION_LIMIT = 500;

/**
 * Sessions across every project: `/experimental/session` where the server has it, else one `/session`
 * per project. `complete` says the list is all the server has (the server-wide list came back under
 * the limit), so a session missing from it was deleted; a per-project list leaves out sessions of
 * directories that belong to no project, so it never counts as complete.
 */
export async function loadSessions(
  config: InstanceConfig,
  projects: Project[],
  fetchImpl?: typeof fetch,
): Promise<{ sessions: Session[]; complete: boolean }> {
  const client = createInstanceClient(config, { fetch: fetchImpl });
  try {
    const sessions = await unwrap(client.experimental.session.list({ limit: SESSION_LIMIT }), "list sessions");
    return { sessions, complete: sessions.length < SESSION_LIMIT };
  } catch {
    const worktrees = projects.map((p) => p.worktree).filter((w) => w && w !== "/");
    const lists = await Promise.all(
      (worktrees.length ? worktrees : [undefined]).map((directory) =>
        unwrap(createInstanceClient(config, { directory, fetch: fetchImpl }).session.list({ limit: SESSION_LIMIT }), "list sessions"),
      ),
    );
    const byId = new Map<string, Session>();
    for (const list of lists) for (const session of list) byId.set(session.id, session);
    return { sessions: [...byId.values()], complete: false };
  }
}

/** The messages of one session with their parts, as `GET /session/:id/message` returns them. */
export function loadMessages(config: InstanceConfig, session: Pick<Session, "id" | "directory">, fetchImpl?: typeof fetch) {
  const client = createInstanceClient(config, { directory: session.directory, fetch: fetchImpl });
  return unwrap(client.session.messages({ sessionID: session.id }), "load the messages");
}

/** One page of a session's messages, oldest first, and the cursor to the page before it, if any. */
export interface MessagePage {
  messages: Array<{ info: Message; parts: Part[] }>;
  /** `before` for the next older page; undefined when this page reaches the session's start. */
  older?: string;
}

/**
 * `GET /session/:id/message?limit=N[&before=cursor]`: the newest N messages (before the cursor),
 * oldest first. The server names the page before it in an `X-Next-Cursor` header (an opaque cursor,
 * not a message id: 1.18.33 answers 400 to a message id), and sends none once the page reaches the
 * session's start. A server that ignores `limit` answers with every message and no cursor, which is
 * the whole history; a full page without a readable cursor (a proxy that drops the header) cannot
 * be paged on, so the caller is told `endKnown: false` to ask for the whole list instead.
 */
export async function loadMessagePage(
  config: InstanceConfig,
  session: Pick<Session, "id" | "directory">,
  limit: number,
  before?: string,
  fetchImpl?: typeof fetch,
): Promise<MessagePage & { endKnown: boolean }> {
  const client = createInstanceClient(config, { directory: session.directory, fetch: fetchImpl });
  const answer = await client.session.messages({ sessionID: session.id, limit, before });
  const messages = await unwrap(Promise.resolve(answer), "load the messages");
  if (!Array.isArray(messages)) throw new Error("The server's answer was not a list of messages.");
  const cursor = answer.response?.headers.get("x-next-cursor") ?? undefined;
  const older = cursor && cursor.length <= MAX_CURSOR_LENGTH ? cursor : undefined;
  // Fewer than asked: the start of the history; more: a server that ignored `limit` sent all of it.
  return { messages, older, endKnown: older !== undefined || messages.length !== limit };
}

/**
 * What a session opens with: its newest `limit` messages and the cursor to the rest (none when the
 * page reaches its start), or all of them, with no cursor, from a server that cut the list without
 * saying where it goes on.
 */
export async function loadNewestMessages(
  config: InstanceConfig,
  session: Pick<Session, "id" | "directory">,
  limit: number,
  fetchImpl?: typeof fetch,
): Promise<MessagePage> {
  const page = await loadMessagePage(config, session, limit, undefined, fetchImpl);
  if (page.endKnown) return { messages: page.messages, older: page.older };
  const all: unknown = await loadMessages(config, session, fetchImpl);
  if (!Array.isArray(all)) throw new Error("The server's answer was not a list of messages.");
  return { messages: all as MessagePage["messages"] };
}

/** A cursor is a short token; anything longer is not one to send back in a URL. */
const MAX_CURSOR_LENGTH = 2_000;

/**
 * A whole snapshot; `openSessions` are the sessions whose messages are shown right now. `known` gives
 * what the app already holds of a session (its directory), for open sessions the list leaves out.
 * With `firstPage`, an open session's messages are its newest page of that many (marked in `pages`,
 * with the cursor of the rest in `older`), as a session opens: a reconnect with a 2,000-message
 * session open then waits for a page, not for all of it in one answer and one merge.
 */
export async function loadSnapshot(
  config: InstanceConfig,
  openSessions: string[],
  fetchImpl?: typeof fetch,
  known?: (id: string) => Pick<Session, "id" | "directory"> | undefined,
  firstPage?: number,
): Promise<LoadedSnapshot> {
  const root = createInstanceClient(config, { fetch: fetchImpl });
  const [projects, path] = await Promise.all([
    unwrap(root.project.list(), "list projects"),
    unwrap(root.path.get(), "read the server path").catch(() => undefined),
  ]);
  const { sessions, complete } = await loadSessions(config, projects, fetchImpl);
  const directories = directoriesOf(sessions, projects, path?.directory);
  const problems = new Map<string, string>();
  // A failed read is not "nothing there": it becomes undefined, and its directory is listed as unread.
  const read = <T>(answer: Promise<T>, what: string): Promise<T | undefined> =>
    answer.catch((error: unknown) => {
      if (!problems.has(what)) problems.set(what, error instanceof Error ? error.message : String(error));
      return undefined;
    });
  const perDirectory = await Promise.all(
    directories.map(async (directory) => {
      const client = createInstanceClient(config, { directory, fetch: fetchImpl });
      const [status, permissions, questions] = await Promise.all([
        read(
          unwrap(client.session.status(), "read session status").then((v) => recordOf(v, "session status")),
          "status",
        ),
        read(
          unwrap(client.permission.list(), "list permissions").then((v) => listOf<PermissionRequest>(v, "permission list")),
          "permissions",
        ),
        read(
          unwrap(client.question.list(), "list questions").then((v) => listOf<QuestionRequest>(v, "question list")),
          "questions",
        ),
      ]);
      return { directory, status, permissions, questions };
    }),
  );
  const unreadIn = (kind: "status" | "permissions" | "questions") =>
    perDirectory.filter((d) => d[kind] === undefined).map((d) => d.directory);
  const byId = new Map(sessions.map((s) => [s.id, s]));
  // An open session the list left out, when the list is not all the server has (older than its
  // newest 500, or outside every project on the per-project fallback), is read by itself; on a
  // complete list it was deleted. A 404 means deleted too: it is then left out, as the list does.
  const extra: Session[] = [];
  if (!complete) {
    await Promise.all(
      openSessions
        .filter((id) => !byId.has(id))
        .map(async (id) => {
          const client = createInstanceClient(config, { directory: known?.(id)?.directory, fetch: fetchImpl });
          const session = await unwrap(client.session.get({ sessionID: id }), "read the session").catch(() => undefined);
          if (session) {
            byId.set(id, session);
            extra.push(session);
          }
        }),
    );
  }
  const messages: LoadedSnapshot["messages"] = idRecord();
  const todos: LoadedSnapshot["todos"] = idRecord();
  const historyErrors = idRecord<string>();
  const pages = idRecord<"newest">();
  const older = idRecord<string>();
  /** The session's messages: all of them, or (with `firstPage`) as a session opens. */
  const history = async (session: Session) => {
    if (!firstPage) return listOf<MessagePage["messages"][number]>(await loadMessages(config, session, fetchImpl), "message list");
    const page = await loadNewestMessages(config, session, firstPage, fetchImpl);
    if (page.older) {
      pages[session.id] = "newest";
      older[session.id] = page.older;
    }
    return page.messages;
  };
  // One session's history failing costs that session's messages, not the whole snapshot.
  await Promise.all(
    openSessions.map(async (id) => {
      const session = byId.get(id);
      if (!session) return;
      const todo = loadTodos(config, session, fetchImpl);
      try {
        messages[id] = await history(session);
      } catch (error) {
        historyErrors[id] = error instanceof Error ? error.message : String(error);
      }
      const list = await todo;
      if (list) todos[id] = list;
    }),
  );
  return {
    projects,
    sessions: extra.length ? [...sessions, ...extra] : sessions,
    complete,
    status: Object.assign(idRecord(), ...perDirectory.map((d) => d.status ?? {})),
    permissions: dedupe(perDirectory.flatMap((d) => d.permissions ?? [])),
    questions: dedupe(perDirectory.flatMap((d) => d.questions ?? [])),
    messages,
    pages,
    older,
    todos,
    unread: { status: unreadIn("status"), permissions: unreadIn("permissions"), questions: unreadIn("questions") },
    problems: [...problems.values()],
    historyErrors,
  };
}

/**
 * The sentence for what a snapshot could not refresh, or undefined when it read everything. Pending
 * requests come first: a permission nobody sees leaves the agent waiting.
 */
export function unreadSentence(snapshot: Pick<LoadedSnapshot, "unread" | "problems">): string | undefined {
  const { status, permissions, questions } = snapshot.unread;
  const requests = [...new Set([...permissions, ...questions])];
  const parts: string[] = [];
  if (requests.length)
    parts.push(
      `Could not refresh pending requests (permissions and questions) in ${requests.join(", ")}: the ones shown there may be out of date.`,
    );
  if (status.length) parts.push(`Could not refresh which sessions are busy in ${status.join(", ")}.`);
  if (!parts.length) return undefined;
  const why = snapshot.problems.length ? ` (${snapshot.problems.join(" ")})` : "";
  return `${parts.join(" ")}${why} Switchboard tries again at the next reconnect.`;
}

/** A REST answer that must be a list; a page or an object instead counts as a failed read. */
function listOf<T>(value: unknown, what: string): T[] {
  if (!Array.isArray(value)) throw new Error(`The server's ${what} was not a list.`);
  return value as T[];
}

/** A REST answer that must be an object keyed by session id. */
function recordOf(value: unknown, what: string): Record<string, SessionStatus> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error(`The server's ${what} was not an object.`);
  return value as Record<string, SessionStatus>;
}

function dedupe<T extends { id: string }>(items: T[]): T[] {
  return [...new Map(items.map((item) => [item.id, item])).values()];
}
