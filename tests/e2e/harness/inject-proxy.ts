/**
 * A pass-through HTTP proxy in front of a real server that can slip extra lines into its
 * `/global/event` streams: how a test feeds the app a malformed or unknown event without mocking
 * anything else. Every other request, CORS preflights included, goes through untouched.
 */
import { createServer, request, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A running proxy: `url`/`port` to give the app, `inject` to write into open event streams. */
export interface InjectProxy {
  url: string;
  port: number;
  /** How many `/global/event` responses are open right now. */
  openStreams(): number;
  /** Writes `data: <data>` + blank line into every open `/global/event` stream; returns how many got it. */
  inject(data: string): number;
  close(): Promise<void>;
}

/** Starts a proxy on a free loopback port that forwards to `targetUrl` (e.g. `http://127.0.0.1:4096`). */
export async function startInjectProxy(targetUrl: string): Promise<InjectProxy> {
  const target = new URL(targetUrl);
  const streams = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        const isEventStream = new URL(req.url ?? "/", "http://x").pathname === "/global/event" && answer.statusCode === 200;
        if (isEventStream) {
          streams.add(res);
          res.on("close", () => streams.delete(res));
        }
        // Per-chunk writes keep each upstream event whole, so an injected line never splits one.
        answer.on("data", (chunk) => res.write(chunk));
        answer.on("end", () => res.end());
      },
    );
    upstream.on("error", () => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
      res.end("upstream unavailable");
    });
    res.on("close", () => upstream.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    openStreams: () => streams.size,
    inject(data) {
      for (const res of streams) res.write(`data: ${data}\n\n`);
      return streams.size;
    },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/**
 * Starts an HTTP server that is not OpenCode: every path answers 200 with an HTML page, and CORS
 * allows any origin (like a dev server), so the app can read the answer and say what it is.
 */
export async function startNotOpencodeServer(): Promise<{ url: string; port: number; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const cors = {
      "access-control-allow-origin": req.headers.origin ?? "*",
      "access-control-allow-headers": "*",
      "access-control-allow-methods": "*",
    };
    if (req.method === "OPTIONS") {
      res.writeHead(204, cors).end();
      return;
    }
    res.writeHead(200, { ...cors, "content-type": "text/html; charset=utf-8" });
    res.end("<!doctype html><title>My blog</title><h1>Welcome to my blog</h1>");
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", () => ok()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
