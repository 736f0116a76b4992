/**
 * The whole app with only the network faked, for tests of what a server's failures and odd data do
 * to a session: a fake EventSource the test drives and a fake fetch that answers like a real server
 * (shapes from tests/fixtures/rest), where a test can replace any route.
 */
import type { Session } from "@opencode-ai/sdk/v2/client";
import { createRoot } from "solid-js";
import { createSwitchboard } from "../../../src/app/switchboard";
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

/** A fake server: REST answers for `sessions`, every request recorded as "METHOD /path". */
export function fakeServer(sessions: Session[], routes: Route[] = []) {
  const requests: string[] = [];
  const bodies: Array<{ path: string; body: unknown }> = [];
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
    }
    if (/^\/permission\/[^/]+\/reply$/.test(url.pathname)) return json(true);
    const messages = /^\/session\/([^/]+)\/message$/.exec(url.pathname);
    if (messages) return json(history(decodeURIComponent(messages[1])));
    return new Response("not found", { status: 404 });
  };
  return { fetch: fetch as typeof globalThis.fetch, requests, bodies };
}

/** A switchboard on the fake server, inside its own root; `dispose` ends both. */
export function rig(sessions: Session[], routes: Route[] = []) {
  const server = fakeServer(sessions, routes);
  const sources: FakeEventSource[] = [];
  const memory = new Map<string, string>();
  const storage = { getItem: (k: string) => memory.get(k) ?? null, setItem: (k: string, v: string) => void memory.set(k, v) };
  let disposeRoot!: () => void;
  const board = createRoot((d) => {
    disposeRoot = d;
    return createSwitchboard({
      storages: { local: storage, session: storage },
      fetch: server.fetch,
      manager: { environment: null, eventSourceFactory: (url) => sources[sources.push(new FakeEventSource(url)) - 1] },
      runtime: {
        schedule: (flush) => {
          queueMicrotask(flush);
          return () => undefined;
        },
      },
    });
  });
  const dispose = () => {
    disposeRoot();
    board.dispose();
  };
  return { board, server, sources, storage, dispose };
}
