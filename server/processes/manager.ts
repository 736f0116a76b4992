/**
 * The servers this companion started: start, restart, stop, their logs, and the registry that lets
 * a restarted companion adopt them. Nothing here decides what the user may do; the API checks that.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { LocalServer, LogPage, ServerSettings, StartRequest } from "../../shared/companion-api.js";
import { looksLikeOpencode } from "../discovery/types.js";
import { CompanionError } from "../errors.js";
import { resolveOpencodeBinary } from "./binary.js";
import { readIdentity } from "./identity.js";
import { tailFile, type FileTail } from "./log-file.js";
import { LogBuffer } from "./logs.js";
import { readRegistry, writeRegistry, type RegistryEntry } from "./registry.js";
import { spawnServer } from "./spawn.js";
import { stopServerProcess } from "./stop.js";

export interface ManagerOptions {
  stateDir: string;
  /** Where the project's node_modules are (for its opencode binary). */
  repoRoot: string;
  env?: NodeJS.ProcessEnv;
  onChange?: () => void;
  startTimeoutMs?: number;
}

interface Started extends RegistryEntry {
  logs: LogBuffer;
  tail?: FileTail;
  version?: string;
  command: string;
  /** Set while a restart or stop is under way, so the exit it causes is not reported as a crash. */
  busy?: boolean;
}

export function serverId(port: number, pid: number | undefined, startTime: string | undefined): string {
  return `${port}-${pid ?? "x"}-${startTime ?? "x"}`;
}

