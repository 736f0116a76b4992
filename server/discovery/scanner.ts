/**
 * The discovery loop. Each tick asks the platform reader for its cheap fingerprint of the listening
 * sockets; only when that changed (or a server did not answer yet) does it walk processes and probe
 * ports, so an idle machine costs two small file reads a second and no other work. A server stays
 * known as long as its port, pid and start time do; it is asked `GET /global/health` once, not on
 * every tick.
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
  /** Walk processes at least this often even when the fingerprint says nothing changed (safety net). */
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
  let candidates: Candidate[] = [];
  let lastFull = -Infinity;
  let lastWellKnown = -Infinity;
  /**
   * Candidates that did not answer yet (a server starting up) or answered like something else, by id,
   * with when to ask again: every second for the first ten tries (a start takes ~3 s), then less
   * often, so one port that never answers costs one probe now and then, not a scan every tick.
   */
  const waiting = new Map<string, { attempts: number; nextAt: number }>();
  let running: Promise<void> | undefined;

  const sameList = (a: Map<string, LocalServer>, b: Map<string, LocalServer>) =>
    a.size === b.size && [...a].every(([id, server]) => b.get(id) === server || JSON.stringify(b.get(id)) === JSON.stringify(server));
  const askAgainDue = () => {
    for (const wait of waiting.values()) if (wait.nextAt <= now()) return true;
    return false;
  };
  const backoff = (attempts: number) => (attempts < 10 ? 1_000 : attempts < 20 ? 5_000 : 30_000);

  /** The processes' servers: known ones kept, new and waiting candidates asked. */
  async function askCandidates(force: boolean): Promise<Map<string, LocalServer>> {
    const next = new Map<string, LocalServer>();
    const ids = new Set(candidates.map((candidate) => idOf(candidate.port, candidate)));
    for (const id of waiting.keys()) if (!ids.has(id)) waiting.delete(id);
    await Promise.all(
      candidates.map(async (candidate) => {
        const id = idOf(candidate.port, candidate);
        const seen = known.get(id);
        if (seen) return void next.set(id, seen);
        const wait = waiting.get(id);
        if (wait && wait.nextAt > now() && !force) return;
        const verdict = await options.probe(candidate.port);
        const server = describeServer(candidate, verdict);
        if (server) {
          waiting.delete(id);
          next.set(server.id, server);
        } else {
          const attempts = (wait?.attempts ?? 0) + 1;
          waiting.set(id, { attempts, nextAt: now() + backoff(attempts) });
        }
      }),
    );
    // Servers without a visible process stay until the well-known ports are asked again.
    const taken = new Set([...next.values()].map((server) => server.port));
    for (const [id, server] of known) if (server.pid === undefined && !taken.has(server.port)) next.set(id, server);
    return next;
  }

  /** Servers without a visible process: the well-known ports that no process's server holds, asked directly. */
  async function askWellKnown(next: Map<string, LocalServer>): Promise<void> {
    lastWellKnown = now();
    const taken = new Set([...next.values()].filter((server) => server.pid !== undefined).map((server) => server.port));
    await Promise.all(
      wellKnown
        .filter((port) => !taken.has(port))
        .map(async (port) => {
          for (const [id, server] of next) if (server.port === port) next.delete(id);
          const server = describeServer({ port }, await options.probe(port));
          if (server) next.set(server.id, server);
        }),
    );
  }

  async function run(force: boolean) {
    const quick = force ? undefined : await options.reader.quick();
    const scanDue = force || quick === undefined || quick !== fingerprint || now() - lastFull >= fullEveryMs;
    const askDue = scanDue || askAgainDue();
    const wellKnownDue = force || now() - lastWellKnown >= wellKnownEveryMs;
    // The idle tick: nothing listens anew, nobody is waiting to be asked again. Return before
    // building anything, so the servers found cost nothing per tick (no promise, no comparison).
    if (!askDue && !wellKnownDue) return;
    if (scanDue) {
      const scan = await options.reader.full();
      fingerprint = scan.fingerprint;
      candidates = scan.candidates;
      lastFull = now();
    }
    const next = askDue ? await askCandidates(force) : new Map(known);
    if (wellKnownDue) await askWellKnown(next);
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
