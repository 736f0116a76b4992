/**
 * Loading an instance's state over REST. The server replays nothing after a (re)connect (EVENTS.md),
 * so after every open the app reloads: projects, sessions of every project, and, per directory, the
 * non-idle statuses, pending permissions and questions, plus the messages of every open session.
 */
import type { PermissionRequest, Project, QuestionRequest, Session, Todo } from "@opencode-ai/sdk/v2/client";
import type { InstanceSnapshot } from "../state/resync";
import { directoriesOf } from "../lib/directories";
import { idRecord } from "../lib/records";
import { createInstanceClient, unwrap } from "./client";
import type { InstanceConfig } from "./instance";

/**
 * What a resync loads: the state layer's snapshot shape (src/state/resync.ts), every field filled
 * except `status` when a directory's status could not be read (an unread status is not "idle").
 */
export type LoadedSnapshot = Required<Pick<InstanceSnapshot, "projects" | "sessions" | "complete" | "permissions" | "questions" | "messages" | "todos">> &
  Pick<InstanceSnapshot, "status">;

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

/**
 * The todo list of one session (`GET /session/:id/todo`): the todo panel must not depend on having
 * watched the todowrite call stream by (a reload, or a session that was not open, missed it).
 * Undefined when it could not be read: a side panel is not worth failing a session's load for.
 */
export async function loadTodos(config: InstanceConfig, session: Pick<Session, "id" | "directory">, fetchImpl?: typeof fetch): Promise<Todo[] | undefined> {
  const client = createInstanceClient(config, { directory: session.directory, fetch: fetchImpl });
  const list = await unwrap(client.session.todo({ sessionID: session.id }), "load the todos").catch(() => undefined);
  if (!Array.isArray(list)) return undefined;
  return list.filter((todo): todo is Todo => typeof todo === "object" && todo !== null && typeof (todo as Todo).content === "string");
}

/**
 * A whole snapshot; `openSessions` are the sessions whose messages are shown right now. `known` gives
 * what the app already holds of a session (its directory), for open sessions the list leaves out.
 */
export async function loadSnapshot(
  config: InstanceConfig,
  openSessions: string[],
  fetchImpl?: typeof fetch,
  known?: (id: string) => Pick<Session, "id" | "directory"> | undefined,
): Promise<LoadedSnapshot> {
  const root = createInstanceClient(config, { fetch: fetchImpl });
  const [projects, path] = await Promise.all([
    unwrap(root.project.list(), "list projects"),
    unwrap(root.path.get(), "read the server path").catch(() => undefined),
  ]);
  const { sessions, complete } = await loadSessions(config, projects, fetchImpl);
  const directories = directoriesOf(sessions, projects, path?.directory);
  const perDirectory = await Promise.all(
    directories.map(async (directory) => {
      const client = createInstanceClient(config, { directory, fetch: fetchImpl });
      const [status, permissions, questions] = await Promise.all([
        // A failed status read must not read as "everything idle": leave statuses as they are.
        unwrap(client.session.status(), "read session status").catch(() => undefined),
        unwrap(client.permission.list(), "list permissions").catch(() => [] as PermissionRequest[]),
        unwrap(client.question.list(), "list questions").catch(() => [] as QuestionRequest[]),
      ]);
      return { status, permissions, questions };
    }),
  );
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
  await Promise.all(
    openSessions.map(async (id) => {
      const session = byId.get(id);
      if (!session) return;
      const [list, todo] = await Promise.all([loadMessages(config, session, fetchImpl), loadTodos(config, session, fetchImpl)]);
      messages[id] = list;
      if (todo) todos[id] = todo;
    }),
  );
  return {
    projects,
    sessions: extra.length ? [...sessions, ...extra] : sessions,
    complete,
    status: perDirectory.every((d) => d.status) ? Object.assign(idRecord(), ...perDirectory.map((d) => d.status)) : undefined,
    permissions: dedupe(perDirectory.flatMap((d) => d.permissions)),
    questions: dedupe(perDirectory.flatMap((d) => d.questions)),
    messages,
    todos,
  };
}

function dedupe<T extends { id: string }>(items: T[]): T[] {
  return [...new Map(items.map((item) => [item.id, item])).values()];
}
