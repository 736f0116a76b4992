import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { PermissionRequest, Project, QuestionRequest, Session, SessionStatus, Todo } from "@opencode-ai/sdk/v2/client";
import { loadSnapshot, loadTodos, SESSION_LIMIT, unreadSentence } from "../../../src/api/sync";
import { directoriesOf } from "../../../src/lib/directories";
import type { InstanceConfig } from "../../../src/api/instance";
import { FIXTURES_DIR, parseGlobalEventCapture, readFixtureText } from "../../fixtures/load";
import pathJson from "../../fixtures/rest/path.json";
import projectList from "../../fixtures/rest/project-list.json";
import sessionList from "../../fixtures/rest/session-list.json";
import sessionMessages from "../../fixtures/rest/session-messages.json";

const BASE = "http://127.0.0.1:4096";
const config: InstanceConfig = { id: "i", baseUrl: BASE };
const ALPHA = "/home/dev/alpha";
const BETA = "/home/dev/beta";

// The recorded server had one project (alpha); a second one (beta) makes the per-directory merge visible.
const alphaSessions = sessionList as Session[];
const betaProject: Project = { ...(projectList[1] as Project), id: "beta-project", worktree: BETA };
const projects: Project[] = [...(projectList as Project[]), betaProject];
const betaSession: Session = {
  ...alphaSessions[0],
  id: "ses_beta0000000000000000000001",
  directory: BETA,
  projectID: "beta-project",
  title: "beta work",
};
const allSessions = [...alphaSessions, betaSession];
const MESSAGES_OF = alphaSessions[0].id; // session-messages.json belongs to the newest alpha session
const BUSY_SESSION = alphaSessions[1].id;

/** A real pending permission, as the server announced it in the permission-once recording. */
const permission = parseGlobalEventCapture(readFixtureText(`${FIXTURES_DIR}/recorded/permission-once.global-event.txt`)).find(
  (e) => e.event.type === "permission.asked",
)!.event.properties as PermissionRequest;

const question: QuestionRequest = {
  id: "que_beta0001",
  sessionID: betaSession.id,
  questions: [{ question: "Which file?", header: "File", options: [{ label: "a.txt", description: "the first" }] }],
};

const statusByDirectory: Record<string, Record<string, SessionStatus>> = {
  [ALPHA]: { [BUSY_SESSION]: { type: "busy" } },
  [BETA]: { [betaSession.id]: { type: "retry", attempt: 2, message: "Rate limited", next: 1795236999000 } },
};

interface Seen {
  path: string;
  directory: string | null;
  limit: string | null;
}

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/**
 * Handlers shaped like a real server: without `?directory=` a route answers for the server's cwd (alpha).
 * Every request is recorded with the directory it was scoped to.
 */
function realServer(options: { experimental: "ok" | "404" | "html"; permissionsEverywhere?: boolean }) {
  const seen: Seen[] = [];
  const dirOf = (request: Request) => new URL(request.url).searchParams.get("directory");
  const record = (request: Request) => {
    const url = new URL(request.url);
    seen.push({ path: url.pathname, directory: url.searchParams.get("directory"), limit: url.searchParams.get("limit") });
    return dirOf(request) ?? pathJson.directory;
  };
  server.use(
    http.get(`${BASE}/project`, ({ request }) => (record(request), HttpResponse.json(projects))),
    http.get(`${BASE}/path`, ({ request }) => (record(request), HttpResponse.json(pathJson))),
    http.get(`${BASE}/experimental/session`, ({ request }) => {
      record(request);
      if (options.experimental === "404") return new HttpResponse("Not Found", { status: 404 });
      // A server without the route answers any unknown path with its web app: 200 text/html.
      if (options.experimental === "html") return HttpResponse.html("<!doctype html><title>OpenCode</title>");
      // 1.18.33 lists every project's sessions here, each with `project: { id, worktree }`.
      return HttpResponse.json(
        allSessions.map((s) => {
          const project = projects.find((p) => p.id === s.projectID);
          return { ...s, project: project ? { id: project.id, worktree: project.worktree } : null };
        }),
      );
    }),
    http.get(`${BASE}/session`, ({ request }) => {
      const directory = record(request);
      return HttpResponse.json(allSessions.filter((s) => s.directory === directory));
    }),
    http.get(`${BASE}/session/status`, ({ request }) => HttpResponse.json(statusByDirectory[record(request)] ?? {})),
    http.get(`${BASE}/permission`, ({ request }) => {
      const directory = record(request);
      return HttpResponse.json(options.permissionsEverywhere || directory === ALPHA ? [permission] : []);
    }),
    http.get(`${BASE}/question`, ({ request }) => HttpResponse.json(record(request) === BETA ? [question] : [])),
    http.get(`${BASE}/session/:sessionID/message`, ({ request, params }) => {
      record(request);
      return HttpResponse.json(params.sessionID === MESSAGES_OF ? sessionMessages : []);
    }),
    http.get(`${BASE}/session/:sessionID/todo`, ({ request, params }) => {
      record(request);
      return HttpResponse.json(params.sessionID === MESSAGES_OF ? todos : []);
    }),
  );
  return seen;
}

