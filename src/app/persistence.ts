/**
 * What survives a reload: the instances the user added (localStorage), their passwords (sessionStorage
 * unless the user ticked "remember"), the open session tabs, two choices the user made ("Notify me"
 * and the Changes view's layout), and reconnect tuning for tests.
 * Storage may be missing or full (private windows): every read and write degrades to "nothing saved".
 */
import type { InstanceConfig } from "../api/instance";
import type { DiffLayout } from "../lib/diff-html";
import { idRecord, isStorableKey, own } from "../lib/records";

export interface SavedInstance extends InstanceConfig {
  rememberPassword?: boolean;
}

const INSTANCES_KEY = "switchboard.instances";
const PASSWORDS_KEY = "switchboard.passwords";
const TABS_KEY = "switchboard.tabs";
const RECONNECT_KEY = "switchboard.reconnect";
const NOTIFY_KEY = "switchboard.notify";
const PAGES_KEY = "switchboard.pages";
const DIFF_LAYOUT_KEY = "switchboard.diffLayout";

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function read<T>(storage: StorageLike | undefined, key: string, fallback: T): T {
  try {
    const raw = storage?.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

function write(storage: StorageLike | undefined, key: string, value: unknown): void {
  try {
    storage?.setItem(key, JSON.stringify(value));
  } catch {
    /* full or forbidden storage: the app keeps working, it just forgets on reload */
  }
}

/** A parsed JSON value as a plain record, or an empty one when it is null, an array or a scalar. */
function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export interface Storages {
  local?: StorageLike;
  session?: StorageLike;
}

export function browserStorages(): Storages {
  try {
    return { local: globalThis.localStorage, session: globalThis.sessionStorage };
  } catch {
    return {};
  }
}

/** The saved instances with their passwords put back from wherever they were kept. */
export function loadInstances(storages: Storages): SavedInstance[] {
  const list = read<SavedInstance[]>(storages.local, INSTANCES_KEY, []);
  // `null` is valid JSON: a stored "null" must not become `null[item.id]` and break start-up.
  const sessionPasswords = asRecord(read<unknown>(storages.session, PASSWORDS_KEY, {}));
  if (!Array.isArray(list)) return [];
  return list
    .filter((item) => item && typeof item.id === "string" && typeof item.baseUrl === "string")
    .map((item) => {
      const kept = item.rememberPassword ? item.password : own(sessionPasswords, item.id);
      return { ...item, password: typeof kept === "string" ? kept : undefined };
    });
}

/** Saves instances; a password goes to localStorage only when the user asked to remember it. */
export function saveInstances(storages: Storages, instances: SavedInstance[]): void {
  const sessionPasswords = idRecord<string>();
  const list = instances.map((item) => {
    if (item.password && !item.rememberPassword) sessionPasswords[item.id] = item.password;
    const { password, ...rest } = item;
    return item.rememberPassword && password ? { ...rest, password } : rest;
  });
  write(storages.local, INSTANCES_KEY, list);
  write(storages.session, PASSWORDS_KEY, sessionPasswords);
}

/**
 * Open session tabs per instance id. Anything that is not a list of session ids is dropped, since
 * the lists go straight into resyncs (`openSessions.map`) and `includes` checks. The record has no
 * prototype (lib/records.ts): a saved id such as `constructor` or `__proto__` is only a key.
 */
export function loadTabs(storages: Storages): Record<string, string[]> {
  const tabs = idRecord<string[]>();
  for (const [instanceId, ids] of Object.entries(asRecord(read<unknown>(storages.local, TABS_KEY, {})))) {
    if (!isStorableKey(instanceId) || !Array.isArray(ids)) continue;
    tabs[instanceId] = ids.filter((id): id is string => typeof id === "string" && id.length > 0 && isStorableKey(id));
  }
  return tabs;
}

export function saveTabs(storages: Storages, tabs: Record<string, string[]>): void {
  write(storages.local, TABS_KEY, tabs);
}

export interface ReconnectTuning {
  baseDelayMs?: number;
  maxDelayMs?: number;
  maxAttempts?: number;
}

/**
 * Overrides for the reconnect policy, read only by a build made with `vite build --mode e2e` (the
 * end-to-end tests shorten reconnects); numbers only.
 */
export function loadReconnectTuning(storages: Storages): ReconnectTuning {
  const raw = read<Record<string, unknown>>(storages.local, RECONNECT_KEY, {});
  const tuning: ReconnectTuning = {};
  for (const key of ["baseDelayMs", "maxDelayMs", "maxAttempts"] as const) {
    const value = raw?.[key];
    if (typeof value === "number" && Number.isFinite(value) && value > 0) tuning[key] = value;
  }
  return tuning;
}

/** How many messages a session's history loads per request (see instance-runtime.ts). */
export interface PageTuning {
  first?: number;
  older?: number;
}

/**
 * Smaller history pages, read only by a build made with `vite build --mode e2e`: the end-to-end tests
 * page a real server's history without writing hundreds of messages first. Whole numbers only.
 */
export function loadPageTuning(storages: Storages): PageTuning {
  const raw = read<Record<string, unknown>>(storages.local, PAGES_KEY, {});
  const tuning: PageTuning = {};
  for (const key of ["first", "older"] as const) {
    const value = raw?.[key];
    if (typeof value === "number" && Number.isInteger(value) && value > 0) tuning[key] = value;
  }
  return tuning;
}

/** Whether the user turned desktop notifications on ("Notify me"); anything but `true` is off. */
export function loadNotifyWanted(storages: Storages): boolean {
  return read<unknown>(storages.local, NOTIFY_KEY, false) === true;
}

export function saveNotifyWanted(storages: Storages, wanted: boolean): void {
  write(storages.local, NOTIFY_KEY, wanted);
}

/** The Changes view's layout the user chose last ("Side by side" or "Unified"); anything else is Unified. */
export function loadDiffLayout(storages: Storages): DiffLayout {
  return read<unknown>(storages.local, DIFF_LAYOUT_KEY, undefined) === "side-by-side" ? "side-by-side" : "line-by-line";
}

export function saveDiffLayout(storages: Storages, layout: DiffLayout): void {
  write(storages.local, DIFF_LAYOUT_KEY, layout);
}
