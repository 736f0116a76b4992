/**
 * Numbers of things in words, the one place plurals are made: "1 session", "5,000 sessions". English
 * only, as is the rest of the interface; numbers are grouped the same way everywhere (en-US).
 */

const GROUPED = new Intl.NumberFormat("en-US");

/** A number with thousands separators: 5000 is "5,000". */
export function formatNumber(n: number): string {
  return GROUPED.format(n);
}

/**
 * `n` and the noun, singular for exactly one: `count(1, "file")` is "1 file", `count(0, "file")`
 * "0 files". `plural` is for nouns that do not just take an "s" (`count(2, "reply", "replies")`).
 */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${formatNumber(n)} ${n === 1 ? noun : plural}`;
}
