/**
 * The SSEManager against a real HTTP server on 127.0.0.1 that replays a captured `/global/event`
 * stream, then kills the connection mid-stream: with its default source (FetchEventSource over
 * node's fetch) and with the `eventsource` package (an EventSource as the standard defines it).
 */
import { readFileSync } from "node:fs";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { EventSource } from "eventsource";
import { afterEach, expect, it, vi } from "vitest";
import { managerCounts, SSEManager, withQueryAuth } from "../../../src/transport/sse-manager";
import type { ConnectionStatus, EventSourceFactory, EventSourceLike, RoutedEvent } from "../../../src/transport/types";

const capture = readFileSync(new URL("../../fixtures/captures/01-hi.global-event.txt", import.meta.url), "utf8");
const dataLines = capture.split("\n").filter((line) => line.startsWith("data: "));
const forwardedInCapture = dataLines.filter(
  (line) => !line.includes('"payload":{"type":"sync"') && !line.includes('"type":"server.heartbeat"'),
).length;
const TOKEN = Buffer.from("opencode:pw").toString("base64");

let server: Server | undefined;
let manager: SSEManager | undefined;
const open = new Set<ServerResponse>();

afterEach(async () => {
  manager?.dispose();
  manager = undefined;
  for (const res of open) res.destroy();
  open.clear();
  const closing = server;
  server = undefined;
  if (closing) {
    closing.closeAllConnections();
    await new Promise<void>((resolve) => closing.close(() => resolve()));
  }
});

// How each source sends the password: FetchEventSource in a header, a real EventSource (which
// cannot send headers) in the URL.
const factories: Array<[string, EventSourceFactory | undefined, string, string | undefined]> = [
  ["FetchEventSource, the default", undefined, "/global/event", `Basic ${TOKEN}`],
  // The package types its handlers with concrete event classes; the manager only assigns them.
  [
    "the eventsource package",
    (url, init) => new EventSource(withQueryAuth(url, init)) as unknown as EventSourceLike,
    `/global/event?auth_token=${encodeURIComponent(TOKEN)}`,
    undefined,
  ],
];

it.each(factories)(
  "reconnects after the server kills the stream and hears server.connected again (%s)",
  async (_, factory, path, authorization) => {
    const requests: string[] = [];
    const headers: Array<string | undefined> = [];
    server = createServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      requests.push(req.url ?? "");
      headers.push(req.headers.authorization);
      if (url.pathname !== "/global/event") return void res.writeHead(404).end();
      if (url.searchParams.get("auth_token") !== TOKEN && req.headers.authorization !== `Basic ${TOKEN}`)
        return void res.writeHead(401).end();
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache, no-transform" });
      open.add(res);
      if (requests.length === 1) {
        // First connection: the whole captured stream, then the connection dies without a goodbye.
        // `retry: 10` invites a browser-like source to retry on its own within 10 ms: the manager must not let it.
        res.write("retry: 10\n\n" + capture, () => setTimeout(() => res.socket?.destroy(), 20));
      } else {
        res.write('data: {"payload":{"id":"evt_again","type":"server.connected","properties":{}}}\n\n');
      }
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;

    const events: RoutedEvent[] = [];
    const statuses: ConnectionStatus[] = [];
    const connected: string[] = [];
    const malformed: string[] = [];
    manager = new SSEManager({
      eventSourceFactory: factory,
      baseDelayMs: 200,
      environment: null,
      onEvent: (event) => events.push(event),
      onStatus: (_, status) => statuses.push(status),
      onConnected: (id) => connected.push(id),
      onMalformed: (_, raw) => malformed.push(raw),
    });
    manager.add({ id: "real", baseUrl: `http://127.0.0.1:${port}`, password: "pw" });

    await vi.waitFor(() => expect(connected).toHaveLength(2), { timeout: 5000, interval: 10 });
    await vi.waitFor(() => expect(events.at(-1)?.event.id).toBe("evt_again"), { timeout: 2000, interval: 10 });

    expect(requests).toEqual([path, path]);
    expect(headers).toEqual([authorization, authorization]);
    expect(malformed).toEqual([]);
    expect(events).toHaveLength(forwardedInCapture + 1);
    const types = events.map((e) => e.event.type);
    expect(types.filter((t) => t === "server.connected")).toHaveLength(2);
    expect(types).not.toContain("sync");
    expect(types).not.toContain("server.heartbeat");
    expect(events.filter((e) => e.event.type === "message.part.delta").every((e) => e.directory === "/home/dev/alpha")).toBe(true);
    expect(statuses.map((s) => s.state)).toEqual(["connecting", "connected", "reconnecting", "connecting", "connected"]);
    expect(statuses[2]).toMatchObject({ attempt: 2, maxAttempts: 8 });
    expect(managerCounts(manager)).toEqual({ sources: 1, timers: 1, listeners: 0 });

    // Our manager closed the first source itself: it must not have retried on its own.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(requests).toHaveLength(2);
    manager.dispose();
    expect(managerCounts(manager)).toEqual({ sources: 0, timers: 0, listeners: 0 });
  },
);
