/**
 * A local stand-in for `opencode serve` 1.18.33, just enough for the app to connect, list sessions,
 * load one session's messages and stream: the REST answers the app asks for (shapes from
 * shared/opencode/rest), CORS that echoes the origin like the real server's default, and
 * `/global/event` as `data: <json>` lines with `server.connected` first and a heartbeat every 10 s.
 * What it streams is real captured traffic (see retarget), written when the benchmark says so.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Session } from "@opencode-ai/sdk/v2/client";
import type { MessageWithParts } from "./synthetic-session";

export const DIRECTORY = "/home/dev/alpha";
const PROJECT_ID = "1376a2ae3c71a14b3e3d68649d5cb9692dd95f90";
const PROJECTS = [
  { id: "global", worktree: "/", time: { created: 1795236357606, updated: 1795236558161 }, sandboxes: [] },
  { id: PROJECT_ID, worktree: DIRECTORY, vcs: "git", time: { created: 1795236602570, updated: 1795236744908 }, sandboxes: [] },
];
const PATH = { home: "/home/dev", state: "/home/dev/.local/state/opencode", config: "/home/dev/.local/config/opencode", worktree: DIRECTORY, directory: DIRECTORY };
const HEARTBEAT_MS = 10_000;

/** A session the fake server knows, with what `GET /session/:id/message` answers for it. */
export interface FakeSession {
  info: Session;
  messages: MessageWithParts[];
}

/** The running fake server. */
export interface FakeServer {
  url: string;
  /** Adds or replaces a session (listed by `/experimental/session` from the next request on). */
  putSession(session: FakeSession): void;
  /** How many `/global/event` streams are open now. */
  streams(): number;
  /** Resolves once a session's oldest page (or its whole list) has been answered. */
  historyServed(sessionId: string): Promise<void>;
  /** Resolves once at least `count` streams are open (rejects after `timeoutMs`). */
  waitForStreams(count: number, timeoutMs?: number): Promise<void>;
  /**
   * Writes `lines` (raw `/global/event` JSON envelopes) to every open stream. With `perSecond` they
   * are paced evenly from now on; without, they go out as fast as the socket takes them. Resolves
   * with the send time of each line (epoch ms, `performance.timeOrigin + performance.now()`).
   */
  stream(lines: readonly string[], options?: { perSecond?: number }): Promise<number[]>;
  close(): Promise<void>;
}

function cors(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  if (origin) {
    res.setHeader("Access-Control-Allow-Origin", origin);
    res.setHeader("Vary", "Origin");
  }
}

function json(res: ServerResponse, body: unknown, status = 200): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

const epochNow = () => performance.timeOrigin + performance.now();

/** The cursor opencode gives for a page that starts at `message`: base64url of its id and time. */
function makeCursor(message: { id: string; time: { created: number } }): string {
  return Buffer.from(JSON.stringify({ id: message.id, time: message.time.created })).toString("base64url");
}

/** Where the page before `cursor` ends (the index of the cursor's message), or -1 for a bad cursor. */
function cursorIndex(messages: MessageWithParts[], cursor: string): number {
  try {
    const { id } = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { id?: unknown };
    return typeof id === "string" ? messages.findIndex((message) => message.info.id === id) : -1;
  } catch {
    return -1;
  }
}

