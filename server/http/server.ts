/**
 * The companion's HTTP server: plain node:http, bound to 127.0.0.1 only. Every request passes the
 * Host allow-list first; then `/api/…` goes to the local API (when there is one) and everything else
 * to the static site. Errors are short sentences, never an exception's text.
 *
 * Why node:http and not a framework: the companion answers a dozen routes and static files, and
 * what matters is that every rule above is visible in one place; a framework would add a request
 * model to learn and two dependencies while the checks would still be ours.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { SECURITY_HEADERS, isAllowedHost } from "./security.js";
import { serveStaticFile, type StaticSite } from "./static.js";

/** Handles one `/api/…` request; `path` is the decoded path. */
export type ApiHandler = (req: IncomingMessage, res: ServerResponse, path: string, url: URL, port: number) => Promise<void>;

export interface HttpOptions extends StaticSite {
  /** Loopback only; the option exists for tests, which never pass anything else. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  api?: ApiHandler;
}

export interface RunningHttp {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Sends a short plain-text answer (errors and refusals). */
export function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers }).end(`${text}\n`);
}

/** The decoded path of a request, or undefined when it is not a valid URI path. */
export function decodePath(rawUrl: string | undefined): { path: string; url: URL } | undefined {
  const raw = rawUrl ?? "/";
  // Only origin-form targets ("/x"); an absolute-form or "*" target is not for us.
  if (!raw.startsWith("/") || raw.startsWith("//")) return undefined;
  let url: URL;
  try {
    url = new URL(raw, "http://companion.invalid");
  } catch {
    return undefined;
  }
  try {
    const path = decodeURIComponent(url.pathname);
    if (path.includes("\0")) return undefined;
    return { path, url };
  } catch {
    return undefined;
  }
}

/** The request handler, given the port it listens on (needed for the Host check). */
export function makeHandler(options: HttpOptions, port: () => number) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    try {
      if (!isAllowedHost(req.headers.host, port())) {
        sendText(res, 421, "This server answers only as 127.0.0.1, localhost or [::1] with its own port.");
        return;
      }
      const target = decodePath(req.url);
      if (!target) {
        sendText(res, 400, "Bad request: the address is not a valid path.");
        return;
      }
      if (target.path === "/api" || target.path.startsWith("/api/")) {
        if (options.api) await options.api(req, res, target.path, target.url, port());
        else sendText(res, 404, "Not found: this server has no local API.");
        return;
      }
      if (req.method !== "GET" && req.method !== "HEAD") {
        sendText(res, 405, "Method not allowed.", { allow: "GET, HEAD" });
        return;
      }
      await serveStaticFile(req, res, options, target.path);
    } catch (error) {
      // The detail is for the terminal; the page gets a sentence.
      console.error(`switchboard: ${req.method} request failed:`, error instanceof Error ? error.message : error);
      sendText(res, 500, "Internal error.");
    }
  };
}

/** Starts listening; resolves once the port is bound. */
export async function startHttp(options: HttpOptions): Promise<RunningHttp> {
  let port = options.port ?? 0;
  const server = createServer(makeHandler(options, () => port));
  // Long-polling API calls wait up to ~25 s; keep sockets from lingering past that.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(port, options.host ?? "127.0.0.1", () => ok());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}
