/**
 * Every child process a test starts is registered here, so it is stopped by PID even when a test
 * fails or the worker exits early. Nothing is ever stopped by name.
 */
import type { ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";

const live = new Set<ChildProcess>();
/** Process groups started outside our ChildProcess handles (servers the companion spawned, detached). */
const groups = new Set<number>();
const sandboxes = new Set<string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers must be synchronous: SIGKILL is the only thing that surely lands in time.
  const killAll = () => {
    for (const child of live) {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
    for (const pgid of groups) killGroupNow(pgid);
    for (const dir of sandboxes) rmSync(dir, { recursive: true, force: true });
  };
  process.on("exit", killAll);
  // 'exit' does not run when the worker itself is signalled (Ctrl-C, a runner timeout): clean up,
  // then exit with the conventional code, which is what the default handler would have done.
  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const) {
    process.once(signal, () => {
      killAll();
      process.exit(code);
    });
  }
}

/** Remembers `child` until it exits; a process 'exit' hook SIGKILLs whatever is still running. */
export function trackProcess(child: ChildProcess): void {
  installExitHook();
  live.add(child);
  child.once("exit", () => live.delete(child));
}

/** Remembers a process group to SIGKILL on exit unless `releaseGroup` was called. */
export function trackGroup(pgid: number): void {
  installExitHook();
  groups.add(pgid);
}

export function releaseGroup(pgid: number): void {
  groups.delete(pgid);
}

/** Whether any process of group `pgid` is alive. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** SIGKILLs every process of group `pgid` now; a group that is already gone is fine. */
export function killGroupNow(pgid: number): void {
  try {
    process.kill(-pgid, "SIGKILL");
  } catch {
    /* already gone */
  }
}

/** SIGKILLs each group, then resolves once none of their processes is alive (or after ~2 s each). */
export async function killGroups(pgids: Iterable<number>): Promise<void> {
  const all = [...new Set(pgids)];
  for (const pgid of all) killGroupNow(pgid);
  for (const pgid of all) for (let i = 0; i < 100 && groupAlive(pgid); i++) await new Promise((ok) => setTimeout(ok, 20));
}

/** Remembers a temp dir to delete on exit unless `releaseDirectory` was called (it was cleaned up normally). */
export function trackDirectory(dir: string): void {
  installExitHook();
  sandboxes.add(dir);
}

/** Forgets a temp dir that was already removed. */
export function releaseDirectory(dir: string): void {
  sandboxes.delete(dir);
}

/** Whether the child has not exited yet. */
export function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** Resolves once `child` has exited (immediately when it already has). */
export function waitForExit(child: ChildProcess): Promise<void> {
  if (!isRunning(child)) return Promise.resolve();
  return new Promise((ok) => child.once("exit", () => ok()));
}

/**
 * Stops `child`: SIGTERM, then SIGKILL if it is still running after `graceMs` (one real server once
 * ignored a SIGTERM). Resolves when it has exited.
 */
export async function stopProcess(child: ChildProcess, graceMs = 3_000): Promise<void> {
  if (!isRunning(child)) return;
  const exited = waitForExit(child);
  child.kill("SIGTERM");
  const timer = setTimeout(() => {
    if (isRunning(child)) child.kill("SIGKILL");
  }, graceMs);
  await exited;
  clearTimeout(timer);
}

/** Kills `child` at once with SIGKILL (a crash, as the reconnect scenario needs) and waits for it. */
export async function killProcess(child: ChildProcess): Promise<void> {
  if (!isRunning(child)) return;
  const exited = waitForExit(child);
  child.kill("SIGKILL");
  await exited;
}
