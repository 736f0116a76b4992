/**
 * Fake `opencode` binaries for the process tests: small shell scripts named `opencode` (so identity
 * checks accept them) that stand in for the real server's start-up behaviours in milliseconds.
 * Every process they start is stopped by its process group in `cleanup()`.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface FakeBinaries {
  dir: string;
  /** Writes an executable `<name>/opencode` with `body` as its shell script; returns its path. */
  script(name: string, body: string): string;
  /** Remembers a process group to SIGKILL at cleanup. */
  track(pgid: number): void;
  cleanup(): void;
}

export function fakeBinaries(): FakeBinaries {
  const dir = mkdtempSync(join(tmpdir(), "switchboard-fake-opencode-"));
  const groups = new Set<number>();
  return {
    dir,
    script(name, body) {
      const folder = join(dir, name);
      mkdirSync(folder, { recursive: true });
      const path = join(folder, "opencode");
      writeFileSync(path, `#!/bin/sh\n${body}\n`);
      chmodSync(path, 0o755);
      return path;
    },
    track: (pgid) => void groups.add(pgid),
    cleanup() {
      for (const pgid of groups) {
        try {
          process.kill(-pgid, "SIGKILL");
        } catch {
          /* already gone */
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Whether any process of group `pgid` is alive. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}
