/**
 * The one place where server events change an instance's state: `applyEvent` looks the event's
 * type up in the rules (event-rules.ts) and applies it. It mutates the state it is given, so the
 * same code runs on a plain object in tests and on a Solid `produce` draft in the app. It never
 * fetches and never throws: what it cannot use is counted in `dropped` by reason, and the last few
 * drops are kept in `recentDrops` for the diagnostics view.
 */
import { isRecord, isWorkDirectory } from "./guards";
import { EVENT_RULES, isIgnored, type ResyncNeed, type StreamEvent } from "./event-rules";
import { applyPartDelta } from "./reducer-messages";
import { insertSortedUnique } from "./sorted";
import type { DropReason, InstanceState } from "./types";

export type { ResyncNeed, StreamEvent } from "./event-rules";
export { putProject, putSessionInfo } from "./reducer-sessions";

/** Options for applyEvent; `now` stamps `session.error` and drops (events carry no time), injectable for tests. */
export interface ApplyOptions {
  now?: () => number;
}

/** How many drops `recentDrops` keeps, newest last. */
export const RECENT_DROPS = 5;

/**
 * Applies one server event to `state` (mutating it) and returns what must be reloaded, if anything.
 * `directory` is the routed directory from the `/global/event` envelope; it is recorded in
 * `state.directories` (the literal "global" is not a directory).
 */
export function applyEvent(state: InstanceState, event: StreamEvent, directory?: string, options?: ApplyOptions): ResyncNeed | undefined {
  const now = options?.now ?? Date.now;
  const type = isRecord(event) && typeof event.type === "string" ? event.type : undefined;
  try {
    if (type === undefined) return void recordDrop(state, "malformed", "(none)", "not an event object with a type", now);
    // Deltas are ~99% of all traffic: keep their path to one lookup and a binary search.
    if (type === "message.part.delta") {
      if (!applyPartDelta(state, event.properties)) recordDrop(state, "malformed", type, MALFORMED, now);
      return undefined;
    }
    const properties = isRecord(event.properties) ? event.properties : undefined;
    if (isWorkDirectory(directory)) insertSortedUnique(state.directories, directory);
    const rule = EVENT_RULES.get(type);
    if (!rule) {
      if (!isIgnored(type)) recordDrop(state, "unknown", type, "an event type this version does not know", now);
      return undefined;
    }
    const outcome = rule.apply(state, properties, { directory, now });
    if (outcome === false) recordDrop(state, "malformed", type, MALFORMED, now);
    else if (typeof outcome === "object") return outcome;
  } catch (error) {
    // A bug of ours (or a draft proxy doing something unforeseen), not the server's: counted apart
    // from malformed payloads, with its message kept, so it is not mistaken for bad data.
    recordInternalError(state, type ?? "(none)", error, now);
  }
  return undefined;
}

const MALFORMED = "its payload lacks fields this event needs, or has them in the wrong shape";

/** Counts one dropped event and remembers it among the last few. */
export function recordDrop(state: InstanceState, reason: DropReason, type: string, detail: string, now: () => number = Date.now): void {
  state.dropped[reason]++;
  const recent = state.recentDrops;
  recent.push({ reason, type: type.slice(0, 100), detail: detail.slice(0, 300), at: now() });
  if (recent.length > RECENT_DROPS) recent.splice(0, recent.length - RECENT_DROPS);
}

/** Counts an exception thrown while applying an event (reason "internal"), with its message. */
export function recordInternalError(state: InstanceState, type: string, error: unknown, now: () => number = Date.now): void {
  let detail = "unknown error";
  try {
    detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  } catch {
    // An object without a prototype cannot even be turned into a string.
  }
  try {
    recordDrop(state, "internal", type, detail, now);
  } catch {
    // The state itself refused the write; there is nothing left to record it in.
  }
  if (typeof console !== "undefined") console.error(`Switchboard could not apply a ${type} event:`, error);
}
