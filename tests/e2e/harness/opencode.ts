/**
 * Starts real `opencode serve` processes in a sandbox: their own HOME and XDG dirs, no outbound
 * traffic (npm registry pointed at a closed port), models from the fake model server, project
 * directories that are fresh git repos. See /work/shared/opencode/SERVER.md for why each step is there.
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./ports";
import { isRunning, killProcess, releaseDirectory, stopProcess, trackDirectory, trackProcess } from "./processes";
import { REPO_ROOT, logDir } from "./paths";

/** How to start one server. */
export interface OpencodeServerOptions {
  /** OpenAI base URL of the fake model (`FakeModel.url`). */
  fakeModelUrl: string;
  /** Project directory names (each a git repo with one commit); the first is the server's cwd. */
  projects?: string[];
  /** opencode `permission` config, e.g. `{ bash: "ask" }` to get permission prompts. */
  permission?: Record<string, string>;
  /** Sets OPENCODE_SERVER_PASSWORD, so every route wants Basic auth (user `opencode`). */
  password?: string;
  /** Used in the log file name. */
  name?: string;
  /** How long to wait for the first healthy answer (default 30 s; a busy machine may need more). */
  healthTimeoutMs?: number;
  /** More opencode config, over the defaults (e.g. `{ share: "manual", enterprise: { url } }`). */
  config?: Record<string, unknown>;
}

/** A running (or stopped, restartable) sandboxed server. */
export interface OpencodeServer {
  url: string;
  port: number;
  password?: string;
  /** Absolute paths of the project dirs, same order as `options.projects`. */
  projectDirs: string[];
  /** The sandbox root; every path under it belongs to this server. */
  root: string;
  logFile: string;
  /** PID of the current process (changes on restart). */
  pid(): number | undefined;
  running(): boolean;
  /** Headers a request needs (Basic auth when a password is set). */
  headers(): Record<string, string>;
  /** SIGKILL now, like a crash. */
  kill(): Promise<void>;
  /** SIGTERM, SIGKILL after a grace period. */
  stop(): Promise<void>;
  /** Start again on the same port with the same data dirs; resolves when healthy. */
  restart(): Promise<void>;
  /** Stop and delete the sandbox. */
  dispose(): Promise<void>;
}

/** The binary the npm package brought (npm 11 ran no install script, so not node_modules/.bin). */
export function opencodeBinary(): string {
  for (const pkg of ["opencode-linux-x64", "opencode-linux-x64-baseline"]) {
    const path = join(REPO_ROOT, "node_modules", pkg, "bin", "opencode");
    if (existsSync(path)) return path;
  }
  throw new Error("No opencode binary in node_modules/opencode-linux-x64{,-baseline}/bin: run npm install");
}

/** The provider config that sends every prompt (and title request) to the fake model. */
export function fakeProviderConfig(fakeModelUrl: string, permission?: Record<string, string>, extra: Record<string, unknown> = {}): object {
  return {
    $schema: "https://opencode.ai/config.json",
    model: "fake/fake-model",
    small_model: "fake/fake-model",
    autoupdate: false,
    share: "disabled",
    // A command of our own, so running one shows a scripted reply ($ARGUMENTS is what follows its name).
    command: { hello: { description: "Say hello through the fake model", template: "say: Hello from a command $ARGUMENTS" } },
    ...(permission ? { permission } : {}),
    ...extra,
    provider: {
      fake: {
        npm: "@ai-sdk/openai-compatible",
        name: "Fake LLM",
        options: { baseURL: fakeModelUrl, apiKey: "fake-key" },
        models: {
          // Takes images, as vision models do: without it the server sends the model a note in place of an attached picture.
          "fake-model": {
            name: "Fake Model",
            tool_call: true,
            reasoning: false,
            attachment: true,
            modalities: { input: ["text", "image"], output: ["text"] },
            limit: { context: 128000, output: 8192 },
          },
          // A second model, so choosing a model can be seen: the `whoami` prompt names the one called.
          "fake-model-2": { name: "Fake Model Two", tool_call: true, reasoning: false, limit: { context: 64000, output: 4096 } },
        },
      },
    },
  };
}

/**
 * The environment of a sandboxed OpenCode under `root`: its own HOME and XDG dirs, a closed npm
 * registry (the first request for a directory installs a plugin from npm; a closed port makes it
 * fail fast), models from the fake model server, and nothing of the developer's own OPENCODE_*.
 */
