/**
 * Which instances discovery adds and removes, as a pure function of what the companion reports and
 * what the user did. The instance list stays the user's (one owner): discovery only proposes
 * additions and removals of instances it added itself, and a server the user removed is left alone
 * while that process runs (its id holds pid and start time, so a new process on the port is new).
 */
import type { LocalServer } from "../../shared/companion-api";
import { instanceIdFor } from "../api/instance";
import type { SavedInstance } from "./persistence";

export interface DiscoveryMemory {
  /** Add every server found (the setting); servers started from the app are added regardless. */
  autoAdd: boolean;
  /** Instance id → id of the server discovery added it for. */
  added: Record<string, string>;
  /** Server ids the user removed; kept only while those servers run. */
  dismissed: string[];
}

export interface ReconcileInput {
  servers: LocalServer[];
  /** Instances that exist now, with their current config. */
  instances: SavedInstance[];
  memory: DiscoveryMemory;
  /** Ids of servers the user started from this page: always added. */
  startedHere: ReadonlySet<string>;
}

export interface ReconcileResult {
  add: SavedInstance[];
  /** Existing instances whose password discovery knows better (a server the companion started). */
  update: SavedInstance[];
  remove: string[];
  /** Instances whose server was restarted on the same port: connect now instead of waiting out a backoff. */
  reconnect: string[];
  memory: DiscoveryMemory;
}

export const EMPTY_MEMORY: DiscoveryMemory = { autoAdd: true, added: {}, dismissed: [] };

export function reconcileDiscovery(input: ReconcileInput): ReconcileResult {
  const { servers, memory, startedHere } = input;
  const instances = new Map(input.instances.map((instance) => [instance.id, instance]));
  const live = new Map(servers.map((server) => [server.id, server]));
  const added = { ...memory.added };
  const dismissed = new Set(memory.dismissed.filter((id) => live.has(id)));
  const result: ReconcileResult = { add: [], update: [], remove: [], reconnect: [], memory: { ...memory, added, dismissed: [] } };

  // An instance discovery added that is gone from the list: the user removed it (while its server runs).
  for (const [instanceId, serverId] of Object.entries(added)) {
    if (instances.has(instanceId)) continue;
    if (live.has(serverId)) dismissed.add(serverId);
    delete added[instanceId];
  }
  // Servers that stopped take the instances discovery added for them along.
  for (const [instanceId, serverId] of Object.entries(added)) {
    if (live.has(serverId)) continue;
    const samePort = servers.find((server) => instanceIdFor(server.url) === instanceId);
    if (samePort && !dismissed.has(samePort.id)) {
      added[instanceId] = samePort.id; // restarted on the same port: keep the instance, follow the new process
      result.reconnect.push(instanceId);
      continue;
    }
    result.remove.push(instanceId);
    delete added[instanceId];
  }
  for (const server of servers) {
    const id = instanceIdFor(server.url);
    const existing = instances.get(id);
    if (existing) {
      if (server.password && existing.password !== server.password) result.update.push({ ...existing, password: server.password });
      continue;
    }
    if (result.remove.includes(id)) continue;
    if (dismissed.has(server.id)) continue;
    if (!memory.autoAdd && !startedHere.has(server.id)) continue;
    result.add.push({ id, baseUrl: server.url, password: server.password, rememberPassword: false });
    added[id] = server.id;
  }
  result.memory.dismissed = [...dismissed];
  return result;
}
