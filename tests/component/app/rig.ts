/**
 * The whole app in jsdom with only the network faked, for every page-level component test: a fake
 * EventSource the test drives and a fake fetch that answers like a real server (shapes from
 * tests/fixtures/rest), where a test can replace any route or how prompts are answered.
 */
import type { Session } from "@opencode-ai/sdk/v2/client";
import { waitFor } from "@solidjs/testing-library";
import { createRoot } from "solid-js";
import { expect } from "vitest";
import { createSwitchboard, type SwitchboardOptions } from "../../../src/app/switchboard";
import type { StorageLike } from "../../../src/app/persistence";
import { FakeEventSource } from "../../unit/transport/fakes";

export const DIR = "/home/dev/alpha";

export function session(id: string, title: string, extra: Partial<Session> = {}): Session {
  return { id, slug: id, projectID: "p1", directory: DIR, title, version: "1.18.33", time: { created: 1, updated: 1 }, ...extra };
}

/** A route override: answers a request, or undefined to let the default answer. */
export type Route = (request: Request, url: URL) => Response | undefined | Promise<Response | undefined>;

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

/** History of a session as GET /session/:id/message answers: one user message. */
export function history(id: string) {
  return [
    {
      info: {
        id: `msg_${id}_1`,
        sessionID: id,
        role: "user",
        time: { created: 1 },
        agent: "build",
        model: { providerID: "fake", modelID: "fake-model" },
      },
      parts: [{ id: `prt_${id}_1`, sessionID: id, messageID: `msg_${id}_1`, type: "text", text: `History of ${id}` }],
    },
  ];
}

/** What a fake server offers to the Model and Agent pickers (`GET /config/providers`, `GET /agent`). */
export interface FakeCatalogue {
  models?: string[];
  agents?: string[];
}

export interface FakeServerOptions {
  /** Tried in order before the default answers. */
  routes?: Route[];
  catalogue?: FakeCatalogue;
}

/**
 * A fake server: REST answers for `sessions` (`POST /session` adds one), every request recorded as
 * "METHOD /path", every POST body in `bodies`, every prompt in `prompts`.
 */
export function fakeServer(sessions: Session[], options: FakeServerOptions = {}) {
  const { routes = [], catalogue = {} } = options;
  const requests: string[] = [];
  const bodies: Array<{ path: string; body: unknown }> = [];
  const prompts: { sessionID: string; body: string }[] = [];
  let createdCount = 0;
  /** What `POST /session/:id/prompt_async` answers; a test may make it hang or fail. */
  let promptAnswer: () => Response | Promise<Response> = () => new Response(null, { status: 204 });
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    requests.push(`${request.method} ${url.pathname}`);
    if (request.method === "POST")
      bodies.push({
        path: url.pathname,
        body: await request
          .clone()
          .json()
          .catch(() => undefined),
      });
    for (const route of routes) {
      const answer = await route(request, url);
      if (answer) return answer;
    }
    if (request.method === "POST" && url.pathname === "/session") {
      const created = session(`ses_new${++createdCount}`, `New session ${createdCount}`);
      sessions.push(created);
      return json(created);
    }
    const prompt = /^\/session\/([^/]+)\/prompt_async$/.exec(url.pathname);
    if (request.method === "POST" && prompt) {
      prompts.push({ sessionID: prompt[1], body: await request.text() });
      return promptAnswer();
    }
    switch (url.pathname) {
      case "/global/health":
        return json({ healthy: true, version: "1.18.33" });
      case "/path":
        return json({ home: "/home/dev", state: "", config: "", worktree: DIR, directory: DIR });
      case "/project":
        return json([{ id: "p1", worktree: DIR, time: { created: 1, updated: 1 }, sandboxes: [] }]);
      case "/experimental/session":
        return json(sessions);
      case "/session/status":
        return json({});
      case "/permission":
      case "/question":
        return json([]);
      case "/config/providers": {
        const models = catalogue.models ?? ["fake-model"];
        return json({
          providers: [{ id: "fake", name: "Fake", models: Object.fromEntries(models.map((id) => [id, { id, name: id }])) }],
          default: { fake: models[0] },
        });
      }
      case "/agent":
        return json((catalogue.agents ?? ["build"]).map((name) => ({ name, mode: "primary", permission: [], options: {} })));
      case "/config":
        return json({});
    }
    if (/^\/permission\/[^/]+\/reply$/.test(url.pathname)) return json(true);
    if (/^\/session\/[^/]+\/todo$/.test(url.pathname)) return json([{ content: "Ship it", status: "pending", priority: "high" }]);
    const messages = /^\/session\/([^/]+)\/message$/.exec(url.pathname);
    if (messages) return json(history(decodeURIComponent(messages[1])));
    return new Response("not found", { status: 404 });
  };
  return {
    fetch: fetch as typeof globalThis.fetch,
    requests,
    bodies,
    prompts,
    answerPrompts: (answer: () => Response | Promise<Response>) => void (promptAnswer = answer),
  };
}

/** Storage kept in memory: hand the same one to a second rig to stand for a reload. */
export function memoryStorage(): StorageLike {
  const memory = new Map<string, string>();
  return { getItem: (k) => memory.get(k) ?? null, setItem: (k, v) => void memory.set(k, v) };
}

/**
 * A switchboard over `fetch` and `storage` inside its own root, its event streams fake ones the test
 * drives (`sources`, in the order they were opened); `dispose` ends the root and the switchboard.
 */
export function testBoard(
  fetch: typeof globalThis.fetch,
  storage: StorageLike,
  options: Pick<SwitchboardOptions, "notifications" | "pageHidden"> = {},
) {
  const sources: FakeEventSource[] = [];
  /** What each stream was opened with (its headers carry the password). */
  const streamInits: Array<{ headers?: Record<string, string> }> = [];
  let disposeRoot!: () => void;
  const board = createRoot((d) => {
    disposeRoot = d;
    return createSwitchboard({
      storages: { local: storage, session: storage },
      fetch,
      manager: {
        environment: null,
        eventSourceFactory: (url, init) => {
          streamInits.push(init);
          return sources[sources.push(new FakeEventSource(url)) - 1];
        },
      },
      runtime: {
        schedule: (flush) => {
          queueMicrotask(flush);
          return () => undefined;
        },
      },
      ...options,
    });
  });
  const dispose = () => {
    disposeRoot();
    board.dispose();
  };
  return { board, sources, streamInits, dispose };
}

/** A switchboard on a fake server with `sessions`, starting from empty storage. */
export function rig(sessions: Session[], routes: Route[] = []) {
  return rigWith(fakeServer(sessions, { routes }), memoryStorage());
}

/** A switchboard over `server` that starts from what `storage` holds (as after a reload). */
export function rigWith(server: ReturnType<typeof fakeServer>, storage: StorageLike) {
  // Through the server object, so a test may replace its fetch (e.g. with one that wants a password).
  return { ...testBoard((input, init) => server.fetch(input, init), storage), server, storage };
}

/** A rig with the server on port 4096 added, its stream open and `ses_p` loaded by the resync. */
export async function connectedRig(sessions: Session[]) {
  const parts = rig(sessions);
  await parts.board.connect({ address: "4096", password: "", rememberPassword: false, label: "" });
  parts.sources[0].open();
  const id = parts.board.order()[0];
  const runtime = parts.board.runtime(id)!;
  await waitFor(() => expect(runtime.store.state.sessions.ses_p).toBeDefined());
  return { ...parts, id, runtime };
}