export function sandboxEnv(
  root: string,
  fakeModelUrl: string,
  permission?: Record<string, string>,
  config?: Record<string, unknown>,
): Record<string, string> {
  const home = join(root, "home");
  const xdg = {
    config: join(root, "xdg-config"),
    data: join(root, "xdg-data"),
    cache: join(root, "xdg-cache"),
    state: join(root, "xdg-state"),
  };
  for (const dir of [home, ...Object.values(xdg)]) mkdirSync(dir, { recursive: true });
  writeFileSync(join(home, ".npmrc"), "registry=http://127.0.0.1:9/\n");
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith("OPENCODE_")) env[key] = value;
  }
  return Object.assign(env, {
    HOME: home,
    XDG_CONFIG_HOME: xdg.config,
    XDG_DATA_HOME: xdg.data,
    XDG_CACHE_HOME: xdg.cache,
    XDG_STATE_HOME: xdg.state,
    npm_config_registry: "http://127.0.0.1:9/",
    OPENCODE_DISABLE_MODELS_FETCH: "1",
    OPENCODE_DISABLE_AUTOUPDATE: "1",
    OPENCODE_CONFIG_CONTENT: JSON.stringify(fakeProviderConfig(fakeModelUrl, permission, config)),
  });
}

export function gitRepo(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "ignore" });
  git("init", "-q");
  git("-c", "user.name=Switchboard E2E", "-c", "user.email=e2e@example.invalid", "commit", "-q", "--allow-empty", "-m", "init");
}

/** Resolves once `GET /global/health` answers healthy; each try has a 2 s timeout (one once hung). */
export async function waitForHealth(url: string, headers: Record<string, string>, child?: ChildProcess, overallMs = 30_000): Promise<void> {
  const deadline = Date.now() + overallMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (child && !isRunning(child)) throw new Error(`opencode exited (code ${child.exitCode}) before it was healthy`);
    try {
      const res = await fetch(`${url}/global/health`, { headers, signal: AbortSignal.timeout(2_000) });
      const body = (await res.json().catch(() => ({}))) as { healthy?: boolean };
      if (res.ok && body.healthy) return;
      last = `HTTP ${res.status}`;
    } catch (error) {
      last = String((error as Error).message ?? error);
    }
    await new Promise((ok) => setTimeout(ok, 200));
  }
  throw new Error(`${url} was not healthy after ${overallMs} ms (${last})`);
}

/**
 * Starts a sandboxed `opencode serve` on a free port and resolves when it is healthy.
 * Its stdout/stderr go to test-results/e2e/logs/<name>-<port>.log.
 */
export async function startOpencodeServer(options: OpencodeServerOptions): Promise<OpencodeServer> {
  const root = mkdtempSync(join(tmpdir(), "switchboard-e2e-"));
  trackDirectory(root);
  const projectDirs = (options.projects ?? ["alpha"]).map((name) => join(root, name));
  projectDirs.forEach(gitRepo);

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFile = join(logDir(), `${options.name ?? "opencode"}-${port}.log`);
  const headers = (): Record<string, string> =>
    options.password ? { authorization: `Basic ${Buffer.from(`opencode:${options.password}`).toString("base64")}` } : {};

  const env = sandboxEnv(root, options.fakeModelUrl, options.permission, options.config);
  if (options.password) env.OPENCODE_SERVER_PASSWORD = options.password;

  let child: ChildProcess | undefined;
  const launch = async () => {
    const log = createWriteStream(logFile, { flags: "a" });
    log.write(`\n--- start ${new Date().toISOString()} port ${port}\n`);
    child = spawn(opencodeBinary(), ["serve", "--port", String(port), "--hostname", "127.0.0.1"], {
      cwd: projectDirs[0],
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    trackProcess(child);
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    child.once("exit", (code, signal) => log.end(`--- exit code=${code} signal=${signal}\n`));
    try {
      await waitForHealth(url, headers(), child, options.healthTimeoutMs);
    } catch (error) {
      await stopProcess(child);
      throw new Error(`${(error as Error).message}; log: ${logFile}`, { cause: error });
    }
  };
  await launch();

  const server: OpencodeServer = {
    url,
    port,
    password: options.password,
    projectDirs,
    root,
    logFile,
    pid: () => child?.pid,
    running: () => !!child && isRunning(child),
    headers,
    kill: async () => {
      if (child) await killProcess(child);
    },
    stop: async () => {
      if (child) await stopProcess(child);
    },
    restart: async () => {
      if (child && isRunning(child)) await stopProcess(child);
      await launch();
    },
    dispose: async () => {
      if (child) await stopProcess(child);
      rmSync(root, { recursive: true, force: true });
      releaseDirectory(root);
    },
  };
  return server;
}
