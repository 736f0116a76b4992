/**
 * What Switchboard remembers per session, across tab switches and reloads: the model and agent the
 * user picked and the unsent draft. It lives in localStorage under one key; a session that was deleted
 * only leaves a few bytes behind, and `forget` drops them when Switchboard deletes it itself.
 */
import { createStore, produce } from "solid-js/store";
import { browserStorages, type StorageLike } from "./persistence";

const PREFS_KEY = "switchboard.sessionPrefs";

export interface SessionPrefs {
  model?: string;
  agent?: string;
  draft?: string;
}

const keyOf = (instanceId: string, sessionId: string) => `${instanceId} ${sessionId}`;

function readAll(storage: StorageLike | undefined): Record<string, SessionPrefs> {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(PREFS_KEY) ?? "{}");
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return {};
    const out: Record<string, SessionPrefs> = {};
    for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
      if (!value || typeof value !== "object") continue;
      const record = value as Record<string, unknown>;
      const pick = (field: string) => (typeof record[field] === "string" ? (record[field] as string) : undefined);
      out[key] = { model: pick("model"), agent: pick("agent"), draft: pick("draft") };
    }
    return out;
  } catch {
    return {};
  }
}

/** A per-session preferences store written through to `storage` (localStorage in the app). */
export function createSessionPrefs(storage: StorageLike | undefined) {
  const [prefs, setPrefs] = createStore<Record<string, SessionPrefs>>(readAll(storage));
  const save = () => {
    try {
      storage?.setItem(PREFS_KEY, JSON.stringify(prefs));
    } catch {
      /* full or forbidden storage: the choice holds until the page reloads */
    }
  };
  return {
    get: (instanceId: string, sessionId: string): SessionPrefs => prefs[keyOf(instanceId, sessionId)] ?? {},
    set(instanceId: string, sessionId: string, patch: SessionPrefs) {
      const key = keyOf(instanceId, sessionId);
      setPrefs(produce((all) => void (all[key] = { ...all[key], ...patch })));
      save();
    },
    forget(instanceId: string, sessionId: string) {
      setPrefs(produce((all) => void delete all[keyOf(instanceId, sessionId)]));
      save();
    },
  };
}

export type SessionPrefsStore = ReturnType<typeof createSessionPrefs>;

let shared: SessionPrefsStore | undefined;

/** The app's one preferences store (created on first use, over localStorage). */
export function sessionPrefs(): SessionPrefsStore {
  shared ??= createSessionPrefs(browserStorages().local);
  return shared;
}

/** Drops the shared store so the next `sessionPrefs()` reads storage afresh (tests start clean with it). */
export function resetSessionPrefs(): void {
  shared = undefined;
}
