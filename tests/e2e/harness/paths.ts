/**
 * Where e2e artefacts go. Everything lands under test-results/ (gitignored) so a failed run leaves
 * its server logs and screenshots behind for whoever reads the CI output.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (three levels above this file). */
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** test-results/e2e, created on first use. */
export function resultsDir(): string {
  const dir = join(REPO_ROOT, "test-results", "e2e");
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** test-results/e2e/logs, where every server's stdout/stderr is written. */
export function logDir(): string {
  const dir = join(resultsDir(), "logs");
  mkdirSync(dir, { recursive: true });
  return dir;
}
