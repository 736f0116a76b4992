/**
 * What every platform reader hands to the scan: the loopback-reachable listening sockets it saw and,
 * where the OS let it look, the process behind each. A reader never decides whether something is
 * OpenCode; the scan asks `GET /global/health` for that.
 */
import type { HowStarted } from "../../shared/companion-api.js";

/** A process that owns a listening socket, as far as the OS showed it. */
export interface ProcessInfo {
  pid: number;
  /** The OS's start time of the process (Linux: clock ticks since boot); with the pid, its identity. */
  startTime?: string;
  /** argv, as the OS reports it. */
  argv: string[];
  /** The executable's path, when readable. */
  exe?: string;
  /** The working directory, when readable (not for other users' processes). */
  cwd?: string;
}

/** A port worth asking: a listening socket reachable on 127.0.0.1, with its process when known. */
export interface Candidate {
  port: number;
  process?: ProcessInfo;
}

/** One pass of a platform reader. */
export interface PlatformScan {
  candidates: Candidate[];
  /**
   * A cheap fingerprint of the listening sockets: while it stays the same, nothing can have
   * started or stopped listening, so the scan skips the expensive part (walking processes, probing).
   */
  fingerprint: string;
}

/** A platform reader: `quick()` reads only what changes when a port opens or closes; `full()` does the rest. */
export interface PlatformReader {
  platform: string;
  /** The fingerprint alone (Linux: two small /proc files). Undefined when the platform cannot tell cheaply. */
  quick(): Promise<string | undefined>;
  full(): Promise<PlatformScan>;
}

/** Whether argv/exe look like an OpenCode binary: npm installs run a binary named `opencode…`. */
export function looksLikeOpencode(argv: string[], exe?: string): boolean {
  const base = (path: string | undefined) => (path ?? "").split(/[\\/]/).pop()!.toLowerCase();
  if (base(exe).startsWith("opencode")) return true;
  return argv.slice(0, 2).some((arg) => base(arg).startsWith("opencode"));
}

/** `opencode serve …` is a server; `opencode [DIR] --port N` a TUI that also listens. */
export function howStarted(argv: string[]): HowStarted {
  const words = argv.slice(1);
  if (words.includes("serve") || words.includes("web")) return "serve";
  if (words.some((word) => word === "--port" || word.startsWith("--port=") || word === "--hostname" || word.startsWith("--hostname=")))
    return "tui";
  return "unknown";
}