const calls = (seen: Seen[], path: string) => seen.filter((s) => s.path === path);

const todos: Todo[] = [
  { content: "First fake todo", status: "in_progress", priority: "high" },
  { content: "Second fake todo", status: "pending", priority: "low" },
];

describe("loadSnapshot", () => {
  it("lists sessions from /experimental/session when the server has it, asking for the newest SESSION_LIMIT", async () => {
    const seen = realServer({ experimental: "ok" });
    const snapshot = await loadSnapshot(config, []);
    expect(snapshot.sessions.map((s) => s.id)).toEqual(allSessions.map((s) => s.id));
    expect(snapshot.projects).toEqual(projects);
    expect(calls(seen, "/experimental/session")).toEqual([
      { path: "/experimental/session", directory: null, limit: String(SESSION_LIMIT) },
    ]);
    expect(calls(seen, "/session")).toEqual([]);
    // Fewer than the limit came back: that is every session the server has.
    expect(snapshot.complete).toBe(true);
  });

  it.each(["404", "html"] as const)(
    "falls back to one /session per project worktree when /experimental/session answers %s",
    async (experimental) => {
      const seen = realServer({ experimental });
      const snapshot = await loadSnapshot(config, []);
      expect(snapshot.sessions.map((s) => s.id).sort()).toEqual(allSessions.map((s) => s.id).sort());
      // The catch-all "/" project is not a worktree to list.
      expect(
        calls(seen, "/session")
          .map((s) => s.directory)
          .sort(),
      ).toEqual([ALPHA, BETA]);
      expect(calls(seen, "/session").every((s) => s.limit === String(SESSION_LIMIT))).toBe(true);
      // Per-project lists miss sessions of directories outside any project: never complete.
      expect(snapshot.complete).toBe(false);
    },
  );

  it("asks status, permissions and questions once per directory and merges them", async () => {
    const seen = realServer({ experimental: "ok" });
    const snapshot = await loadSnapshot(config, []);
    for (const path of ["/session/status", "/permission", "/question"]) {
      expect(
        calls(seen, path)
          .map((s) => s.directory)
          .sort(),
        path,
      ).toEqual([ALPHA, BETA]);
    }
    expect(snapshot.status).toEqual({ ...statusByDirectory[ALPHA], ...statusByDirectory[BETA] });
    expect(snapshot.permissions).toEqual([permission]);
    expect(snapshot.questions).toEqual([question]);
  });

  it("keeps one copy of a request that several directories report", async () => {
    realServer({ experimental: "ok", permissionsEverywhere: true });
    const snapshot = await loadSnapshot(config, []);
    expect(snapshot.permissions).toEqual([permission]);
  });

  it("loads messages only for open sessions it knows, scoped to their directory", async () => {
    const seen = realServer({ experimental: "ok" });
    const snapshot = await loadSnapshot(config, [MESSAGES_OF, betaSession.id, "ses_unknown"]);
    const messageCalls = seen.filter((s) => s.path.endsWith("/message"));
    expect(messageCalls.map((s) => [s.path, s.directory]).sort()).toEqual(
      [
        [`/session/${MESSAGES_OF}/message`, ALPHA],
        [`/session/${betaSession.id}/message`, BETA],
      ].sort(),
    );
    expect(Object.keys(snapshot.messages).sort()).toEqual([MESSAGES_OF, betaSession.id].sort());
    expect(snapshot.messages[MESSAGES_OF]).toEqual(sessionMessages);
    expect(snapshot.messages[betaSession.id]).toEqual([]);
  });

  it("with a first page, asks for that many and marks nothing paged when the history is shorter", async () => {
    const seen = realServer({ experimental: "ok" });
    const snapshot = await loadSnapshot(config, [MESSAGES_OF], undefined, undefined, 100);
    expect(calls(seen, `/session/${MESSAGES_OF}/message`).map((s) => s.limit)).toEqual(["100"]);
    expect(snapshot.messages[MESSAGES_OF]).toEqual(sessionMessages);
    expect(snapshot.pages).toEqual({});
    expect(snapshot.older).toEqual({});
  });

  // The todo panel vanished after a reload: todos came only from a todowrite call streaming by.
  it("loads the todos of open sessions with their messages, in their directory", async () => {
    const seen = realServer({ experimental: "ok" });
    const snapshot = await loadSnapshot(config, [MESSAGES_OF, betaSession.id]);
    expect(snapshot.todos).toEqual({ [MESSAGES_OF]: todos, [betaSession.id]: [] });
    expect(calls(seen, `/session/${betaSession.id}/todo`).map((s) => s.directory)).toEqual([BETA]);
  });

  it("keeps the messages when the todos cannot be read, and drops what is not a todo", async () => {
    realServer({ experimental: "ok" });
    server.use(http.get(`${BASE}/session/:sessionID/todo`, () => new HttpResponse("boom", { status: 500 })));
    const snapshot = await loadSnapshot(config, [MESSAGES_OF]);
    expect(snapshot.messages[MESSAGES_OF]).toEqual(sessionMessages);
    expect(snapshot.todos).toEqual({});
    server.use(http.get(`${BASE}/session/:sessionID/todo`, () => HttpResponse.json([todos[0], null, { content: 3 }, "x"])));
    expect(await loadTodos(config, { id: MESSAGES_OF, directory: ALPHA })).toEqual([todos[0]]);
  });

  describe("an open session the list left out", () => {
    const GAMMA = "/home/dev/gamma";
    const oldSession: Session = { ...alphaSessions[0], id: "ses_old00000000000000000000001", directory: GAMMA, title: "an old one" };
    // Falls through (undefined) for every other id, so /session/status keeps its own handler.
    const sessionById = () =>
      http.get(`${BASE}/session/:sessionID`, ({ params, request }) => {
        if (params.sessionID === "status") return undefined;
        const url = new URL(request.url);
        seenGets.push([url.pathname, url.searchParams.get("directory")]);
        return params.sessionID === oldSession.id
          ? HttpResponse.json(oldSession)
          : HttpResponse.json({ name: "NotFoundError" }, { status: 404 });
      });
    let seenGets: Array<[string, string | null]> = [];
    afterEach(() => void (seenGets = []));

    it("is read by itself in its own directory when the list is not all there is, with its messages", async () => {
      const seen = realServer({ experimental: "404" }); // the per-project fallback: never complete
      server.use(sessionById());
      const known = (id: string) => (id === oldSession.id ? { id, directory: GAMMA } : undefined);
      const snapshot = await loadSnapshot(config, [oldSession.id, "ses_gone"], undefined, known);
      expect(seenGets.sort()).toEqual([
        ["/session/ses_gone", null],
        [`/session/${oldSession.id}`, GAMMA],
      ]);
      expect(snapshot.sessions.find((s) => s.id === oldSession.id)?.title).toBe("an old one");
      expect(snapshot.sessions.some((s) => s.id === "ses_gone")).toBe(false);
      expect(Object.keys(snapshot.messages)).toEqual([oldSession.id]);
      expect(seen.filter((s) => s.path === `/session/${oldSession.id}/message`).map((s) => s.directory)).toEqual([GAMMA]);
    });

    it("is not asked for when the list is complete: it was deleted", async () => {
      realServer({ experimental: "ok" });
      server.use(sessionById());
      const snapshot = await loadSnapshot(config, [oldSession.id], undefined, (id) => ({ id, directory: GAMMA }));
      expect(seenGets).toEqual([]);
      expect(snapshot.messages).toEqual({});
    });
  });

  it("loads no messages when no session is open", async () => {
    const seen = realServer({ experimental: "ok" });
    const snapshot = await loadSnapshot(config, []);
    expect(seen.some((s) => s.path.endsWith("/message"))).toBe(false);
    expect(snapshot.messages).toEqual({});
  });

  it("keeps the snapshot when a per-directory route fails, and lists those directories as unread (not 'all idle', not 'none pending')", async () => {
    realServer({ experimental: "ok" });
    server.use(
      http.get(`${BASE}/session/status`, () => new HttpResponse("boom", { status: 500 })),
      http.get(`${BASE}/question`, () => HttpResponse.error()),
    );
    const snapshot = await loadSnapshot(config, []);
    expect(snapshot.status).toEqual({});
    expect(snapshot.unread.status.sort()).toEqual([ALPHA, BETA]);
    expect(snapshot.questions).toEqual([]);
    expect(snapshot.unread.questions.sort()).toEqual([ALPHA, BETA]);
    expect(snapshot.permissions).toEqual([permission]);
    expect(snapshot.unread.permissions).toEqual([]);
    expect(unreadSentence(snapshot)).toMatch(
      /^Could not refresh pending requests \(permissions and questions\) in .*Could not refresh which sessions are busy in /,
    );
  });

  it("reads the directories that answered when one does not, and says which did not", async () => {
    realServer({ experimental: "ok" });
    server.use(
      http.get(`${BASE}/permission`, ({ request }) =>
        new URL(request.url).searchParams.get("directory") === BETA
          ? new HttpResponse("boom", { status: 500 })
          : HttpResponse.json([permission]),
      ),
      // A proxy's web page where a list belongs is not "no requests".
      http.get(`${BASE}/question`, ({ request }) =>
        new URL(request.url).searchParams.get("directory") === BETA
          ? HttpResponse.html("<!doctype html><p>login</p>")
          : HttpResponse.json([]),
      ),
      http.get(`${BASE}/session/status`, ({ request }) =>
        new URL(request.url).searchParams.get("directory") === BETA ? HttpResponse.error() : HttpResponse.json(statusByDirectory[ALPHA]),
      ),
    );
    const snapshot = await loadSnapshot(config, []);
    expect(snapshot.status).toEqual(statusByDirectory[ALPHA]);
    expect(snapshot.unread).toEqual({ status: [BETA], permissions: [BETA], questions: [BETA] });
    expect(snapshot.permissions).toEqual([permission]);
    const sentence = unreadSentence(snapshot)!;
    expect(sentence).toContain(`Could not refresh pending requests (permissions and questions) in ${BETA}`);
    expect(sentence).toContain("Could not list permissions (HTTP 500)");
    expect(sentence).toContain("text/html");
  });

  it("says nothing when every directory answered", async () => {
    realServer({ experimental: "ok" });
    expect(unreadSentence(await loadSnapshot(config, []))).toBeUndefined();
  });

  it("fails with a readable sentence when the project list cannot be read", async () => {
    realServer({ experimental: "ok" });
    server.use(http.get(`${BASE}/project`, () => new HttpResponse("nope", { status: 500 })));
    await expect(loadSnapshot(config, [])).rejects.toThrow(/^Could not list projects \(HTTP 500\)/);
  });

  it("sends the Basic Authorization header on every request", async () => {
    realServer({ experimental: "ok" });
    const headers: Array<string | null> = [];
    server.events.on("request:start", ({ request }) => headers.push(request.headers.get("authorization")));
    await loadSnapshot({ ...config, password: "pw" }, [MESSAGES_OF]);
    server.events.removeAllListeners();
    expect(headers.length).toBeGreaterThan(5);
    expect(new Set(headers)).toEqual(new Set(["Basic b3BlbmNvZGU6cHc="]));
  });
});

describe("directoriesOf", () => {
  it("collects session directories, project worktrees except '/', and the server's cwd, sorted and unique", () => {
    const sessions = [{ directory: "/b" }, { directory: "/a" }, { directory: "/b" }] as Session[];
    const list = [{ worktree: "/" }, { worktree: "/c" }] as Project[];
    expect(directoriesOf(sessions, list, "/home")).toEqual(["/a", "/b", "/c", "/home"]);
    expect(directoriesOf([], [], undefined)).toEqual([]);
  });
});

describe("loadSnapshot when one open session's messages cannot be read", () => {
  it("leaves that session out of the messages, says why, and still loads everything else", async () => {
    realServer({ experimental: "ok" });
    server.use(http.get(`${BASE}/session/${betaSession.id}/message`, () => new HttpResponse("overloaded", { status: 503 })));
    const snapshot = await loadSnapshot(config, [MESSAGES_OF, betaSession.id]);
    expect(Object.keys(snapshot.messages)).toEqual([MESSAGES_OF]);
    expect(snapshot.historyErrors[betaSession.id]).toMatch(/HTTP 503/);
    expect(snapshot.sessions).toHaveLength(allSessions.length);
  });
});
