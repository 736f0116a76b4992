/**
 * macOS: `lsof -nP -iTCP -sTCP:LISTEN -a -u <uid> -F pcn` lists our own listening sockets as field
 * records (`p<pid>`, `c<command>`, `f<fd>`, `n<addr:port>`); `lsof -a -p <pids> -d cwd -Fn` gives
 * their directories and `ps -o pid=,lstart=,command=` their start time and command line (lsof's `c`
 * is cut to 9 characters). Parsers are pure; the reader runs the tools.
 */
import type { Candidate, PlatformReader, ProcessInfo } from "./types.js";
import { looksLikeOpencode } from "./types.js";
import { runTool } from "./run.js";

export interface LsofListener {
  pid: number;
  command: string;
  ports: number[];
}

/** Whether an lsof address (`127.0.0.1:4096`, `*:4096`, `[::1]:4096`) answers on 127.0.0.1. */
function lsofReachable(address: string): boolean {
  return address.startsWith("127.") || address.startsWith("*:") || address.startsWith("[::]:") || address.startsWith("0.0.0.0:");
}

/** Parses `lsof -F pcn` output into one entry per process with its reachable listening ports. */
export function parseLsofListen(text: string): LsofListener[] {
  const out: LsofListener[] = [];
  let current: LsofListener | undefined;
  for (const line of text.split("\n")) {
    const field = line[0];
    const value = line.slice(1).trim();
    if (field === "p") {
      const pid = Number(value);
      current = Number.isInteger(pid) ? { pid, command: "", ports: [] } : undefined;
      if (current) out.push(current);
    } else if (field === "c" && current) {
      current.command = value;
    } else if (field === "n" && current) {
      const port = Number(/:(\d+)$/.exec(value)?.[1]);
      if (Number.isInteger(port) && lsofReachable(value) && !current.ports.includes(port)) current.ports.push(port);
    }
  }
  return out.filter((entry) => entry.ports.length > 0);
}

/** Parses `lsof -a -p … -d cwd -Fn` into pid → directory. */
export function parseLsofCwd(text: string): Map<number, string> {
  const cwd = new Map<number, string>();
  let pid: number | undefined;
  for (const line of text.split("\n")) {
    if (line.startsWith("p")) pid = Number(line.slice(1));
    else if (line.startsWith("n") && pid !== undefined) cwd.set(pid, line.slice(1));
  }
  return cwd;
}

/** Parses `ps -o pid=,lstart=,command=` (lstart is always 24 characters: `Thu Nov 28 10:00:00 2024`). */
export function parsePs(text: string): Map<number, { startTime: string; argv: string[] }> {
  const result = new Map<number, { startTime: string; argv: string[] }>();
  for (const line of text.split("\n")) {
    const match = /^\s*(\d+)\s+(\w{3}\s+\w{3}\s+\d+\s+[\d:]{8}\s+\d{4})\s+(.*)$/.exec(line);
    if (!match) continue;
    result.set(Number(match[1]), { startTime: match[2].replace(/\s+/g, " "), argv: match[3].trim().split(/\s+/) });
  }
  return result;
}

/** Joins the three outputs into candidates (OpenCode-looking processes only). */
export function joinMacos(
  listen: LsofListener[],
  ps: Map<number, { startTime: string; argv: string[] }>,
  cwd: Map<number, string>,
): Candidate[] {
  const candidates: Candidate[] = [];
  for (const entry of listen) {
    const info = ps.get(entry.pid);
    const argv = info?.argv ?? [entry.command];
    if (!looksLikeOpencode(argv, entry.command)) continue;
    const process: ProcessInfo = { pid: entry.pid, argv, startTime: info?.startTime, cwd: cwd.get(entry.pid) };
    for (const port of entry.ports) if (!candidates.some((c) => c.port === port)) candidates.push({ port, process });
  }
  return candidates;
}

export function makeMacosReader(uid = process.getuid?.() ?? 0): PlatformReader {
  return {
    platform: "darwin",
    quick: async () => undefined,
    full: async () => {
      const listenText = await runTool("lsof", ["-nP", "-iTCP", "-sTCP:LISTEN", "-a", "-u", String(uid), "-F", "pcn"]);
      const listen = parseLsofListen(listenText).filter(
        (entry) => looksLikeOpencode([entry.command], entry.command) || entry.command.startsWith("node") || entry.command.startsWith("bun"),
      );
      const pids = listen.map((entry) => entry.pid).join(",");
      if (!pids) return { candidates: [], fingerprint: "" };
      const [psText, cwdText] = await Promise.all([
        runTool("ps", ["-o", "pid=,lstart=,command=", "-p", pids]),
        runTool("lsof", ["-a", "-p", pids, "-d", "cwd", "-Fn"]),
      ]);
      return { candidates: joinMacos(listen, parsePs(psText), parseLsofCwd(cwdText)), fingerprint: listenText };
    },
  };
}
