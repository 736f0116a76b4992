/**
 * Discovery in the page: long-polls the companion's server list (an answer comes as soon as the
 * list changes, so a server appears within a second or two of listening and an idle page costs one
 * waiting request), turns it into instance additions and removals (discovery-reconcile.ts), and
 * offers the start/stop/restart actions. `undefined` when no companion served the page.
 */
import { createSignal, onCleanup } from "solid-js";
import type { LocalServer, ServerList, StartRequest } from "../../shared/companion-api";
import { instanceIdFor } from "../api/instance";
import { makeCompanionClient, readCompanionToken, type CompanionClient } from "./companion";
import { EMPTY_MEMORY, reconcileDiscovery, type DiscoveryMemory } from "./discovery-reconcile";
import type { StorageLike } from "./persistence";
import type { Switchboard } from "./switchboard";

const MEMORY_KEY = "switchboard.discovery";

function loadMemory(storage: StorageLike | undefined): DiscoveryMemory {
  try {
    const raw = JSON.parse(storage?.getItem(MEMORY_KEY) ?? "null") as Partial<DiscoveryMemory> | null;
    if (!raw || typeof raw !== "object") return EMPTY_MEMORY;
    const added: Record<string, string> = {};
    for (const [key, value] of Object.entries(raw.added ?? {})) if (typeof value === "string") added[key] = value;
    return {
      autoAdd: raw.autoAdd !== false,
      added,
      dismissed: Array.isArray(raw.dismissed) ? raw.dismissed.filter((id): id is string => typeof id === "string") : [],
    };
  } catch {
    return EMPTY_MEMORY;
  }
}

export interface CompanionSyncOptions {
  token?: string;
  fetch?: typeof fetch;
  storage?: StorageLike;
  /** Wait after a failed list call before asking again. */
  retryMs?: number;
}

/** Call inside a Solid root (the shell). */
export function createCompanionSync(board: Switchboard, options: CompanionSyncOptions = {}) {
  const token = options.token ?? readCompanionToken();
  if (!token) return undefined;
  const client: CompanionClient = makeCompanionClient(token, options.fetch);
  const storage = options.storage ?? (typeof localStorage === "undefined" ? undefined : localStorage);
  const [list, setList] = createSignal<ServerList>();
  const [problem, setProblem] = createSignal<string>();
  const [memory, setMemory] = createSignal<DiscoveryMemory>(loadMemory(storage));
  const startedHere = new Set<string>();
  const stop = new AbortController();
  onCleanup(() => stop.abort());

  const apply = () => {
    const current = list();
    if (!current) return;
    const result = reconcileDiscovery({
      servers: current.servers,
      instances: board.instances().map((runtime) => runtime.config()),
      memory: memory(),
      startedHere,
    });
    for (const config of [...result.add, ...result.update]) board.adopt(config);
    for (const id of result.remove) board.removeInstance(id);
    for (const id of result.reconnect) board.retry(id);
    setMemory(result.memory);
    try {
      storage?.setItem(MEMORY_KEY, JSON.stringify(result.memory));
    } catch {
      /* storage full or forbidden: discovery still works for this page */
    }
  };

  const withServer = (server: LocalServer) => {
    const current = list();
    if (current) setList({ ...current, servers: [...current.servers.filter((s) => s.port !== server.port), server] });
  };

  void (async () => {
    let revision: number | undefined;
    while (!stop.signal.aborted) {
      try {
        const next = await client.list(revision, stop.signal);
        revision = next.revision;
        setList(next);
        setProblem(undefined);
        apply();
      } catch (error) {
        if (stop.signal.aborted) return;
        setProblem(error instanceof Error ? error.message : String(error));
        await new Promise((ok) => setTimeout(ok, options.retryMs ?? 2_000));
      }
    }
  })();

  return {
    client,
    list,
    problem,
    autoAdd: () => memory().autoAdd,
    setAutoAdd(value: boolean) {
      setMemory({ ...memory(), autoAdd: value });
      apply();
    },
    recentDirectories: () => list()?.recentDirectories ?? [],
    /** The companion's record of the server behind an instance, if it is on this machine. */
    serverFor: (instanceId: string) => list()?.servers.find((server) => instanceIdFor(server.url) === instanceId),
    /** Starts a server; resolves with the id of its instance (already added). */
    async start(request: StartRequest): Promise<string> {
      const server = await client.start(request);
      startedHere.add(server.id);
      withServer(server);
      apply();
      return instanceIdFor(server.url);
    },
    async restart(server: LocalServer): Promise<void> {
      const next = await client.restart(server.id);
      startedHere.add(next.id);
      withServer(next);
      apply();
      // The restart may have outlasted the reconnect attempts: connect now, it is healthy.
      board.retry(instanceIdFor(next.url));
    },
    /** Stops a server; for one the app did not start, `server` is what the user confirmed. */
    stop: (server: LocalServer) => client.stop(server.id, { pid: server.pid, startTime: server.startTime }),
  };
}

export type CompanionSync = NonNullable<ReturnType<typeof createCompanionSync>>;
