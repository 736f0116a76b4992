/**
 * The real companion (`npm start`'s program, compiled to build/companion) as a child process in a
 * sandbox: its own state dir, and the sandboxed OpenCode environment (fake model, own HOME) that the
 * servers it starts inherit. Every server it starts runs in a process group of its own; those groups
 * are SIGKILLed at dispose and by the exit hook even when a test fails.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TOKEN_HEADER, type LocalServer, type ServerList } from "../../../shared/companion-api";
import { gitRepo, opencodeBinary, sandboxEnv } from "./opencode";
import { logDir, REPO_ROOT } from "./paths";
import { freePort } from "./ports";
import { killGroups, releaseDirectory, stopProcess, trackDirectory, trackGroup, trackProcess } from "./processes";

export interface CompanionProcess {
  url: string;
  port: number;
  /** Fresh git repos to start servers in. */
  projectDir(name: string): string;
  /** The per-launch token, read from the index.html it serves (as the page does). */
  token(): Promise<string>;
  /** `GET /api/servers` with the token. */
  servers(): Promise<LocalServer[]>;
  /** Stops the companion only (its servers keep running, as with a real restart). */
  stop(): Promise<void>;
  /** Starts it again on the same port and state dir. */
  start(): Promise<void>;
  /** Stops it, SIGKILLs every server group it started, deletes the sandbox. */
  dispose(): Promise<void>;
  logFile: string;
}

const MAIN = join(REPO_ROOT, "build", "companion", "server", "main.js");

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with any Host/Origin (fetch would not let a test set Host). */
export function rawCall(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<RawAnswer> {
  return new Promise((ok, fail) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        method: options.method ?? "GET",
        path: options.path,
        headers: { host: `127.0.0.1:${port}`, ...options.headers },
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => ok({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", fail);
    req.setTimeout(30_000, () => req.destroy(new Error("timeout")));
    req.end(options.body);
  });
}

export async function startCompanionProcess(options: { fakeModelUrl: string }): Promise<CompanionProcess> {
  if (!existsSync(MAIN)) throw new Error("build/companion is missing: run `npx tsc -p server` (npm run test:e2e does).");
  const root = mkdtempSync(join(tmpdir(), "switchboard-companion-e2e-"));
  trackDirectory(root);
  const stateDir = join(root, "state");
  const port = await freePort();
  const logFile = join(logDir(), `companion-${port}.log`);
  const env = {
    ...sandboxEnv(root, options.fakeModelUrl),
    SWITCHBOARD_STATE_DIR: stateDir,
    PORT: String(port),
    OPENCODE_BIN: opencodeBinary(),
  };
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const seenGroups = new Set<number>();

  const registryPids = (): number[] => {
    try {
      const file = JSON.parse(readFileSync(join(stateDir, "servers.json"), "utf8")) as { servers?: { pid?: number }[] };
      return (file.servers ?? []).map((s) => s.pid).filter((pid): pid is number => typeof pid === "number");
    } catch {
      return [];
    }
  };

  const companion: CompanionProcess = {
    url,
    port,
    logFile,
    projectDir(name) {
      const dir = join(root, name);
      if (!existsSync(dir)) gitRepo(dir);
      return dir;
    },
    async token() {
      const page = await rawCall(port, { path: "/" });
      const token = /name="switchboard-companion" content="([^"]+)"/.exec(page.body)?.[1];
      if (!token) throw new Error("the companion's index.html carries no token");
      return token;
    },
    async servers() {
      const answer = await rawCall(port, { path: "/api/servers", headers: { [TOKEN_HEADER]: await companion.token() } });
      const list = JSON.parse(answer.body) as ServerList;
      for (const server of list.servers) {
        if (server.ownership === "started" && server.pid) {
          seenGroups.add(server.pid);
          trackGroup(server.pid);
        }
      }
      return list.servers;
    },
    async start() {
      const log = createWriteStream(logFile, { flags: "a" });
      log.write(`\n--- start ${new Date().toISOString()} port ${port}\n`);
      child = spawn(process.execPath, [MAIN], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
      trackProcess(child);
      child.stdout?.pipe(log, { end: false });
      child.stderr?.pipe(log, { end: false });
      child.once("exit", (code, signal) => log.end(`--- exit code=${code} signal=${signal}\n`));
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        if (child.exitCode !== null) throw new Error(`the companion exited at start (code ${child.exitCode}); log: ${logFile}`);
        const up = await rawCall(port, { path: "/" }).then(
          (answer) => answer.status === 200,
          () => false,
        );
        if (up) return;
        await new Promise((ok) => setTimeout(ok, 100));
      }
      throw new Error(`the companion did not answer within 30 s; log: ${logFile}`);
    },
    async stop() {
      if (child) await stopProcess(child);
    },
    async dispose() {
      await companion.stop();
      await killGroups([...seenGroups, ...registryPids()]);
      rmSync(root, { recursive: true, force: true });
      releaseDirectory(root);
    },
  };
  mkdirSync(stateDir, { recursive: true });
  await companion.start();
  return companion;
}