export function createProcessManager(options: ManagerOptions) {
  const env = options.env ?? process.env;
  const servers = new Map<string, Started>();
  let recentDirectories: string[] = [];
  const logDir = join(options.stateDir, "logs");

  const save = () =>
    writeRegistry(options.stateDir, {
      servers: [...servers.values()].map(({ pid, startTime, port, password, directory, stopOnExit, startedAt, logFile }) => ({
        pid,
        startTime,
        port,
        password,
        directory,
        stopOnExit,
        startedAt,
        logFile,
      })),
      recentDirectories,
    });
  const changed = () => {
    save();
    options.onChange?.();
  };
  const idOf = (s: Started) => serverId(s.port, s.pid, s.startTime);
  const find = (id: string) => {
    const server = servers.get(id);
    if (!server) throw new CompanionError(404, "Switchboard did not start this server (or it has stopped).");
    return server;
  };
  const remember = (directory: string) => {
    recentDirectories = [directory, ...recentDirectories.filter((d) => d !== directory)].slice(0, 10);
  };

  function track(entry: Started): void {
    servers.set(idOf(entry), entry);
  }

  async function launch(request: StartRequest, password?: string): Promise<Started> {
    const binary = resolveOpencodeBinary(env, options.repoRoot);
    const spawned = await spawnServer({
      binary: binary.path,
      directory: request.directory,
      port: request.port,
      password,
      env,
      logDir,
      timeoutMs: options.startTimeoutMs,
    });
    const entry: Started = {
      pid: spawned.pid,
      startTime: spawned.startTime,
      port: spawned.port,
      password: spawned.password,
      directory: spawned.directory,
      stopOnExit: false,
      startedAt: spawned.startedAt,
      logFile: spawned.logFile,
      logs: spawned.logs,
      tail: spawned.tail,
      version: spawned.version,
      command: `${binary.path} serve --hostname 127.0.0.1 --port ${spawned.port} --print-logs --log-level INFO`,
    };
    spawned.child.once("exit", () => {
      if (entry.busy) return;
      entry.tail?.stop();
      if (servers.delete(idOf(entry))) changed();
    });
    // The companion must be able to exit while its servers keep running.
    spawned.child.unref();
    return entry;
  }

  function describe(s: Started): LocalServer {
    return {
      id: idOf(s),
      port: s.port,
      url: `http://127.0.0.1:${s.port}`,
      directory: s.directory,
      version: s.version,
      pid: s.pid,
      startTime: s.startTime,
      command: s.command,
      how: "serve",
      locked: true,
      ownership: "started",
      password: s.password,
      stopOnExit: s.stopOnExit,
    };
  }

  return {
    list: (): LocalServer[] => [...servers.values()].map(describe),
    recentDirectories: () => recentDirectories,
    /** The password of a started server on `port`, for health calls. */
    passwordFor: (port: number) => [...servers.values()].find((s) => s.port === port)?.password,
    isStarted: (id: string) => servers.has(id),

    /** Takes over the servers a previous companion started that still run (same pid, start time, an OpenCode command). */
    async adopt(): Promise<number> {
      const file = readRegistry(options.stateDir);
      recentDirectories = file.recentDirectories;
      for (const entry of file.servers) {
        const now = await readIdentity(entry.pid);
        if (!now || now.startTime !== entry.startTime || !looksLikeOpencode(now.command.split(" "))) continue;
        const logs = new LogBuffer(entry.password);
        const tail = entry.logFile && existsSync(entry.logFile) ? tailFile(entry.logFile, logs) : undefined;
        if (!tail) logs.note("switchboard: this server was started by an earlier Switchboard; its log file is gone.");
        track({ ...entry, logs, tail, command: now.command });
      }
      save();
      return servers.size;
    },

    /** Drops adopted servers that exited (no child handle tells us; a signal 0 does). */
    checkAlive(): void {
      let gone = false;
      for (const [id, s] of servers) {
        if (s.busy) continue;
        try {
          process.kill(s.pid, 0);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === "ESRCH") {
            s.tail?.stop();
            servers.delete(id);
            gone = true;
          }
        }
      }
      if (gone) changed();
    },

    async start(request: StartRequest): Promise<LocalServer> {
      remember(request.directory);
      const entry = await launch(request);
      track(entry);
      changed();
      return describe(entry);
    },

    setVersion(id: string, version: string): void {
      const s = servers.get(id);
      if (s && s.version !== version) {
        s.version = version;
        options.onChange?.();
      }
    },

    async stop(id: string): Promise<void> {
      const s = find(id);
      s.busy = true;
      try {
        await stopServerProcess({ pid: s.pid, startTime: s.startTime });
      } finally {
        s.busy = false;
      }
      s.tail?.stop();
      servers.delete(id);
      changed();
    },

    async restart(id: string): Promise<LocalServer> {
      const s = find(id);
      // The old record stays listed until the new process runs, so the app never sees the port
      // empty (it would drop the instance and add it again).
      s.busy = true;
      try {
        await stopServerProcess({ pid: s.pid, startTime: s.startTime });
        s.tail?.stop();
        const entry = await launch({ directory: s.directory, port: s.port }, s.password);
        entry.stopOnExit = s.stopOnExit;
        servers.delete(id);
        track(entry);
        changed();
        return describe(entry);
      } catch (error) {
        if (servers.delete(id)) changed();
        throw error;
      } finally {
        s.busy = false;
      }
    },

    update(id: string, settings: ServerSettings): LocalServer {
      const s = find(id);
      if (settings.stopOnExit !== undefined) s.stopOnExit = settings.stopOnExit;
      changed();
      return describe(s);
    },

    logs(id: string, after: number, waitMs: number, signal: AbortSignal): Promise<LogPage> {
      return find(id).logs.read(after, waitMs, signal);
    },

    /** On exit: stops the servers marked "stop when Switchboard exits"; the others keep running. */
    async shutdown(): Promise<void> {
      const leaving = [...servers.values()].filter((s) => s.stopOnExit);
      await Promise.all(leaving.map((s) => stopServerProcess({ pid: s.pid, startTime: s.startTime }).catch(() => undefined)));
      for (const s of servers.values()) s.tail?.stop();
      for (const s of leaving) servers.delete(idOf(s));
      save();
    },
  };
}

export type ProcessManager = ReturnType<typeof createProcessManager>;
