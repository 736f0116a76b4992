/**
 * How long to wait before reconnecting. Pure: the random source is passed in so tests can pin it.
 */

/** Tuning for {@link reconnectDelay}; every field has the default the SSEManager uses. */
export interface BackoffOptions {
  /** Delay before the first retry, in ms. Default 1000. */
  baseMs?: number;
  /** Upper bound of any delay, in ms. Default 30000. */
  maxMs?: number;
  /** Fraction of the delay that jitter may take away, from 0 (none) to 1. Default 0.3. */
  jitter?: number;
}

export const DEFAULT_BASE_DELAY_MS = 1000;
export const DEFAULT_MAX_DELAY_MS = 30_000;
export const DEFAULT_JITTER = 0.3;

/**
 * The wait before retry number `attempt` (1-based): exponential backoff with "subtractive" jitter.
 * The full delay is `d = min(maxMs, baseMs * 2^(attempt-1))` (1 s, 2 s, 4 s … capped at 30 s), and
 * the result is `round(d * (1 - jitter * random()))`, so it always lies in `[d * (1 - jitter), d]`
 * (rounded to whole ms; `random() = 0` gives exactly `d`): never longer than the cap, so the UI's "next attempt
 * in …" stays honest, and spread out so many tabs do not hit a restarted server in the same
 * millisecond. Attempts below 1 count as 1; a `random` outside [0, 1) is clamped into it.
 */
export function reconnectDelay(attempt: number, options: BackoffOptions = {}, random: () => number = Math.random): number {
  const baseMs = options.baseMs ?? DEFAULT_BASE_DELAY_MS;
  const maxMs = options.maxMs ?? DEFAULT_MAX_DELAY_MS;
  const jitter = Math.min(1, Math.max(0, options.jitter ?? DEFAULT_JITTER));
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  // 2^exponent overflows to Infinity for huge attempts; min() then picks the cap, which is what we want.
  const full = Math.min(maxMs, baseMs * 2 ** exponent);
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(full * (1 - jitter * r));
}
