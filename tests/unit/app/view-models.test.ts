import { describe, expect, it } from "vitest";
import type { PermissionRequest, Project, QuestionRequest, Session } from "@opencode-ai/sdk/v2/client";
import {
  messageTail,
  projectDirectories,
  sessionBadges,
  sessionErrorToShow,
  sessionGroups,
  waitingCount,
} from "../../../src/app/view-models";
import { loadCapture, loadRecordedFixtures } from "../../fixtures/load";
import { replay } from "../state/helpers";
import { emptyInstanceState, type InstanceState } from "../../../src/state/types";
import type { SessionRow } from "../../../src/ui/session-list";
import projectList from "../../fixtures/rest/project-list.json";
import sessionList from "../../fixtures/rest/session-list.json";

const ALPHA = "/home/dev/alpha";
const recorded = sessionList as Session[];
const TASK_PARENT = "ses_e0391943effeMdxg76zB97UJXe";
const TASK_CHILD = "ses_e0391935bffeFXTdTSi6pGGUSJ";

const href = (id: string) => `/i/local/s/${id}`;

function stateWith(sessions: Session[], extra: Partial<InstanceState> = {}): InstanceState {
  return { ...emptyInstanceState(), sessions: Object.fromEntries(sessions.map((s) => [s.id, s])), ...extra };
}

/** A session like the recorded ones, with only what a test changes spelled out. */
function session(id: string, overrides: Partial<Session> & { created?: number } = {}): Session {
  const { created = 1, ...rest } = overrides;
  return { ...recorded[0], id, title: id, parentID: undefined, time: { created, updated: created }, ...rest };
}

const permission = (id: string, sessionID: string) =>
  ({ id, sessionID, permission: "bash", patterns: [], metadata: {}, always: [] }) as PermissionRequest;
const question = (id: string, sessionID: string) => ({ id, sessionID, questions: [] }) as QuestionRequest;

const ids = (rows: SessionRow[]) => rows.map((r) => r.id);

describe("sessionGroups with the recorded session list", () => {
  const groups = sessionGroups(stateWith(recorded), href);

  it("puts every session of one directory in one group", () => {
    expect(groups.map((g) => g.directory)).toEqual([ALPHA]);
  });

  it("lists top-level sessions newest first by creation, whatever order the server sent", () => {
    expect(ids(groups[0].sessions)).toEqual([
      "ses_e038b2077ffebeNsc76L1688IO",
      "ses_e038bc52affe58lxSDVnJL2rR2",
      "ses_e038bf3fbffezBzLkt9wh943RW",
      "ses_e038eb5eaffex875rQKo5cpRwX",
      "ses_e038ecb1effeqii804ih1Qhfgd",
      "ses_e038ed1daffe66qjyuULOt5U4Y",
      "ses_e038eec18ffeBITNWJYD2ZJulP",
      "ses_e0390f97effeMJ44XoFW6jvx22",
      "ses_e03914f6effebjsBKhLxQHZDla",
      TASK_PARENT,
      "ses_e03921045ffeyz99pJkcgst5CN",
    ]);
  });

  it("nests the subagent session under its task parent and not at the top", () => {
    const parent = groups[0].sessions.find((r) => r.id === TASK_PARENT)!;
    expect(ids(parent.children)).toEqual([TASK_CHILD]);
    expect(parent.children[0].title).toBe("Fake subagent job (@general subagent)");
    expect(ids(groups[0].sessions)).not.toContain(TASK_CHILD);
  });

  it("gives each row its title, link and updated time", () => {
    const first = groups[0].sessions[0];
    expect(first).toMatchObject({ title: "v2 check", href: href("ses_e038b2077ffebeNsc76L1688IO"), updated: 1795236880592, badges: [] });
  });
});

