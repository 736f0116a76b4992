/**
 * The companion: the static site, the local API, discovery and the process manager in one
 * program. Discovery ticks every second (cheap unless a port opened or closed); the list the app
 * sees is the servers found plus the ones this companion started, with a revision number the app
 * long-polls on, so a change reaches the page at once and an idle page costs nothing.
 */
import { randomBytes } from "node:crypto";
import type { LocalServer, ServerHealth, ServerList, StopRequest } from "../shared/companion-api.js";
import { platformReader } from "./discovery/index.js";
import { probePort, type ProbeVerdict } from "./discovery/probe.js";
import { createScanner } from "./discovery/scanner.js";
import type { PlatformReader } from "./discovery/types.js";
import { CompanionError } from "./errors.js";
import { makeApiHandler, type CompanionCore } from "./http/api.js";
import { startHttp } from "./http/server.js";
import { readHealth } from "./processes/health.js";
import { createProcessManager } from "./processes/manager.js";
import { stopServerProcess } from "./processes/stop.js";

export interface CompanionOptions {
  /** The built app (dist/). */
  root: string;
  port?: number;
  /** Registry and server logs. */
  stateDir: string;
  repoRoot: string;
  env?: NodeJS.ProcessEnv;
  reader?: PlatformReader;
  /** Tests replace the health probe; by default each candidate port is asked over HTTP. */
  probe?: (port: number) => Promise<ProbeVerdict>;
  wellKnownPorts?: number[];
  tickMs?: number;
}

export interface Companion {
  url: string;
  port: number;
  token: string;
  core: CompanionCore;
  /** How many servers of an earlier companion were adopted at start. */
  adopted: number;
  /** Stops servers marked "stop when Switchboard exits", then closes. */
  close(): Promise<void>;
}

export async function startCompanion(options: CompanionOptions): Promise<Companion> {
  const token = randomBytes(32).toString("base64url");
  let revision = 1;
  const waiters = new Set<() => void>();
  const bump = () => {
    revision++;
    for (const wake of waiters) wake();
    waiters.clear();
  };

  const manager = createProcessManager({ stateDir: options.stateDir, repoRoot: options.repoRoot, env: options.env, onChange: bump });
  const scanner = createScanner({
    reader: options.reader ?? platformReader(),
    probe: options.probe ?? ((port) => probePort(port)),
    wellKnownPorts: options.wellKnownPorts,
    onChange: bump,
  });
  const adopted = await manager.adopt();

  const servers = (): LocalServer[] => {
    const started = manager.list();
    const ports = new Set(started.map((s) => s.port));
    return [...started, ...scanner.servers().filter((s) => !ports.has(s.port))].sort((a, b) => a.port - b.port);
  };
  const findServer = (id: string) => {
    const server = servers().find((s) => s.id === id);
    if (!server) throw new CompanionError(404, "This server is no longer running.");
    return server;
  };

  const core: CompanionCore = {
    list: (): ServerList => ({
      revision,
      servers: servers(),
      recentDirectories: manager.recentDirectories(),
      discovery: { platform: scanner.platform },
    }),
    waitForChange: (since, timeoutMs, signal) =>
      new Promise<void>((ok) => {
        if (revision > since) return ok();
        const done = () => {
          clearTimeout(timer);
          waiters.delete(done);
          ok();
        };
        const timer = setTimeout(done, timeoutMs);
        waiters.add(done);
        signal.addEventListener("abort", done, { once: true });
      }),
    start: (request) => manager.start(request),
    restart: (id) => manager.restart(id),
    update: (id, settings) => manager.update(id, settings),
    logs: (id, after, waitMs, signal) => manager.logs(id, after, waitMs, signal),
    async stop(id: string, identity: StopRequest) {
      if (manager.isStarted(id)) return manager.stop(id);
      const server = findServer(id);
      if (!server.pid)
        throw new CompanionError(
          403,
          "Switchboard cannot see this server's process (another user's, or in a container), so it cannot stop it.",
        );
      // The user confirmed a dialog naming this pid and command: stop only that very process.
      if (identity.pid !== server.pid || identity.startTime !== server.startTime) {
        throw new CompanionError(
          409,
          "The server changed since you confirmed (another process now). Nothing was stopped; look again and confirm.",
        );
      }
      await stopServerProcess({ pid: server.pid, startTime: server.startTime });
      await scanner.scanNow();
    },
    async health(id: string): Promise<ServerHealth> {
      const server = findServer(id);
      const health = await readHealth(server, manager.passwordFor(server.port));
      if (health.version && server.ownership === "started") manager.setVersion(id, health.version);
      return health;
    },
  };

  const http = await startHttp({ root: options.root, port: options.port, token, api: makeApiHandler(core, token) });
  await scanner.scanNow().catch(() => undefined);
  const timer = setInterval(() => {
    void scanner.tick().catch((error) => console.error("switchboard: discovery failed:", error instanceof Error ? error.message : error));
    manager.checkAlive();
  }, options.tickMs ?? 1_000);

  return {
    url: http.url,
    port: http.port,
    token,
    core,
    adopted,
    async close() {
      clearInterval(timer);
      for (const wake of waiters) wake();
      await manager.shutdown();
      await http.close();
    },
  };
}
