/**
 * A process's identity (pid + start time + command) read just before any signal, so that a pid
 * the OS has since given to another program is never signalled. Linux reads /proc; macOS asks ps.
 */
import { readFile } from "node:fs/promises";
import { parseCmdline, parseStartTime } from "../discovery/linux-parse.js";
import { parsePs } from "../discovery/macos.js";
import { runTool } from "../discovery/run.js";

export interface ProcessIdentity {
  pid: number;
  startTime: string;
  command: string;
  /** The process group (Linux and macOS). */
  pgid?: number;
}

/** Field 5 of /proc/PID/stat. */
export function parsePgid(stat: string): number | undefined {
  const value = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
  return Number.isInteger(value) ? value : undefined;
}

/** The identity of `pid` now, or undefined when no such process runs (or the OS would not say). */
export async function readIdentity(pid: number): Promise<ProcessIdentity | undefined> {
  if (!Number.isInteger(pid) || pid <= 1) return undefined;
  if (process.platform === "linux") {
    try {
      const [stat, cmdline] = await Promise.all([readFile(`/proc/${pid}/stat`, "utf8"), readFile(`/proc/${pid}/cmdline`, "utf8")]);
      const startTime = parseStartTime(stat);
      // A zombie has an empty cmdline: it is already gone for our purposes.
      if (!startTime || !cmdline) return undefined;
      return { pid, startTime, command: parseCmdline(cmdline).join(" "), pgid: parsePgid(stat) };
    } catch {
      return undefined;
    }
  }
  if (process.platform === "darwin") {
    const info = parsePs(await runTool("ps", ["-o", "pid=,lstart=,command=", "-p", String(pid)])).get(pid);
    const pgid = Number((await runTool("ps", ["-o", "pgid=", "-p", String(pid)])).trim());
    return info
      ? { pid, startTime: info.startTime, command: info.argv.join(" "), pgid: Number.isInteger(pgid) ? pgid : undefined }
      : undefined;
  }
  return undefined;
}

/** Whether `pid` still is the process we knew: same start time and an OpenCode command. */
export function sameProcess(now: ProcessIdentity | undefined, known: { startTime?: string }): boolean {
  return !!now && now.startTime === known.startTime;
}
