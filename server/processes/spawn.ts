/**
 * Starting one `opencode serve`: a free port (ours to choose unless the user gave one), a fresh
 * random password in OPENCODE_SERVER_PASSWORD (never on the command line, never in a URL), its own
 * process group (so it and its children can be stopped together, and it outlives the companion),
 * stdout/stderr into its own log file (log-file.ts says why not a pipe), then wait until
 * `GET /global/health` answers healthy.
 * Every failure is a sentence with the server's last log lines.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, mkdirSync, openSync } from "node:fs";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { createServer } from "node:net";
import { CompanionError } from "../errors.js";
import { readIdentity } from "./identity.js";
import { tailFile, type FileTail } from "./log-file.js";
import { LogBuffer } from "./logs.js";

export interface SpawnRequest {
  binary: string;
  directory: string;
  port?: number;
  /** Kept across a restart so the app's saved credentials stay valid; a new start gets a fresh one. */
  password?: string;
  /** The companion's environment, passed on (minus any OPENCODE_SERVER_* of the user's). */
  env: NodeJS.ProcessEnv;
  /** Where the server's log file goes (`<port>-<time>.log`). */
  logDir: string;
  /** How long to wait for health; a cold first start can take a while on a busy machine. */
  timeoutMs?: number;
}

export interface SpawnedServer {
  child: ChildProcess;
  pid: number;
  startTime: string;
  port: number;
  password: string;
  directory: string;
  logs: LogBuffer;
  logFile: string;
  tail: FileTail;
  startedAt: number;
  version: string;
}

/** Binds `port` on 127.0.0.1 (0: any) and releases it; resolves with the port, or undefined when taken. */
export function tryPort(port: number): Promise<number | undefined> {
  return new Promise((ok) => {
    const server = createServer();
    server.once("error", () => ok(undefined));
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      const found = typeof address === "object" && address ? address.port : undefined;
      server.close(() => ok(found));
    });
  });
}

export function basicAuth(password: string): string {
  return `Basic ${Buffer.from(`opencode:${password}`).toString("base64")}`;
}

/** The server's version once it answers healthy, else undefined. */
async function healthy(port: number, password: string): Promise<string | undefined> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/global/health`, {
      headers: { authorization: basicAuth(password) },
      signal: AbortSignal.timeout(2_000),
    });
    const body = (await res.json().catch(() => ({}))) as { healthy?: unknown; version?: unknown };
    return res.ok && body.healthy === true ? String(body.version ?? "unknown").slice(0, 64) : undefined;
  } catch {
    return undefined;
  }
}

export async function spawnServer(request: SpawnRequest): Promise<SpawnedServer> {
  const info = await stat(request.directory).catch(() => null);
  if (!info?.isDirectory()) throw new CompanionError(400, `There is no directory ${request.directory} on this machine.`);
  const port = request.port !== undefined ? await tryPort(request.port) : await tryPort(0);
  if (port === undefined)
    throw new CompanionError(
      409,
      `Port ${request.port} is taken by another program. Choose another port, or leave Port empty and Switchboard picks a free one.`,
    );

  const password = request.password ?? randomBytes(24).toString("base64url");
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(request.env)) if (!key.startsWith("OPENCODE_SERVER_")) env[key] = value;
  env.OPENCODE_SERVER_PASSWORD = password;
  const logs = new LogBuffer(password);
  const args = ["serve", "--hostname", "127.0.0.1", "--port", String(port), "--print-logs", "--log-level", "INFO"];
  logs.note(`switchboard: starting ${request.binary} ${args.join(" ")} in ${request.directory}`);

  mkdirSync(request.logDir, { recursive: true, mode: 0o700 });
  const logFile = join(request.logDir, `${port}-${Date.now()}.log`);
  const fd = openSync(logFile, "a", 0o600);
  let child: ChildProcess;
  try {
    child = spawn(request.binary, args, { cwd: request.directory, env, detached: true, stdio: ["ignore", fd, fd], windowsHide: true });
  } finally {
    closeSync(fd); // the child has its own copy
  }
  const tail = tailFile(logFile, logs);
  const spawnError = new Promise<Error>((ok) => child.once("error", ok));
  const exited = new Promise<string>((ok) => child.once("exit", (code, sig) => ok(sig ? `signal ${sig}` : `code ${code}`)));
  child.once("exit", (code, sig) => logs.note(`switchboard: the server exited (${sig ? `signal ${sig}` : `code ${code}`})`));

  const deadline = Date.now() + (request.timeoutMs ?? 60_000);
  const failed = async (sentence: string): Promise<never> => {
    await tail.poll();
    tail.stop();
    if (child.pid && child.exitCode === null) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    }
    throw new CompanionError(502, sentence, logs.tail(15));
  };
  let version: string | undefined;
  for (;;) {
    const outcome = await Promise.race([
      spawnError.then((error) => ({ error })),
      exited.then((how) => ({ exited: how })),
      new Promise<{ tick: true }>((ok) => setTimeout(() => ok({ tick: true }), 250)),
    ]);
    if ("error" in outcome) {
      const code = (outcome.error as NodeJS.ErrnoException).code;
      await failed(
        code === "ENOENT"
          ? `The opencode binary ${request.binary} is missing. Install opencode or set OPENCODE_BIN.`
          : `opencode could not be started: ${outcome.error.message}`,
      );
    }
    if ("exited" in outcome) {
      const taken = (await tryPort(port)) === undefined;
      await failed(
        taken
          ? `Port ${port} is taken by another program, so the server could not listen. Choose another port.`
          : `The server exited during start-up (${outcome.exited}). Its last log lines say why.`,
      );
    }
    version = await healthy(port, password);
    if (version) break;
    if (Date.now() > deadline)
      await failed(`The server did not become healthy within ${Math.round((request.timeoutMs ?? 60_000) / 1000)} s.`);
  }
  const identity = await readIdentity(child.pid!);
  logs.note(`switchboard: healthy on http://127.0.0.1:${port} (pid ${child.pid})`);
  return {
    child,
    pid: child.pid!,
    startTime: identity?.startTime ?? "",
    port,
    password,
    directory: request.directory,
    logs,
    logFile,
    tail,
    startedAt: Date.now(),
    version,
  };
}
