/**
 * The local API under /api. Every call needs the per-launch token in the `x-switchboard-token`
 * header (reads too: they expose passwords and pids); every call that changes something also needs
 * the app's own Origin and a JSON body. The header alone already keeps other origins out (it forces a
 * CORS preflight that this server never grants); the Origin check holds even if that changed.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  TOKEN_HEADER,
  type ApiError,
  type LocalServer,
  type LogPage,
  type ServerHealth,
  type ServerList,
  type ServerSettings,
  type StartRequest,
  type StopRequest,
} from "../../shared/companion-api.js";
import { CompanionError } from "../errors.js";
import { isOwnOrigin, tokenMatches } from "./security.js";
import type { ApiHandler } from "./server.js";

/** What the API drives: discovery and the process manager behind one face. */
export interface CompanionCore {
  list(): ServerList;
  /** Resolves when the list's revision passes `since`, or after `timeoutMs`, or when `signal` aborts. */
  waitForChange(since: number, timeoutMs: number, signal: AbortSignal): Promise<void>;
  start(request: StartRequest): Promise<LocalServer>;
  stop(id: string, identity: StopRequest): Promise<void>;
  restart(id: string): Promise<LocalServer>;
  update(id: string, settings: ServerSettings): LocalServer;
  logs(id: string, after: number, waitMs: number, signal: AbortSignal): Promise<LogPage>;
  health(id: string): Promise<ServerHealth>;
}

/** How long a `?since=` or log request waits for news before it answers with what there is. */
export const LONG_POLL_MS = 20_000;
const MAX_BODY_BYTES = 16 * 1024;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" }).end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, error: string, logs?: string[]): void {
  const body: ApiError = logs?.length ? { error, logs } : { error };
  sendJson(res, status, body);
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  if (!/^application\/json\b/i.test(req.headers["content-type"] ?? "")) {
    throw new CompanionError(415, "Send the request body as application/json.");
  }
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new CompanionError(413, "The request body is too large.");
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new CompanionError(400, "The request body is not valid JSON.");
  }
}

function record(value: unknown): Record<string, unknown> {
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new CompanionError(400, "The request body must be a JSON object.");
  return value as Record<string, unknown>;
}

/** Only `directory` and `port`: anything else (flags, environment) is refused, not ignored. */
export function parseStartRequest(value: unknown): StartRequest {
  const body = record(value);
  const extra = Object.keys(body).filter((key) => key !== "directory" && key !== "port");
  if (extra.length) throw new CompanionError(400, `A server is started with a directory and a port only (not ${extra.join(", ")}).`);
  if (typeof body.directory !== "string" || !body.directory.trim())
    throw new CompanionError(400, "Give the directory the server should work in.");
  const request: StartRequest = { directory: body.directory.trim() };
  if (body.port !== undefined && body.port !== null && body.port !== "") {
    const port = Number(body.port);
    if (!Number.isInteger(port) || port < 1024 || port > 65535)
      throw new CompanionError(400, `${String(body.port)} is not a port to use: give a number from 1024 to 65535, or none.`);
    request.port = port;
  }
  return request;
}

function parseStopRequest(value: unknown): StopRequest {
  const body = record(value);
  return {
    pid: typeof body.pid === "number" ? body.pid : undefined,
    startTime: typeof body.startTime === "string" ? body.startTime : undefined,
  };
}

function parseSettings(value: unknown): ServerSettings {
  const body = record(value);
  if (body.stopOnExit !== undefined && typeof body.stopOnExit !== "boolean")
    throw new CompanionError(400, "stopOnExit must be true or false.");
  return { stopOnExit: body.stopOnExit as boolean | undefined };
}

function count(value: string | null): number {
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : 0;
}

/** An AbortSignal that fires when the client goes away, so a long poll stops waiting for nobody. */
function clientGone(req: IncomingMessage, res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  res.once("close", () => controller.abort());
  req.once("aborted", () => controller.abort());
  return controller.signal;
}

/** Builds the /api handler for `core`, with `token` as the launch's secret. */
export function makeApiHandler(core: CompanionCore, token: string): ApiHandler {
  return async (req, res, path, url, port) => {
    try {
      const given = req.headers[TOKEN_HEADER];
      if (!tokenMatches(Array.isArray(given) ? given[0] : given, token)) {
        sendError(
          res,
          403,
          `This call needs Switchboard's launch token in the ${TOKEN_HEADER} header (the page served by the companion has it).`,
        );
        return;
      }
      const method = req.method ?? "GET";
      const reads = method === "GET" || method === "HEAD";
      if (!reads && !isOwnOrigin(req.headers.origin, port)) {
        sendError(res, 403, "Only Switchboard's own page may change anything here (the Origin did not match).");
        return;
      }
      const parts = path.split("/").filter(Boolean).slice(1); // after "api"
      const [collection, id, action] = parts;
      if (collection !== "servers" || parts.length > 3) {
        sendError(res, 404, "No such API call.");
        return;
      }
      const route = `${method} ${id === undefined ? "" : ":id"}${action === undefined ? "" : `/${action}`}`;
      switch (route) {
        case "GET ": {
          const since = url.searchParams.get("since");
          if (since !== null && count(since) >= core.list().revision) {
            await core.waitForChange(count(since), LONG_POLL_MS, clientGone(req, res));
          }
          sendJson(res, 200, core.list());
          return;
        }
        case "POST ":
          sendJson(res, 201, await core.start(parseStartRequest(await readJsonBody(req))));
          return;
        case "PATCH :id":
          sendJson(res, 200, core.update(id!, parseSettings(await readJsonBody(req))));
          return;
        case "POST :id/stop":
          await core.stop(id!, parseStopRequest(await readJsonBody(req)));
          sendJson(res, 200, { stopped: true });
          return;
        case "POST :id/restart":
          await readJsonBody(req);
          sendJson(res, 200, await core.restart(id!));
          return;
        case "GET :id/logs":
          sendJson(
            res,
            200,
            await core.logs(
              id!,
              count(url.searchParams.get("after")),
              url.searchParams.has("wait") ? LONG_POLL_MS : 0,
              clientGone(req, res),
            ),
          );
          return;
        case "GET :id/health":
          sendJson(res, 200, await core.health(id!));
          return;
        default:
          sendError(res, 405, `${method} is not allowed here.`);
      }
    } catch (error) {
      if (error instanceof CompanionError) sendError(res, error.status, error.message, error.logs);
      else {
        console.error("switchboard: API call failed:", error instanceof Error ? error.message : error);
        sendError(res, 500, "The companion failed to do this; its terminal shows why.");
      }
    }
  };
}
