/**
 * The health panel of one server: its version (`GET /global/health`), uptime, memory and CPU of its
 * process (pidusage), and MCP and LSP status (`GET /mcp`, `GET /lsp`). Whatever cannot be read is a
 * sentence in `problems`, never a failed call: a locked server still shows its process figures.
 */
import pidusage from "pidusage";
import type { LocalServer, ServerHealth } from "../../shared/companion-api.js";
import { basicAuth } from "./spawn.js";

async function getJson(url: string, password: string | undefined): Promise<unknown> {
  const res = await fetch(url, { headers: password ? { authorization: basicAuth(password) } : {}, signal: AbortSignal.timeout(3_000) });
  if (res.status === 401) throw new Error("locked");
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.json();
}

/** `GET /mcp` → name → status word; anything odd is skipped. */
export function parseMcp(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!value || typeof value !== "object" || Array.isArray(value)) return out;
  for (const [name, entry] of Object.entries(value as Record<string, unknown>)) {
    const status = (entry as { status?: unknown } | null)?.status;
    if (typeof status === "string") out[name.slice(0, 100)] = status.slice(0, 40);
  }
  return out;
}

/** `GET /lsp` → one entry per language server. */
export function parseLsp(value: unknown): { name: string; status: string }[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((entry): entry is { name?: unknown; id?: unknown; status?: unknown; root?: unknown } => !!entry && typeof entry === "object")
    .map((entry) => ({
      name: `${String(entry.name ?? entry.id ?? "language server").slice(0, 60)}${typeof entry.root === "string" && entry.root ? ` (${entry.root.slice(0, 200)})` : ""}`,
      status: String(entry.status ?? "unknown").slice(0, 40),
    }));
}

export async function readHealth(server: LocalServer, password: string | undefined): Promise<ServerHealth> {
  const health: ServerHealth = { problems: [] };
  const base = server.url;
  const locked = server.locked && !password;
  const [usage, version, mcp, lsp] = await Promise.allSettled([
    server.pid ? pidusage(server.pid) : Promise.reject(new Error("no pid")),
    getJson(`${base}/global/health`, password),
    locked ? Promise.reject(new Error("locked")) : getJson(`${base}/mcp`, password),
    locked ? Promise.reject(new Error("locked")) : getJson(`${base}/lsp`, password),
  ]);
  if (usage.status === "fulfilled") {
    health.memoryBytes = usage.value.memory;
    health.cpuPercent = Math.round(usage.value.cpu * 10) / 10;
    health.uptimeSeconds = Math.round(usage.value.elapsed / 1000);
  } else {
    health.problems.push(
      server.pid
        ? "The process's memory and CPU could not be read."
        : "This server's process is not visible to Switchboard (another user's, or in a container).",
    );
  }
  if (version.status === "fulfilled") {
    const v = (version.value as { version?: unknown })?.version;
    if (typeof v === "string") health.version = v.slice(0, 64);
  } else if (!locked) health.problems.push(`The server did not answer its health check (${(version.reason as Error).message}).`);
  if (locked) health.problems.push("This server is locked: its MCP and LSP status need its password.");
  else {
    if (mcp.status === "fulfilled") health.mcp = parseMcp(mcp.value);
    else health.problems.push(`MCP status could not be read (${(mcp.reason as Error).message}).`);
    if (lsp.status === "fulfilled") health.lsp = parseLsp(lsp.value);
    else health.problems.push(`LSP status could not be read (${(lsp.reason as Error).message}).`);
  }
  return health;
}
