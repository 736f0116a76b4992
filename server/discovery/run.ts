/** Runs a platform tool with a timeout and resolves with its stdout ("" when it failed or is missing). */
import { execFile } from "node:child_process";

export function runTool(file: string, args: string[], timeoutMs = 5_000): Promise<string> {
  return new Promise((ok) => {
    execFile(file, args, { timeout: timeoutMs, maxBuffer: 4 * 1024 * 1024, windowsHide: true }, (_error, stdout) =>
      ok(String(stdout ?? "")),
    );
  });
}
