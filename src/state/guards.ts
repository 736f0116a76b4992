import { isStorableKey } from "../lib/records";

/**
 * Shape checks for event payloads. The transport hands events over unvalidated, so every field the
 * reducers read is checked here first: a wrong shape is counted as malformed instead of throwing.
 */

/** A plain object (not null, not an array) whose fields can be read. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A non-empty string, the only thing accepted as an id (and never `__proto__`: see records.ts). */
export function isId(value: unknown): value is string {
  return typeof value === "string" && value.length > 0 && isStorableKey(value);
}

/** Whether `value` is an object with non-empty string ids in every named field. */
export function hasIds<K extends string>(value: unknown, ...keys: K[]): value is Record<K, string> & Record<string, unknown> {
  if (!isRecord(value)) return false;
  for (const key of keys) if (!isId(value[key])) return false;
  return true;
}

/**
 * Directories as the transport routes them: `/global/event` labels server-wide events with the
 * literal "global" (EVENTS.md), and the global project has worktree "/", neither of which is a
 * folder the user works in.
 */
export function isWorkDirectory(value: unknown): value is string {
  return typeof value === "string" && value.length > 0 && value !== "global" && value !== "/";
}
