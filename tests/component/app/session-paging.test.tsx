/**
 * A long session opens with its newest page (`?limit=`), then loads the rest of its history behind
 * it, page by page with the server's cursor (`X-Next-Cursor`), as opencode 1.18.33 pages it.
 */
import { waitFor } from "@solidjs/testing-library";
import { createRoot } from "solid-js";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FIRST_PAGE, OLDER_PAGE, createInstanceRuntime } from "../../../src/app/instance-runtime";
import { DIR, fakeServer, json, session, type Route } from "./rig";

const COUNT = 600;
const id = (i: number) => `msg_${String(i).padStart(5, "0")}`;
const historyAll = Array.from({ length: COUNT }, (_, i) => ({
  info: { id: id(i), sessionID: "ses_p", role: i % 2 ? "assistant" : "user", time: { created: 1_000 + i } },
  parts: [{ id: `prt_${String(i).padStart(5, "0")}`, messageID: id(i), sessionID: "ses_p", type: "text", text: `Turn ${i}.` }],
}));

/** Answers `GET /session/ses_p/message` as opencode does; `options` make it misbehave in the ways seen. */
function pagedHistory(
  options: { cursorHeader?: boolean; failBefore?: boolean; history?: typeof historyAll; holdBefore?: Promise<void> } = {},
): { route: Route; asked: string[] } {
  const asked: string[] = [];
  const route: Route = async (_, url) => {
    const history = options.history ?? historyAll;
    if (url.pathname !== "/session/ses_p/message") return undefined;
    const query = new URLSearchParams();
    for (const name of ["limit", "before"]) if (url.searchParams.has(name)) query.set(name, url.searchParams.get(name)!);
    asked.push(query.size ? `?${query}` : "");
    const limit = Number(url.searchParams.get("limit") ?? 0);
    const before = url.searchParams.get("before");
    if (before && options.holdBefore) await options.holdBefore;
    if (before && options.failBefore) return new Response("boom", { status: 500 });
    const end = before ? history.findIndex((m) => m.info.id === atob(before)) : history.length;
    const start = limit ? Math.max(0, end - limit) : 0;
    const answer = json(history.slice(start, end));
    if (start > 0 && options.cursorHeader !== false) answer.headers.set("x-next-cursor", btoa(history[start].info.id));
    return answer;
  };
  return { route, asked };
}

/** The older pages' requests, each from the cursor where the page after it starts, to the first message. */
function olderPagesAsked(): string[] {
  const asked: string[] = [];
  for (let end = COUNT - FIRST_PAGE; end > 0; end -= OLDER_PAGE)
    asked.push(`?limit=${OLDER_PAGE}&before=${encodeURIComponent(btoa(id(end)))}`);
  return asked;
}

function runtimeWith(route: Route, openSessions?: () => string[]) {
  const server = fakeServer([session("ses_p", "A long one")], { routes: [route] });
  let dispose!: () => void;
  const runtime = createRoot((d) => {
    dispose = d;
    return createInstanceRuntime({ id: "i", baseUrl: "http://127.0.0.1:4096" }, { fetch: server.fetch, openSessions });
  });
  return { runtime, dispose: () => (runtime.dispose(), dispose()) };
}

const shownIds = (runtime: ReturnType<typeof runtimeWith>["runtime"]) => runtime.store.state.messages.ses_p?.map((m) => m.id) ?? [];

afterEach(() => vi.unstubAllGlobals());

