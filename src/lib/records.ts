/**
 * Records keyed by ids that come from a server or a URL. A plain `{}` inherits from Object.prototype,
 * so `sessions["constructor"]` is a function and `sessions["__proto__"] = x` replaces the prototype:
 * one session, message or deep link named like that broke every lookup after it. Records made here
 * have no prototype, so every string is an ordinary key; values parsed from JSON (which do inherit)
 * are read with `own`.
 */

/** An empty record without a prototype: `record["constructor"]` is undefined until it is set. */
export function idRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** `record[key]` when it is the record's own property, else undefined (never an inherited member). */
export function own<T>(record: Readonly<Record<string, T>> | undefined | null, key: string): T | undefined {
  return record != null && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/**
 * Whether a string can be a key of a store record. Every id is, except `__proto__`: Solid's store
 * refuses to write that property at all, so an event naming it could never be applied and is
 * counted as malformed instead.
 */
export function isStorableKey(key: string): boolean {
  return key !== "__proto__";
}
