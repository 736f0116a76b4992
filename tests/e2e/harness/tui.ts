/**
 * A real OpenCode TUI run as a person runs it in a terminal, `opencode DIR --port N`, in a
 * pseudo-terminal of its own: `script` (util-linux) makes the pty and starts the command in a new
 * session on it. The TUI draws into the pty (its output goes to the log file, escape codes and all)
 * and serves the same HTTP API as `opencode serve` on 127.0.0.1:N (LOCAL.md: a TUI opens a port only
 * with --port or --hostname). Same sandbox as startOpencodeServer: own HOME and XDG dirs, the fake
 * model, no outbound traffic.
 * Two process groups are ours: script's (spawned detached) and the session script made for the TUI.
 * Both are SIGKILLed at dispose and by the exit hook, even when a test fails.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gitRepo, opencodeBinary, sandboxEnv, waitForHealth } from "./opencode";
import { logDir } from "./paths";
import { freePort } from "./ports";
import { parseCmdline } from "../../../server/discovery/linux-parse";
import { groupAlive, isRunning, killGroups, releaseDirectory, releaseGroup, trackDirectory, trackGroup, trackProcess } from "./processes";

export interface OpencodeTui {
  port: number;
  url: string;
  /** The project the TUI was started in (its cwd and DIR argument). */
  projectDir: string;
  logFile: string;
  /** The opencode process (the TUI itself, which holds the port). */
  pid: number;
  /** Whether any process of the TUI's session group is still alive. */
  running(): boolean;
  /** SIGKILLs both groups and deletes the sandbox. */
  dispose(): Promise<void>;
}

/** Quotes `word` for `sh -c`. */
function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Pid, parent pid and process group of every process, from /proc (only Linux runs the TUI test). */
function processTable(): { pid: number; ppid: number; pgid: number; argv: string[] }[] {
  const table = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const argv = parseCmdline(readFileSync(`/proc/${name}/cmdline`, "utf8"));
      table.push({ pid: Number(name), ppid: Number(fields[1]), pgid: Number(fields[2]), argv });
    } catch {
      /* exited while we looked */
    }
  }
  return table;
}

/** The descendants of `root`, nearest first. */
function descendants(root: number): { pid: number; pgid: number; argv: string[] }[] {
  const table = processTable();
  const found: { pid: number; pgid: number; argv: string[] }[] = [];
  const parents = [root];
  while (parents.length) {
    const parent = parents.shift()!;
    for (const entry of table.filter((p) => p.ppid === parent)) {
      found.push(entry);
      parents.push(entry.pid);
    }
  }
  return found;
}

export async function startOpencodeTui(options: { fakeModelUrl: string; name?: string; healthTimeoutMs?: number }): Promise<OpencodeTui> {
  const root = mkdtempSync(join(tmpdir(), "switchboard-tui-e2e-"));
  trackDirectory(root);
  const projectDir = join(root, "tui-project");
  gitRepo(projectDir);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFile = join(logDir(), `${options.name ?? "tui"}-${port}.log`);
  const env = { ...sandboxEnv(root, options.fakeModelUrl), TERM: "xterm-256color" };
  // The pty gets a size (script's own stdin is no terminal to copy one from), then the TUI replaces the shell.
  const command = `stty cols 120 rows 40; exec ${shellQuote(opencodeBinary())} ${shellQuote(projectDir)} --port ${port}`;
  const log = createWriteStream(logFile, { flags: "a" });
  log.write(`\n--- start ${new Date().toISOString()} port ${port}: script -qfc ${command}\n`);
  // stdin stays an open pipe: at its end, script would end the session.
  const script: ChildProcess = spawn("script", ["-qfc", command, "/dev/null"], {
    cwd: projectDir,
    env,
    detached: true,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let spawnError: Error | undefined;
  script.once("error", (error) => (spawnError = error));
  trackProcess(script);
  if (script.pid) trackGroup(script.pid);
  script.stdout?.pipe(log, { end: false });
  script.stderr?.pipe(log, { end: false });
  script.once("exit", (code, signal) => log.end(`--- script exit code=${code} signal=${signal}\n`));

  const groups = new Set<number>(script.pid ? [script.pid] : []);
  const dispose = async () => {
    // The TUI's session first (it may have started children), then script.
    if (script.pid) for (const entry of descendants(script.pid)) groups.add(entry.pgid);
    await killGroups(groups);
    for (const pgid of groups) releaseGroup(pgid);
    rmSync(root, { recursive: true, force: true });
    releaseDirectory(root);
  };

  try {
    // The session script made: tracked as soon as it exists, so a failure below still reaps it.
    let tui: { pid: number; pgid: number } | undefined;
    const deadline = Date.now() + 10_000;
    while (!tui && Date.now() < deadline) {
      if (spawnError || !script.pid)
        throw new Error(`util-linux \`script\` is needed to give the TUI a terminal (${spawnError?.message ?? "it did not start"})`);
      if (!isRunning(script)) throw new Error(`script exited (code ${script.exitCode}) at start`);
      tui = descendants(script.pid!).find((entry) => entry.argv[0] === opencodeBinary());
      if (!tui) await new Promise((ok) => setTimeout(ok, 50));
    }
    if (!tui) throw new Error("no opencode process appeared under script within 10 s");
    groups.add(tui.pgid);
    trackGroup(tui.pgid);
    await waitForHealth(url, {}, script, options.healthTimeoutMs ?? 60_000);
    const pid = tui.pid;
    const pgid = tui.pgid;
    return { port, url, projectDir, logFile, pid, running: () => groupAlive(pgid), dispose };
  } catch (error) {
    await dispose();
    throw new Error(`the TUI did not start: ${(error as Error).message}; log: ${logFile}`, { cause: error });
  }
}