describe("opening a long session", () => {
  it("shows the newest page first, then loads the older ones with the server's cursor until the start", async () => {
    const { route, asked } = pagedHistory();
    const { runtime, dispose } = runtimeWith(route);
    await runtime.resync();
    await runtime.loadSession(runtime.store.state.sessions.ses_p!);
    // What the load waited for: the newest page alone.
    expect(asked[0]).toBe(`?limit=${FIRST_PAGE}`);
    expect(shownIds(runtime)[shownIds(runtime).length - 1]).toBe(id(COUNT - 1));
    expect(runtime.historyComplete("ses_p")).toBe(false);
    await waitFor(() => expect(shownIds(runtime)).toHaveLength(COUNT));
    await waitFor(() => expect(runtime.historyComplete("ses_p")).toBe(true));
    expect(shownIds(runtime)).toEqual(historyAll.map((m) => m.info.id));
    expect(runtime.store.state.parts[id(0)]?.[0]).toMatchObject({ text: "Turn 0." });
    expect(asked.slice(1)).toEqual(olderPagesAsked());
    expect(runtime.historyError("ses_p")).toBeUndefined();
    dispose();
  });

  it("asks for the older pages only once the page is idle, after the newest page is drawn", async () => {
    const idle: Array<() => void> = [];
    vi.stubGlobal("requestIdleCallback", (run: () => void) => idle.push(run));
    const { route, asked } = pagedHistory();
    const { runtime, dispose } = runtimeWith(route);
    await runtime.resync();
    await runtime.loadSession(runtime.store.state.sessions.ses_p!);
    await new Promise((resolve) => setTimeout(resolve, 20));
    // An older page's answer is parsed on the page's thread: not while the newest one is drawn.
    expect(asked).toEqual([`?limit=${FIRST_PAGE}`]);
    expect(idle).toHaveLength(1);
    idle.shift()!();
    await waitFor(() => expect(asked).toHaveLength(2));
    expect(asked[1]).toBe(olderPagesAsked()[0]);
    dispose();
  });

  it("shows the messages without waiting for the todos, and adds the todos when they come", async () => {
    const { route } = pagedHistory();
    let answerTodos!: () => void;
    const todos: Route = (_, url) =>
      url.pathname === "/session/ses_p/todo"
        ? new Promise(
            (resolve) => (answerTodos = () => resolve(json([{ id: "t1", content: "Write tests", status: "pending", priority: "high" }]))),
          )
        : undefined;
    const server = fakeServer([session("ses_p", "A long one")], { routes: [todos, route] });
    let disposeRoot!: () => void;
    const runtime = createRoot((d) => {
      disposeRoot = d;
      return createInstanceRuntime({ id: "i", baseUrl: "http://127.0.0.1:4096" }, { fetch: server.fetch });
    });
    await runtime.resync();
    await runtime.loadSession(runtime.store.state.sessions.ses_p!);
    expect(shownIds(runtime)).toHaveLength(FIRST_PAGE);
    expect(runtime.store.state.todos.ses_p).toBeUndefined();
    answerTodos();
    await waitFor(() => expect(runtime.store.state.todos.ses_p?.map((todo) => todo.content)).toEqual(["Write tests"]));
    runtime.dispose();
    disposeRoot();
  });

  it("keeps a message that streamed in while the older pages loaded", async () => {
    const { route } = pagedHistory();
    const { runtime, dispose } = runtimeWith(route);
    await runtime.resync();
    await runtime.loadSession(runtime.store.state.sessions.ses_p!);
    runtime.push({
      instanceId: "i",
      directory: DIR,
      event: {
        type: "message.updated",
        properties: { info: { id: "msg_99999", sessionID: "ses_p", role: "user", time: { created: 9_999 } } },
      },
    });
    await waitFor(() => expect(shownIds(runtime)).toHaveLength(COUNT + 1));
    expect(shownIds(runtime)[COUNT]).toBe("msg_99999");
    dispose();
  });

  it("asks for the whole list when a full page comes without a cursor to go on with", async () => {
    const { route, asked } = pagedHistory({ cursorHeader: false });
    const { runtime, dispose } = runtimeWith(route);
    await runtime.resync();
    await runtime.loadSession(runtime.store.state.sessions.ses_p!);
    expect(asked).toEqual([`?limit=${FIRST_PAGE}`, ""]);
    expect(shownIds(runtime)).toHaveLength(COUNT);
    expect(runtime.historyComplete("ses_p")).toBe(true);
    dispose();
  });

  it("keeps the newest page and says why when an older page fails", async () => {
    const { route } = pagedHistory({ failBefore: true });
    const { runtime, dispose } = runtimeWith(route);
    await runtime.resync();
    await runtime.loadSession(runtime.store.state.sessions.ses_p!);
    await waitFor(() => expect(runtime.historyError("ses_p")).toMatch(/^Could not load this session's older messages: .*HTTP 500/));
    expect(shownIds(runtime)).toHaveLength(FIRST_PAGE);
    dispose();
  });
});

describe("reconnecting with a long session open", () => {
  it("reloads it page by page, as when it was opened, not in one answer", async () => {
    const { route, asked } = pagedHistory();
    const { runtime, dispose } = runtimeWith(route, () => ["ses_p"]);
    await runtime.resync();
    // What the resync waited for: the newest page alone.
    expect(asked).toEqual([`?limit=${FIRST_PAGE}`]);
    expect(shownIds(runtime)).toHaveLength(FIRST_PAGE);
    expect(runtime.isLoaded("ses_p")).toBe(true);
    expect(runtime.historyComplete("ses_p")).toBe(false);
    await waitFor(() => expect(runtime.historyComplete("ses_p")).toBe(true));
    expect(shownIds(runtime)).toEqual(historyAll.map((m) => m.info.id));
    expect(asked.slice(1)).toEqual(olderPagesAsked());
    dispose();
  });

  it("asks once for the newest page when the view asks for the session while the resync loads it", async () => {
    const { route, asked } = pagedHistory();
    const { runtime, dispose } = runtimeWith(route, () => ["ses_p"]);
    await runtime.resync();
    await waitFor(() => expect(runtime.historyComplete("ses_p")).toBe(true));
    asked.length = 0;
    // A reload with the session's tab open: the resync reads it, and its view asks at the same time.
    const resync = runtime.resync();
    await runtime.loadSession(runtime.store.state.sessions.ses_p!);
    await resync;
    expect(asked.filter((query) => !query.includes("before="))).toEqual([`?limit=${FIRST_PAGE}`]);
    dispose();
  });

  it("drops an older message deleted while it was away once that message's page comes", async () => {
    const history = [...historyAll];
    const { route } = pagedHistory({ history });
    const { runtime, dispose } = runtimeWith(route, () => ["ses_p"]);
    await runtime.resync();
    await waitFor(() => expect(runtime.historyComplete("ses_p")).toBe(true));
    expect(shownIds(runtime)).toContain(id(10));
    history.splice(10, 1);
    await runtime.resync();
    // The newest page does not speak for message 10: it stays until its own page is in.
    expect(shownIds(runtime)).toContain(id(10));
    await waitFor(() => expect(shownIds(runtime)).not.toContain(id(10)));
    expect(shownIds(runtime)).toHaveLength(COUNT - 1);
    dispose();
  });

  it("does not report the failure of older pages a reconnect has taken over", async () => {
    let release!: () => void;
    const hold = new Promise<void>((resolve) => (release = resolve));
    let failing = true;
    let held = 0;
    const paged = pagedHistory({ holdBefore: hold });
    const failOnce: Route = (request, url) => {
      if (!(failing && url.searchParams.has("before"))) return paged.route(request, url);
      held++;
      return hold.then(() => new Response("gone", { status: 502 }));
    };
    const { runtime, dispose } = runtimeWith(failOnce, () => ["ses_p"]);
    await runtime.resync();
    // The first run's older page is in flight (held); the connection drops and a resync takes over.
    await waitFor(() => expect(held).toBe(1));
    failing = false;
    await runtime.resync();
    release();
    await waitFor(() => expect(runtime.historyComplete("ses_p")).toBe(true));
    expect(shownIds(runtime)).toHaveLength(COUNT);
    expect(runtime.historyError("ses_p")).toBeUndefined();
    dispose();
  });
});
