/**
 * Windows, best effort (untested on a real machine here): one PowerShell run prints the listening
 * TCP endpoints (`Get-NetTCPConnection -State Listen`) and the processes named opencode*
 * (`Get-CimInstance Win32_Process`) as JSON. Windows does not tell a process's working directory,
 * so the directory comes from `GET /path` only.
 */
import type { Candidate, PlatformReader } from "./types.js";
import { looksLikeOpencode } from "./types.js";
import { runTool } from "./run.js";

export const WINDOWS_SCRIPT = [
  "$l = @(Get-NetTCPConnection -State Listen | Select-Object LocalAddress,LocalPort,OwningProcess)",
  "$p = @(Get-CimInstance Win32_Process -Filter \"Name LIKE 'opencode%'\" | Select-Object ProcessId,Name,CommandLine,ExecutablePath,CreationDate)",
  "@{ listen = $l; processes = $p } | ConvertTo-Json -Compress -Depth 3",
].join("; ");

/** ConvertTo-Json turns a one-element array into the element itself. */
function list(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.filter((v) => v && typeof v === "object") as Record<string, unknown>[];
  return value && typeof value === "object" ? [value as Record<string, unknown>] : [];
}

/** Splits a Windows command line into words, keeping "quoted parts" together. */
export function splitCommandLine(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
}

/** PowerShell 5 writes dates as `/Date(ms)/`, PowerShell 7 as ISO text: either is an identity. */
function creationDate(value: unknown): string | undefined {
  if (typeof value === "string") return /\/Date\((\d+)\)\//.exec(value)?.[1] ?? value;
  if (value && typeof value === "object" && "DateTime" in value) return String((value as { DateTime: unknown }).DateTime);
  return undefined;
}

/** Parses the script's JSON into candidates. */
export function parseWindowsScan(json: string): Candidate[] {
  let data: { listen?: unknown; processes?: unknown };
  try {
    data = JSON.parse(json.trim() || "{}");
  } catch {
    return [];
  }
  const processes = new Map<number, Record<string, unknown>>();
  for (const proc of list(data.processes)) processes.set(Number(proc.ProcessId), proc);
  const candidates: Candidate[] = [];
  for (const endpoint of list(data.listen)) {
    const address = String(endpoint.LocalAddress ?? "");
    if (!(address.startsWith("127.") || address === "0.0.0.0" || address === "::")) continue;
    const port = Number(endpoint.LocalPort);
    const proc = processes.get(Number(endpoint.OwningProcess));
    if (!proc || !Number.isInteger(port) || candidates.some((c) => c.port === port)) continue;
    const argv = typeof proc.CommandLine === "string" ? splitCommandLine(proc.CommandLine) : [String(proc.Name ?? "")];
    const exe = typeof proc.ExecutablePath === "string" ? proc.ExecutablePath : undefined;
    if (!looksLikeOpencode(argv, exe)) continue;
    candidates.push({ port, process: { pid: Number(proc.ProcessId), argv, exe, startTime: creationDate(proc.CreationDate) } });
  }
  return candidates;
}

export function makeWindowsReader(): PlatformReader {
  return {
    platform: "win32",
    quick: async () => undefined,
    full: async () => {
      const out = await runTool("powershell.exe", ["-NoProfile", "-NonInteractive", "-Command", WINDOWS_SCRIPT], 15_000);
      return { candidates: parseWindowsScan(out), fingerprint: out };
    },
  };
}
