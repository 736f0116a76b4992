/**
 * The whole app in jsdom with only the network faked: a fake EventSource the test drives and a fake
 * fetch that answers like a real server (shapes from tests/fixtures/rest).
 */
import type { Session } from "@opencode-ai/sdk/v2/client";
import { waitFor } from "@solidjs/testing-library";
import { createRoot } from "solid-js";
import { expect } from "vitest";
import { createSwitchboard } from "../../../src/app/switchboard";
import { FakeEventSource } from "../../unit/transport/fakes";

export const DIR = "/home/dev/alpha";

export function session(id: string, title: string, extra: Partial<Session> = {}): Session {
  return { id, slug: id, projectID: "p1", directory: DIR, title, version: "1.18.33", time: { created: 1, updated: 1 }, ...extra };
}

/** A fake server: REST answers from `sessions` and `messages`, recording every request path. */
/** What a fake server offers to the Model and Agent pickers (`GET /config/providers`, `GET /agent`). */
export interface FakeCatalogue {
  models?: string[];
  agents?: string[];
}

export function fakeServer(sessions: Session[], catalogue: FakeCatalogue = {}) {
  const requests: string[] = [];
  const prompts: { sessionID: string; body: string }[] = [];
  let createdCount = 0;
  /** What `POST /session/:id/prompt_async` answers; a test may make it hang or fail. */
  let promptAnswer: () => Response | Promise<Response> = () => new Response(null, { status: 204 });
  const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    requests.push(`${request.method} ${url.pathname}`);
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
    if (/^\/session\/[^/]+\/todo$/.test(url.pathname)) return json([{ content: "Ship it", status: "pending", priority: "high" }]);
    const messages = /^\/session\/([^/]+)\/message$/.exec(url.pathname);
    if (messages) {
      const id = messages[1];
      return json([
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
      ]);
    }
    return new Response("not found", { status: 404 });
  };
  return {
    fetch: fetch as typeof globalThis.fetch,
    requests,
    prompts,
    answerPrompts: (answer: () => Response | Promise<Response>) => void (promptAnswer = answer),
  };
}

type Storage = { getItem(key: string): string | null; setItem(key: string, value: string): void };

export function rig(sessions: Session[]) {
  const memory = new Map<string, string>();
  const storage = { getItem: (k: string) => memory.get(k) ?? null, setItem: (k: string, v: string) => void memory.set(k, v) };
  return rigWith(fakeServer(sessions), storage);
}

/** A switchboard over `server` that starts from what `storage` holds (as after a reload). */
export function rigWith(server: ReturnType<typeof fakeServer>, storage: Storage) {
  const sources: FakeEventSource[] = [];
  /** What each stream was opened with (its headers carry the password). */
  const streamInits: Array<{ headers?: Record<string, string> }> = [];
  let dispose!: () => void;
  const board = createRoot((d) => {
    dispose = d;
    return createSwitchboard({
      storages: { local: storage, session: storage },
      // Through the server object, so a test may replace its fetch (e.g. with one that wants a password).
      fetch: (input, init) => server.fetch(input, init),
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
    });
  });
  return { board, server, sources, streamInits, storage, dispose };
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
