/**
 * Stopping a server: check the process is still the one the user meant (pid + start time + an
 * OpenCode command), then SIGTERM and, if anything of it is left after ~3 s, SIGKILL. A server
 * spawned in its own process group is signalled as a group, so its children (MCP servers, language
 * servers) go too; a pid that is not its group's leader is signalled alone, so a terminal's shell is
 * never hit.
 */
import { CompanionError } from "../errors.js";
import { looksLikeOpencode } from "../discovery/types.js";
import { readIdentity, type ProcessIdentity } from "./identity.js";

export const STOP_GRACE_MS = 3_000;

function signal(target: number, name: NodeJS.Signals): void {
  try {
    process.kill(target, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}

/** Whether any process of group `pgid` is alive (signal 0 to the group). */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function waitUntil(done: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await done()) return true;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  return done();
}

/** Checks identity, then stops; resolves when nothing of it is left. */
export async function stopServerProcess(expected: { pid: number; startTime?: string }, graceMs = STOP_GRACE_MS): Promise<void> {
  if (process.platform === "win32")
    throw new CompanionError(501, "Stopping servers from Switchboard is not supported on Windows yet: stop it in its terminal.");
  const now: ProcessIdentity | undefined = await readIdentity(expected.pid);
  if (!now) return; // already gone
  if (expected.startTime && now.startTime !== expected.startTime) {
    throw new CompanionError(
      409,
      `Process ${expected.pid} is no longer the server you meant (it was restarted or the pid was reused). Nothing was stopped.`,
    );
  }
  if (!looksLikeOpencode(now.command.split(" "))) {
    throw new CompanionError(409, `Process ${expected.pid} is not an OpenCode server (${now.command.slice(0, 120)}). Nothing was stopped.`);
  }
  const group = now.pgid === now.pid ? now.pid : undefined;
  const target = group ? -group : now.pid;
  const gone = async () => (group ? !groupAlive(group) : !(await readIdentity(now.pid)));
  signal(target, "SIGTERM");
  if (await waitUntil(gone, graceMs)) return;
  signal(target, "SIGKILL");
  if (!(await waitUntil(gone, 2_000))) throw new CompanionError(500, `Process ${now.pid} did not exit even after SIGKILL.`);
}