describe("sessionGroups", () => {
  it("sorts groups by directory path", () => {
    const state = stateWith([
      session("s1", { directory: "/z/proj" }),
      session("s2", { directory: "/a/proj" }),
      session("s3", { directory: "/m" }),
    ]);
    expect(sessionGroups(state, href).map((g) => g.directory)).toEqual(["/a/proj", "/m", "/z/proj"]);
  });

  it("orders several children newest first", () => {
    const state = stateWith([
      session("p", { created: 10 }),
      session("c-old", { parentID: "p", created: 11 }),
      session("c-new", { parentID: "p", created: 13 }),
      session("c-mid", { parentID: "p", created: 12 }),
    ]);
    expect(ids(sessionGroups(state, href)[0].sessions[0].children)).toEqual(["c-new", "c-mid", "c-old"]);
  });

  it("nests grandchildren", () => {
    const state = stateWith([session("p"), session("c", { parentID: "p" }), session("g", { parentID: "c" })]);
    const [root] = sessionGroups(state, href)[0].sessions;
    expect(root.id).toBe("p");
    expect(ids(root.children[0].children)).toEqual(["g"]);
  });

  it("shows a child whose parent is unknown at the top level", () => {
    const state = stateWith([session("a", { created: 5 }), session("orphan", { parentID: "ses_gone", created: 6 })]);
    expect(ids(sessionGroups(state, href)[0].sessions)).toEqual(["orphan", "a"]);
  });

  it("shows a child whose parent is archived at the top level, and hides the archived parent", () => {
    const state = stateWith([session("p", { time: { created: 1, updated: 1, archived: 2 } }), session("c", { parentID: "p", created: 3 })]);
    expect(sessionGroups(state, href)).toEqual([{ directory: ALPHA, sessions: [expect.objectContaining({ id: "c", children: [] })] }]);
  });

  it("names an untitled session by its slug, then its id", () => {
    const state = stateWith([
      session("s1", { title: "", slug: "calm-fox", created: 2 }),
      session("s2", { title: "", slug: "", created: 1 }),
    ]);
    expect(sessionGroups(state, href)[0].sessions.map((r) => r.title)).toEqual(["calm-fox", "s2"]);
  });

  it("names a session the server titled by its timestamp with a readable date instead", () => {
    const state = stateWith([session("s1", { title: "New session - 2026-11-21T04:47:05.658Z" })]);
    const [row] = sessionGroups(state, href)[0].sessions;
    expect(row.title).toMatch(/^New session, /);
    expect(row.title).not.toContain("2026-11-21T");
  });

  it("is empty without sessions", () => {
    expect(sessionGroups(emptyInstanceState(), href)).toEqual([]);
  });

  it("puts each row's badges on it", () => {
    const state = stateWith([session("p"), session("c", { parentID: "p" })], { status: { c: { type: "busy" } } });
    const [root] = sessionGroups(state, href)[0].sessions;
    expect(root.badges).toEqual([]);
    expect(root.children[0].badges).toEqual(["busy"]);
  });
});

describe("sessionBadges", () => {
  const base = () => stateWith([session("s")]);

  it("has none for an idle session", () => {
    expect(sessionBadges(base(), "s")).toEqual([]);
  });

  it("shows busy and retrying from the session status", () => {
    expect(sessionBadges({ ...base(), status: { s: { type: "busy" } } }, "s")).toEqual(["busy"]);
    expect(sessionBadges({ ...base(), status: { s: { type: "retry", attempt: 1, message: "429", next: 5 } } }, "s")).toEqual(["retrying"]);
    expect(sessionBadges({ ...base(), status: { s: { type: "idle" } } }, "s")).toEqual([]);
  });

  it("shows error when the session has one", () => {
    expect(sessionBadges({ ...base(), errors: { s: { name: "APIError", message: "Bad request", at: 1 } } }, "s")).toEqual(["error"]);
    expect(sessionBadges({ ...base(), errors: { s: undefined } }, "s")).toEqual([]);
  });

  it("shows no error for a stop the user asked for", () => {
    expect(sessionBadges({ ...base(), errors: { s: { name: "MessageAbortedError", message: "Aborted", at: 1 } } }, "s")).toEqual([]);
  });

  it("shows no error after the recorded Stop mid-reply (captures/05)", () => {
    const state = replay(loadCapture("05-error-reason-abort"));
    const aborted = Object.entries(state.errors).filter(([, error]) => error?.name === "MessageAbortedError");
    expect(aborted.length).toBeGreaterThan(0);
    for (const [sessionId] of aborted) expect(sessionBadges(state, sessionId)).not.toContain("error");
  });

  it("says the session needs the user for a pending permission or question", () => {
    expect(sessionBadges({ ...base(), permissions: { s: [permission("per_1", "s")] } }, "s")).toEqual(["permission"]);
    expect(sessionBadges({ ...base(), questions: { s: [question("que_1", "s")] } }, "s")).toEqual(["permission"]);
    expect(sessionBadges({ ...base(), permissions: { s: [] }, questions: { s: [] } }, "s")).toEqual([]);
  });

  it("puts 'needs you' first when several apply", () => {
    const state = {
      ...base(),
      status: { s: { type: "busy" as const } },
      permissions: { s: [permission("per_1", "s")] },
      errors: { s: { name: "E", message: "m", at: 1 } },
    };
    expect(sessionBadges(state, "s")).toEqual(["permission", "busy", "error"]);
  });

  it("only looks at the session asked about", () => {
    expect(sessionBadges({ ...base(), status: { other: { type: "busy" } } }, "s")).toEqual([]);
  });
});