/** Starts a fake server on a free loopback port. */
export async function startFakeServer(): Promise<FakeServer> {
  const sessions = new Map<string, FakeSession>();
  const clients = new Set<ServerResponse>();
  // Answers are serialised once per session: 2,000 messages are ~2 MB and the app may ask twice.
  const messageCache = new Map<string, string>();

  // Who waits for a session's oldest message to be served (the last page of its history).
  const historyWaiters = new Map<string, Array<() => void>>();
  const historyServed = new Set<string>();
  const historyDone = (id: string) => {
    historyServed.add(id);
    for (const resolve of historyWaiters.get(id) ?? []) resolve();
    historyWaiters.delete(id);
  };

  const server = createServer((req, res) => {
    cors(req, res);
    if (req.method === "OPTIONS") {
      res.writeHead(204, {
        "Access-Control-Allow-Methods": "GET,POST,PUT,PATCH,DELETE,OPTIONS",
        "Access-Control-Allow-Headers": req.headers["access-control-request-headers"] ?? "*",
        "Access-Control-Max-Age": "86400",
      });
      res.end();
      return;
    }
    const url = new URL(req.url ?? "/", "http://fake");
    const path = url.pathname;
    if (path === "/global/event") return openStream(res);
    if (path === "/global/health") return json(res, { healthy: true, version: "1.18.33" });
    if (path === "/path") return json(res, PATH);
    if (path === "/project") return json(res, PROJECTS);
    if (path === "/project/current") return json(res, PROJECTS[1]);
    if (path === "/experimental/session" || path === "/session") return json(res, [...sessions.values()].map((s) => s.info));
    if (path === "/session/status") return json(res, {});
    if (path === "/permission" || path === "/question") return json(res, []);
    const match = /^\/session\/([^/]+)(\/message|\/todo|\/children)?$/.exec(path);
    const session = match ? sessions.get(decodeURIComponent(match[1])) : undefined;
    if (match && session) {
      if (match[2] === "/message") {
        // Paged as opencode 1.18.33 pages it: `limit` takes the newest N (before the `before`
        // cursor), oldest first, and `X-Next-Cursor` (exposed to pages of other origins) names
        // the page before, an opaque token; a message id as `before` is a 400.
        const limit = Number(url.searchParams.get("limit") ?? 0);
        const before = url.searchParams.get("before");
        const key = `${session.info.id} ${limit} ${before ?? ""}`;
        let answer = messageCache.get(key);
        if (answer === undefined) {
          const end = before === null ? session.messages.length : cursorIndex(session.messages, before);
          if (end < 0) return json(res, { _tag: "BadRequest" }, 400);
          const start = limit > 0 ? Math.max(0, end - limit) : 0;
          const cursor = limit > 0 && start > 0 ? makeCursor(session.messages[start].info) : "";
          messageCache.set(key, (answer = `${cursor}\n${JSON.stringify(session.messages.slice(start, end))}`));
        }
        // No cursor: this answer reaches the session's first message.
        if (answer.startsWith("\n")) historyDone(session.info.id);
        const newline = answer.indexOf("\n");
        const cursor = answer.slice(0, newline);
        res.writeHead(200, {
          "content-type": "application/json",
          ...(cursor ? { "access-control-expose-headers": "Link, X-Next-Cursor", "x-next-cursor": cursor } : {}),
        });
        res.end(answer.slice(newline + 1));
        return;
      }
      if (match[2] === "/todo" || match[2] === "/children") return json(res, []);
      return json(res, session.info);
    }
    json(res, { name: "NotFoundError", data: { message: `${req.method} ${path} is not faked` } }, 404);
  });

  function openStream(res: ServerResponse): void {
    res.writeHead(200, {
      "content-type": "text/event-stream",
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
    });
    res.write(`data: ${JSON.stringify({ payload: { id: "evt_connected", type: "server.connected", properties: {} } })}\n\n`);
    clients.add(res);
    res.on("close", () => clients.delete(res));
  }

  const heartbeat = setInterval(() => {
    const line = `data: ${JSON.stringify({ payload: { id: "evt_heartbeat", type: "server.heartbeat", properties: {} } })}\n\n`;
    for (const client of clients) client.write(line);
  }, HEARTBEAT_MS);

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    putSession(session) {
      sessions.set(session.info.id, session);
      for (const key of messageCache.keys()) if (key.startsWith(`${session.info.id} `)) messageCache.delete(key);
      historyServed.delete(session.info.id);
    },
    streams: () => clients.size,
    historyServed(id) {
      if (historyServed.has(id)) return Promise.resolve();
      return new Promise<void>((resolve) => historyWaiters.set(id, [...(historyWaiters.get(id) ?? []), resolve]));
    },
    async waitForStreams(count, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (clients.size < count) {
        if (Date.now() > deadline) throw new Error(`fake server: ${clients.size} of ${count} event streams opened`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    stream: (lines, options) => (options?.perSecond ? paced(lines, options.perSecond) : burst(lines)),
    async close() {
      clearInterval(heartbeat);
      for (const client of clients) client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  function write(line: string): void {
    const frame = `data: ${line}\n\n`;
    for (const client of clients) client.write(frame);
  }

  // Each tick sends every line whose slot has come, so timer jitter delays lines but never bunches
  // the schedule: the average rate stays exactly `perSecond`.
  function paced(lines: readonly string[], perSecond: number): Promise<number[]> {
    const sent: number[] = new Array(lines.length);
    const interval = 1000 / perSecond;
    const start = performance.now();
    let next = 0;
    return new Promise((resolve) => {
      const tick = () => {
        const due = Math.min(lines.length, Math.floor((performance.now() - start) / interval) + 1);
        for (; next < due; next++) {
          write(lines[next]);
          sent[next] = epochNow();
        }
        if (next >= lines.length) resolve(sent);
        else setTimeout(tick, Math.max(0, start + next * interval - performance.now()));
      };
      tick();
    });
  }

  // As fast as the socket drains, like the real server flushing a burst it read in one go.
  async function burst(lines: readonly string[]): Promise<number[]> {
    const sent: number[] = new Array(lines.length);
    const chunk = 500;
    for (let i = 0; i < lines.length; i += chunk) {
      const end = Math.min(lines.length, i + chunk);
      let frame = "";
      for (let j = i; j < end; j++) frame += `data: ${lines[j]}\n\n`;
      const full = [...clients].filter((client) => !client.write(frame));
      const at = epochNow();
      for (let j = i; j < end; j++) sent[j] = at;
      await Promise.all(full.map((client) => new Promise((resolve) => client.once("drain", resolve))));
    }
    return sent;
  }
}
