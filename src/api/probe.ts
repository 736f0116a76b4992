/**
 * Probing an address before connecting: is there an OpenCode server, does it want a password, and
 * what does it serve. Every outcome becomes a sentence the user can act on (STYLE habit 7).
 */
import type { Path, Project } from "@opencode-ai/sdk/v2/client";
import { authHeaders, fetchWithTimeout } from "./client";
import { instanceHostLabel, type InstanceConfig } from "./instance";

export const PROBE_TIMEOUT_MS = 4_000;

export type ProbeFailure = "unreachable" | "cors" | "timeout" | "unauthorized" | "wrong-password" | "not-opencode";

export type ProbeResult =
  { ok: true; version: string; path: Path | undefined; projects: Project[] } | { ok: false; kind: ProbeFailure; message: string };

export interface ProbeOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** The origin of this page, for the CORS hint; defaults to `location.origin` in a browser. */
  pageOrigin?: string;
}

/** Checks `config` by asking `/global/health`, then `/path` and `/project`, and classifies failures. */
export async function probeInstance(config: InstanceConfig, options: ProbeOptions = {}): Promise<ProbeResult> {
  const timeoutMs = options.timeoutMs ?? PROBE_TIMEOUT_MS;
  const doFetch = fetchWithTimeout(options.fetch ?? ((i, init) => globalThis.fetch(i, init)), timeoutMs);
  const headers = authHeaders(config);
  const where = describeAddress(config.baseUrl);
  const pageOrigin = options.pageOrigin ?? (typeof location !== "undefined" ? location.origin : undefined);

  let health: Response;
  try {
    health = await doFetch(`${config.baseUrl}/global/health`, { headers });
  } catch (error) {
    if (isTimeout(error)) {
      return fail(
        "timeout",
        `${where} accepted the connection but did not answer within ${timeoutMs / 1000} s. If the server is still starting, try again in a moment.`,
      );
    }
    return classifyBlocked(config.baseUrl, pageOrigin, doFetch);
  }
  if (health.status === 401) {
    return config.password
      ? fail(
          "wrong-password",
          `${where} refused the password. Check the server's OPENCODE_SERVER_PASSWORD (the user name is “${config.username || "opencode"}”).`,
        )
      : fail(
          "unauthorized",
          `${where} needs a password (the server was started with OPENCODE_SERVER_PASSWORD). Enter it and connect again.`,
        );
  }
  const body = await readJson(health);
  if (!health.ok || !body || typeof body !== "object" || (body as { healthy?: unknown }).healthy !== true) {
    const status = health.ok ? "an unexpected answer" : `HTTP ${health.status}`;
    return fail("not-opencode", `${where} answered, but it is not an OpenCode server (${status} on /global/health).`);
  }
  const version = String((body as { version?: unknown }).version ?? "unknown");
  const [path, projects] = await Promise.all([
    doFetch(`${config.baseUrl}/path`, { headers })
      .then(readJson)
      .catch(() => undefined),
    doFetch(`${config.baseUrl}/project`, { headers })
      .then(readJson)
      .catch(() => undefined),
  ]);
  return {
    ok: true,
    version,
    path: isObject(path) ? (path as Path) : undefined,
    projects: Array.isArray(projects) ? (projects as Project[]) : [],
  };
}

function fail(kind: ProbeFailure, message: string): ProbeResult {
  return { ok: false, kind, message };
}

/** How a sentence names an address: "Port 4096" for this machine, else the host (or the whole URL when it has a path). */
export function describeAddress(baseUrl: string): string {
  const label = instanceHostLabel(baseUrl);
  if (!label.startsWith(":")) return label;
  // "Port 4096" would hide a path, and with it why the same port can answer differently.
  return /^https?:\/\/[^/]+\/./i.test(baseUrl) ? baseUrl : `Port ${label.slice(1)}`;
}

/**
 * A fetch that failed outright is either "nothing listening" or "the browser refused to let us read
 * the answer" (CORS): the error alone cannot tell (SERVER.md). An opaque `no-cors` request can: it
 * succeeds whenever any HTTP server answered. A server that answers but does not allow a default-allowed
 * origin is not OpenCode; for any other origin it may be OpenCode without `--cors`.
 */
async function classifyBlocked(baseUrl: string, pageOrigin: string | undefined, doFetch: typeof fetch): Promise<ProbeResult> {
  const answered = await doFetch(`${baseUrl}/global/health`, { mode: "no-cors" }).then(
    () => true,
    () => false,
  );
  if (!answered) return fail("unreachable", unreachableMessage(baseUrl, pageOrigin));
  const where = describeAddress(baseUrl);
  if (!pageOrigin || isOriginAllowedByDefault(pageOrigin, baseUrl)) {
    return fail(
      "not-opencode",
      `${where} answered, but it is not an OpenCode server (it does not let this page read its answers, as OpenCode does).`,
    );
  }
  return fail(
    "cors",
    `${where} answered, but the browser blocked this page from reading it (CORS). If it is an OpenCode server, start it with \`${serveCommand(baseUrl)} --cors ${pageOrigin}\`.`,
  );
}

function serveCommand(baseUrl: string): string {
  try {
    const port = new URL(baseUrl).port;
    return `opencode serve${port ? ` --port ${port}` : ""}`;
  } catch {
    return "opencode serve";
  }
}

/**
 * From a page, "nothing listening" and "CORS refused" both surface as a bare `TypeError: Failed to fetch`
 * (SERVER.md, CORS), so the sentence names both and gives the `--cors` fix when this origin needs it.
 */
export function unreachableMessage(baseUrl: string, pageOrigin: string | undefined): string {
  const serve = serveCommand(baseUrl);
  // An http server reached over https fails the TLS handshake, which looks exactly like nothing listening.
  const scheme = /^https:/i.test(baseUrl) ? " (the server may be http, not https)" : "";
  let message = `Nothing answered at ${baseUrl}${scheme}. Check that \`${serve}\` is running and reachable from this browser.`;
  if (pageOrigin && !isOriginAllowedByDefault(pageOrigin, baseUrl)) {
    message += ` This page's origin (${pageOrigin}) is not one OpenCode allows by default: start the server with \`${serve} --cors ${pageOrigin}\`.`;
  }
  return message;
}

/** Mirrors OpenCode's default CORS rule (SERVER.md): loopback with a port, tauri, *.opencode.ai, or the server itself. */
export function isOriginAllowedByDefault(origin: string, baseUrl: string): boolean {
  if (/^http:\/\/(localhost|127\.0\.0\.1):\d+$/.test(origin)) return true;
  if (/^(tauri:\/\/localhost|https?:\/\/tauri\.localhost)$/.test(origin)) return true;
  if (/^https:\/\/([a-z0-9-]+\.)*opencode\.ai$/.test(origin)) return true;
  try {
    return new URL(baseUrl).origin === origin;
  } catch {
    return false;
  }
}

function isTimeout(error: unknown): boolean {
  return error instanceof DOMException ? error.name === "TimeoutError" || error.name === "AbortError" : false;
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
