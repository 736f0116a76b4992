/**
 * What every benchmark returns: named figures with their unit, target and verdict, written to
 * bench/results.json as they are. A figure without a target is informative (a ratio, a baseline) and
 * never fails the run.
 */

/** One measured figure. `pass` is null when the figure has no target. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** Human-readable target, e.g. "<= 2"; empty for informative figures. */
  target: string;
  pass: boolean | null;
}

/** A figure that must be at most `limit`. */
export function atMost(name: string, value: number, unit: string, limit: number): Figure {
  return { name, value: round(value), unit, target: `<= ${limit}`, pass: Number.isFinite(value) && value <= limit };
}

/** A figure that must be below `limit`. */
export function below(name: string, value: number, unit: string, limit: number): Figure {
  return { name, value: round(value), unit, target: `< ${limit}`, pass: Number.isFinite(value) && value < limit };
}

/** A figure that must be at least `limit`. */
export function atLeast(name: string, value: number, unit: string, limit: number): Figure {
  return { name, value: round(value), unit, target: `>= ${limit}`, pass: Number.isFinite(value) && value >= limit };
}

/** A figure reported for information only. */
export function info(name: string, value: number, unit: string): Figure {
  return { name, value: round(value), unit, target: "", pass: null };
}

/** A figure that could not be measured: always a failure, so a broken harness never looks green. */
export function failed(name: string, unit: string, target: string, why: string): Figure {
  return { name: `${name} (not measured: ${why})`, value: Number.NaN, unit, target, pass: false };
}

/** Three significant decimals are plenty for timings and keep results.json readable. */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  return Math.round(value * 1000) / 1000;
}

/** The q-quantile (0..1) of `values` by nearest rank; NaN for an empty list. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

/** The median of `values`. */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}
