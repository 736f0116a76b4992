/**
 * The servers this companion started, on disk (pid, start time, port, password, directory), so a
 * restarted companion adopts those still running instead of losing them. The file holds passwords:
 * it is written with mode 0600 in a 0700 folder, atomically (temp file + rename).
 */
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export interface RegistryEntry {
  pid: number;
  startTime: string;
  port: number;
  password: string;
  directory: string;
  stopOnExit: boolean;
  /** The file its stdout and stderr go to. */
  logFile?: string;
  /** ms since epoch, for uptime. */
  startedAt: number;
}

export interface RegistryFile {
  servers: RegistryEntry[];
  recentDirectories: string[];
}

/** SWITCHBOARD_STATE_DIR, else $XDG_STATE_HOME/opencode-switchboard, else ~/.local/state/opencode-switchboard. */
export function defaultStateDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SWITCHBOARD_STATE_DIR) return env.SWITCHBOARD_STATE_DIR;
  const base =
    env.XDG_STATE_HOME ||
    (process.platform === "win32" ? env.LOCALAPPDATA || join(homedir(), "AppData", "Local") : join(homedir(), ".local", "state"));
  return join(base, "opencode-switchboard");
}

function isEntry(value: unknown): value is RegistryEntry {
  const v = value as RegistryEntry;
  return (
    !!v &&
    Number.isInteger(v.pid) &&
    typeof v.startTime === "string" &&
    Number.isInteger(v.port) &&
    typeof v.password === "string" &&
    typeof v.directory === "string"
  );
}

/** Reads the registry; a missing or damaged file is an empty one. */
export function readRegistry(dir: string): RegistryFile {
  try {
    const raw = JSON.parse(readFileSync(join(dir, "servers.json"), "utf8")) as Partial<RegistryFile>;
    return {
      servers: Array.isArray(raw.servers)
        ? raw.servers
            .filter(isEntry)
            .map((e) => ({ ...e, stopOnExit: e.stopOnExit === true, startedAt: Number(e.startedAt) || Date.now() }))
        : [],
      recentDirectories: Array.isArray(raw.recentDirectories)
        ? raw.recentDirectories.filter((d): d is string => typeof d === "string").slice(0, 10)
        : [],
    };
  } catch {
    return { servers: [], recentDirectories: [] };
  }
}

export function writeRegistry(dir: string, file: RegistryFile): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, "servers.json");
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, path);
}
