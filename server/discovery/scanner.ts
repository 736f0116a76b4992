/**
 * The discovery loop. Each tick asks the platform reader for its cheap fingerprint of the listening
 * sockets; only when that changed (or a server did not answer yet) does it walk processes and probe
 * ports, so an idle machine costs two small file reads a second. A server stays known as long as
 * its port, pid and start time do; it is asked `GET /global/health` once, not on every tick.
 * 127.0.0.1:4096 (OpenCode's default) is asked every few seconds whatever the reader saw, so a server
 * of another user or in a container, which shows no process, is found too.
 */
import type { LocalServer } from "../../shared/companion-api.js";
import type { ProbeVerdict } from "./probe.js";
import type { Candidate, PlatformReader } from "./types.js";
import { howStarted } from "./types.js";

export interface ScannerOptions {
  reader: PlatformReader;
  probe: (port: number) => Promise<ProbeVerdict>;
  /** Called after a scan that changed the list. */
  onChange?: () => void;
  wellKnownPorts?: number[];
  /** Full scan at least this often even when the fingerprint says nothing changed (safety net). */
  fullEveryMs?: number;
  /** How often the well-known ports are asked. */
  wellKnownEveryMs?: number;
  now?: () => number;
}

export interface Scanner {
  /** One tick: cheap unless something changed. Concurrent calls share the running one. */
  tick(): Promise<void>;
  /** A full scan now, whatever the fingerprint says. */
  scanNow(): Promise<void>;
  servers(): LocalServer[];
  platform: string;
}

function idOf(port: number, candidate: Candidate): string {
  return `${port}-${candidate.process?.pid ?? "x"}-${candidate.process?.startTime ?? "x"}`;
}

/** The server as the app sees it, from what the OS said and what the port answered. */
export function describeServer(candidate: Candidate, verdict: ProbeVerdict): LocalServer | undefined {
  if (verdict.kind !== "opencode" && verdict.kind !== "locked") return undefined;
  const process = candidate.process;
  return {
    id: idOf(candidate.port, candidate),
    port: candidate.port,
    url: `http://127.0.0.1:${candidate.port}`,
    directory: (verdict.kind === "opencode" ? verdict.directory : undefined) ?? process?.cwd,
    version: verdict.kind === "opencode" ? verdict.version : undefined,
    pid: process?.pid,
    startTime: process?.startTime,
    command: process?.argv.join(" "),
    how: process ? howStarted(process.argv) : "unknown",
    locked: verdict.kind === "locked",
    ownership: process?.cwd !== undefined || process?.pid !== undefined ? "own" : "foreign",
  };
}

export function createScanner(options: ScannerOptions): Scanner {
  const now = options.now ?? Date.now;
  const wellKnown = options.wellKnownPorts ?? [4096];
  const fullEveryMs = options.fullEveryMs ?? 30_000;
  const wellKnownEveryMs = options.wellKnownEveryMs ?? 3_000;
  /** Servers by id; the id changes when the process behind a port does. */
  let known = new Map<string, LocalServer>();
  let fingerprint: string | undefined;
  let lastFull = -Infinity;
  let lastWellKnown = -Infinity;
  /** Some candidate did not answer yet (a server starting up): look again next tick. */
  let retry = false;
  let running: Promise<void> | undefined;

  const sameList = (a: Map<string, LocalServer>, b: Map<string, LocalServer>) =>
    a.size === b.size && [...a].every(([id, server]) => JSON.stringify(b.get(id)) === JSON.stringify(server));

  async function run(force: boolean) {
    const quick = force ? undefined : await options.reader.quick();
    const due = now() - lastFull >= fullEveryMs;
    const next = new Map<string, LocalServer>();
    if (force || quick === undefined || quick !== fingerprint || retry || due) {
      const scan = await options.reader.full();
      fingerprint = scan.fingerprint;
      lastFull = now();
      retry = false;
      await Promise.all(
        scan.candidates.map(async (candidate) => {
          const id = idOf(candidate.port, candidate);
          const seen = known.get(id);
          if (seen) return void next.set(id, seen);
          const verdict = await options.probe(candidate.port);
          if (verdict.kind === "no-answer") retry = true;
          const server = describeServer(candidate, verdict);
          if (server) next.set(server.id, server);
        }),
      );
    } else {
      for (const [id, server] of known) if (server.pid !== undefined) next.set(id, server);
    }
    // Servers without a visible process: asked directly every few seconds.
    const taken = new Set([...next.values()].map((server) => server.port));
    if (now() - lastWellKnown >= wellKnownEveryMs || force) {
      lastWellKnown = now();
      await Promise.all(
        wellKnown
          .filter((port) => !taken.has(port))
          .map(async (port) => {
            const server = describeServer({ port }, await options.probe(port));
            if (server) next.set(server.id, server);
          }),
      );
    } else {
      for (const [id, server] of known) if (server.pid === undefined && !taken.has(server.port)) next.set(id, server);
    }
    const changed = !sameList(known, next);
    known = next;
    if (changed) options.onChange?.();
  }

  const once = (force: boolean) => {
    running ??= run(force).finally(() => {
      running = undefined;
    });
    return running;
  };

  return {
    platform: options.reader.platform,
    tick: () => once(false),
    scanNow: async () => {
      await running?.catch(() => undefined);
      return once(true);
    },
    servers: () => [...known.values()].sort((a, b) => a.port - b.port),
  };
}
