/**
 * The runtime of one server against a fake one: what a resync keeps when part of it fails, that a
 * resync asked for while one runs is run again after it, and that a failed history load is kept as
 * a sentence instead of being dropped.
 */
import { waitFor } from "@solidjs/testing-library";
import { createRoot } from "solid-js";
import { describe, expect, it } from "vitest";
import { createInstanceRuntime } from "../../../src/app/instance-runtime";
import type { RoutedEvent } from "../../../src/transport/types";
import { DIR, fakeServer, json, session, type Route } from "./rig";

const permission = { id: "per_1", sessionID: "ses_p", permission: "bash", patterns: ["ls"], always: ["ls *"], metadata: { command: "ls" } };

function runtimeOn(routes: Route[]) {
  const server = fakeServer([session("ses_p", "Review checkout")], { routes });
  let dispose!: () => void;
  const runtime = createRoot((d) => {
    dispose = d;
    return createInstanceRuntime(
      { id: "i", baseUrl: "http://127.0.0.1:4096" },
      {
        fetch: server.fetch,
        schedule: (flush) => {
          queueMicrotask(flush);
          return () => undefined;
        },
      },
    );
  });
  return { runtime, server, dispose: () => (runtime.dispose(), dispose()) };
}

const routed = (type: string, properties: unknown): RoutedEvent => ({ instanceId: "i", directory: DIR, event: { type, properties } });

describe("a resync that reads only part of what it asks for", () => {
  it("keeps a pending permission when GET /permission fails, and says the requests could not be refreshed", async () => {
    let failing = false;
    const { runtime, dispose } = runtimeOn([
      (_, url) => (url.pathname === "/permission" ? (failing ? new Response("boom", { status: 500 }) : json([permission])) : undefined),
    ]);
    await runtime.resync();
    expect(runtime.store.state.permissions.ses_p?.map((p) => p.id)).toEqual(["per_1"]);
    // A new connection: nothing changed by events since, so the next snapshot would decide alone.
    runtime.push(routed("server.connected", {}));
    failing = true;
    await runtime.resync();
    expect(runtime.store.state.permissions.ses_p?.map((p) => p.id)).toEqual(["per_1"]);
    expect(runtime.syncError()).toMatch(/^Could not refresh pending requests/);
    expect(runtime.syncError()).toContain("HTTP 500");
    failing = false;
    await runtime.resync();
    expect(runtime.syncError()).toBeUndefined();
    dispose();
  });

  it("makes a session idle that GET /session/status no longer lists", async () => {
    const { runtime, dispose } = runtimeOn([]);
    runtime.push(routed("session.status", { sessionID: "ses_p", status: { type: "busy" } }));
    runtime.push(routed("server.connected", {}));
    await waitFor(() => expect(runtime.store.state.status.ses_p).toEqual({ type: "busy" }));
    await runtime.resync();
    expect(runtime.store.state.status.ses_p).toBeUndefined();
    dispose();
  });
});

describe("resync", () => {
  it("runs once more after the current run when asked again meanwhile, and only once more", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { runtime, server, dispose } = runtimeOn([
      async (_, url) =>
        url.pathname === "/project" && server.requests.filter((r) => r === "GET /project").length === 1
          ? (await gate, undefined)
          : undefined,
    ]);
    const first = runtime.resync();
    const second = runtime.resync();
    const third = runtime.resync();
    release();
    await Promise.all([first, second, third]);
    expect(server.requests.filter((r) => r === "GET /project")).toHaveLength(2);
    dispose();
  });
});

describe("a session's history", () => {
  it("keeps why it could not be loaded, and forgets it once a load works", async () => {
    let failing = true;
    const { runtime, dispose } = runtimeOn([
      (_, url) => (url.pathname.endsWith("/message") && failing ? new Response("nope", { status: 503 }) : undefined),
    ]);
    await runtime.resync();
    const ses = runtime.store.state.sessions.ses_p!;
    await expect(runtime.loadSession(ses)).rejects.toThrow();
    expect(runtime.historyError("ses_p")).toMatch(/^Could not load this session's messages: .*HTTP 503/);
    expect(runtime.historyError("constructor")).toBeUndefined();
    failing = false;
    await runtime.loadSession(ses);
    expect(runtime.historyError("ses_p")).toBeUndefined();
    expect(runtime.store.state.messages.ses_p).toHaveLength(1);
    dispose();
  });
});

describe("a REST history of the wrong shape", () => {
  it("loads what it can read and counts nothing as a failure of the load", async () => {
    const junk = [
      null,
      7,
      { info: null, parts: null },
      {
        info: { id: "msg_1", sessionID: "ses_p", role: "assistant", time: { created: 1 } },
        parts: [null, 5, { id: "prt_1", messageID: "msg_1", type: "text", text: "kept", time: "x" }],
      },
      { info: { id: "msg_2", sessionID: "ses_p", role: "user", time: {} }, parts: "none" },
    ];
    const { runtime, dispose } = runtimeOn([(_, url) => (url.pathname.endsWith("/message") ? json(junk) : undefined)]);
    await runtime.resync();
    await runtime.loadSession(runtime.store.state.sessions.ses_p!);
    expect(runtime.historyError("ses_p")).toBeUndefined();
    expect(runtime.store.state.messages.ses_p?.map((m) => m.id)).toEqual(["msg_1", "msg_2"]);
    expect(runtime.store.state.parts.msg_1?.map((p) => p.id)).toEqual(["prt_1"]);
    dispose();
  });
});
