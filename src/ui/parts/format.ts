/**
 * Small formatters shared by the message part components: clock times, token counts, cost and
 * durations, written the way a person reads them in a dense dev-tool footer. They take numbers from
 * the server, so anything that is not a finite number reads as nothing (or zero) instead of throwing.
 */
import { num, timestamp } from "../../lib/server-data";

/** A server timestamp (ms) as a local wall-clock time, e.g. "14:03"; "" when it is not a time. */
export function formatClock(ms: unknown): string {
  const time = timestamp(ms);
  if (time === undefined) return "";
  // toLocaleTimeString builds a new formatter on every call; a long session formats thousands of times.
  clock ??= new Intl.DateTimeFormat([], { hour: "2-digit", minute: "2-digit" });
  return clock.format(time);
}

let clock: Intl.DateTimeFormat | undefined;

/** A token count, compact past a thousand: 950 → "950", 12_345 → "12.3k", 2_500_000 → "2.5M". */
export function formatTokens(value: number): string {
  const count = num(value) ?? 0;
  if (count < 1000) return String(count);
  if (count < 1_000_000) return `${trimZero((count / 1000).toFixed(1))}k`;
  return `${trimZero((count / 1_000_000).toFixed(1))}M`;
}

/** A cost in US dollars: 0 → "$0", 0.0012 → "$0.0012", 1.5 → "$1.50". */
export function formatCost(value: number): string {
  const usd = num(value) ?? 0;
  if (usd === 0) return "$0";
  if (usd < 0.01) return `$${usd.toFixed(4)}`;
  return `$${usd.toFixed(2)}`;
}

/** A duration in ms: 340 → "340 ms", 2400 → "2.4 s", 65_000 → "1 min 5 s". */
export function formatDuration(value: number): string {
  const ms = num(value);
  if (ms === undefined) return "";
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${trimZero((ms / 1000).toFixed(1))} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;
}

function trimZero(fixed: string): string {
  return fixed.endsWith(".0") ? fixed.slice(0, -2) : fixed;
}

/** The URL if it is http(s), else undefined: for links that come from the server or a provider. */
export function safeExternalHref(url: unknown): string | undefined {
  return typeof url === "string" && /^https?:\/\//i.test(url.trim()) ? url.trim() : undefined;
}