describe("waitingCount", () => {
  it("counts pending permissions and questions across every session", () => {
    const state = stateWith([], {
      permissions: { a: [permission("p1", "a"), permission("p2", "a")], b: [permission("p3", "b")], c: [] },
      questions: { a: [question("q1", "a")] },
    });
    expect(waitingCount(state)).toBe(4);
  });

  it("is zero when nothing waits", () => {
    expect(waitingCount(emptyInstanceState())).toBe(0);
  });
});

describe("projectDirectories", () => {
  it("offers project worktrees, session directories, known directories and the server's cwd, sorted, without '/' or 'global'", () => {
    const projects = Object.fromEntries((projectList as Project[]).map((p) => [p.id, p]));
    const state = stateWith([session("s", { directory: "/home/dev/gamma" })], {
      projects,
      directories: ["global", "/", "/home/dev/beta", ""],
    });
    expect(projectDirectories(state, "/srv/cwd")).toEqual(["/home/dev/alpha", "/home/dev/beta", "/home/dev/gamma", "/srv/cwd"]);
  });

  it("lists each directory once", () => {
    const state = stateWith([session("s1"), session("s2")], { directories: [ALPHA] });
    expect(projectDirectories(state, ALPHA)).toEqual([ALPHA]);
  });
});

describe("sessionErrorToShow", () => {
  const recorded = (name: string) => {
    const fixture = loadRecordedFixtures().find((f) => f.name === name)!;
    const state = replay(fixture.events);
    return { state, sessionId: fixture.rest.sessions[0].id };
  };

  // Shown by both, the same failure made two role=alert boxes: the reply's and the session's.
  it("leaves a failure to the reply that carries it (recorded HTTP 400 from the model)", () => {
    const { state, sessionId } = recorded("error-400");
    expect(state.errors[sessionId]?.name).toBe("APIError");
    expect(state.messages[sessionId].at(-1)).toMatchObject({ role: "assistant", error: { name: "APIError" } });
    expect(sessionErrorToShow(state, sessionId)).toBeUndefined();
  });

  it("shows the session's error when no reply carries it", () => {
    const state = stateWith([session("s")], { errors: { s: { name: "APIError", message: "Bad request", at: 1 } } });
    expect(sessionErrorToShow(state, "s")).toEqual({ name: "APIError", message: "Bad request", at: 1 });
  });

  it("shows nothing without an error", () => {
    expect(sessionErrorToShow(stateWith([session("s")]), "s")).toBeUndefined();
  });
});

describe("server data in odd shapes", () => {
  it("groups sessions without times or titles, oldest-unknown last, named by slug or id", () => {
    const odd = (id: string, fields: object) => ({ ...session(id), ...fields }) as unknown as Session;
    const state = stateWith([
      odd("ses_a", { time: {}, title: 5, slug: "" }),
      odd("ses_b", { time: { created: "x" }, title: "", slug: "slug-b" }),
      session("ses_c", { created: 9 }),
    ]);
    const rows = sessionGroups(state, href)[0].sessions;
    expect(rows.map((r) => [r.id, r.title, r.updated])).toEqual([
      ["ses_c", "ses_c", 9],
      ["ses_a", "ses_a", 0],
      ["ses_b", "slug-b", 0],
    ]);
  });

  it("gives the log's tail from any last part, whatever its fields hold", () => {
    const state = emptyInstanceState();
    state.messages.s = [{ id: "msg_1", sessionID: "s", role: "assistant" } as never];
    expect(messageTail(state, "s")).toBe("msg_1");
    state.parts.msg_1 = [{ id: "prt_1", type: "text", text: 42 } as never];
    expect(messageTail(state, "s")).toBe("prt_1:");
    state.parts.msg_1 = [{ id: "prt_1", type: "tool", state: null } as never];
    expect(messageTail(state, "s")).toBe("prt_1:");
    state.parts.msg_1 = [{ id: "prt_1", type: "text", text: "abc" } as never];
    expect(messageTail(state, "s")).toBe("prt_1:3");
    expect(messageTail(state, "other")).toBeUndefined();
  });
});
