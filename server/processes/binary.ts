/**
 * Which `opencode` to run: OPENCODE_BIN when set, else the user's own install on PATH, else the
 * binary this project's `opencode-ai` dependency brought (node_modules/opencode-<os>-<arch>/bin).
 */
import { accessSync, constants, existsSync, statSync } from "node:fs";
import { delimiter, join } from "node:path";
import { CompanionError } from "../errors.js";

export interface BinaryChoice {
  path: string;
  source: "OPENCODE_BIN" | "PATH" | "project";
}

function executable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, process.platform === "win32" ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The packages `opencode-ai` installs per platform, most specific first. */
export function projectBinaryCandidates(repoRoot: string, platform = process.platform, arch = process.arch): string[] {
  const os = platform === "win32" ? "windows" : platform;
  const exe = platform === "win32" ? "opencode.exe" : "opencode";
  return [
    `opencode-${os}-${arch}`,
    `opencode-${os}-${arch}-baseline`,
    `opencode-${os}-${arch}-musl`,
    `opencode-${os}-${arch}-baseline-musl`,
  ].map((pkg) => join(repoRoot, "node_modules", pkg, "bin", exe));
}

export function resolveOpencodeBinary(env: NodeJS.ProcessEnv, repoRoot: string): BinaryChoice {
  if (env.OPENCODE_BIN) {
    if (executable(env.OPENCODE_BIN)) return { path: env.OPENCODE_BIN, source: "OPENCODE_BIN" };
    throw new CompanionError(
      500,
      `OPENCODE_BIN points to ${env.OPENCODE_BIN}, which is not an executable file. Fix or unset it and start Switchboard again.`,
    );
  }
  const names = process.platform === "win32" ? ["opencode.exe", "opencode.cmd"] : ["opencode"];
  for (const dir of (env.PATH ?? "").split(delimiter).filter(Boolean)) {
    for (const name of names) if (executable(join(dir, name))) return { path: join(dir, name), source: "PATH" };
  }
  for (const path of projectBinaryCandidates(repoRoot)) if (existsSync(path) && executable(path)) return { path, source: "project" };
  throw new CompanionError(
    500,
    "No opencode binary was found: not on PATH and not in this project's node_modules. Install it (npm install -g opencode-ai), or set OPENCODE_BIN to its path, and start Switchboard again.",
  );
}
