/**
 * Reading server data in components without trusting its shape. The SDK's types say what a message
 * or part should hold; a server (or a proxy, or a version we never saw) may send anything, and a
 * component that reads `message.time.created` of a message with `time: {}` must show less, not
 * throw. Each helper answers a value of the wanted kind or a neutral one.
 */

/** The value if it is a non-empty string, else undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** The value if it is a string (possibly empty), else "". For text that is shown as it is. */
export function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/** The value if it is a finite number, else undefined. */
export function num(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** Whether the value is a plain object (not null, not an array) whose fields can be read. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value if it is a plain object (not null, not an array), else an empty one. */
export function rec(value: unknown): Record<string, unknown> {
  return isObject(value) ? value : {};
}

/** The value if it is an array, else an empty one. */
export function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The strings of a list; anything else in it is left out. */
export function strings(value: unknown): string[] {
  return list(value).filter((item): item is string => typeof item === "string");
}

/** `table[key]` for a table of our own, never an inherited member such as `constructor`. */
export function lookup<T>(table: Readonly<Record<string, T>>, key: unknown): T | undefined {
  return typeof key === "string" && Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/** The latest time a Date can hold, in ms either side of 1970; beyond it `toISOString` throws. */
const MAX_DATE_MS = 8.64e15;

/** A server timestamp (ms) that a Date can hold, else undefined. */
export function timestamp(value: unknown): number | undefined {
  const ms = num(value);
  return ms !== undefined && Math.abs(ms) <= MAX_DATE_MS ? ms : undefined;
}
