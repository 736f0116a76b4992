/**
 * A started server writes stdout and stderr straight into its own log file (mode 0600), not into a
 * pipe to the companion: a pipe would break when the companion exits, and the server must outlive
 * it. The companion follows the file, so a restarted companion shows the log of a server it adopts.
 */
import { open, type FileHandle } from "node:fs/promises";
import type { LogBuffer } from "./logs.js";

export interface FileTail {
  /** Reads whatever was appended since the last read (also called by the timer). */
  poll(): Promise<void>;
  stop(): void;
}

/** Follows `path` into `buffer`, reading new bytes every `everyMs`. */
export function tailFile(path: string, buffer: LogBuffer, everyMs = 400): FileTail {
  let offset = 0;
  let handle: FileHandle | undefined;
  let reading: Promise<void> | undefined;
  let stopped = false;
  const chunk = Buffer.alloc(64 * 1024);

  const readNew = async () => {
    handle ??= await open(path, "r").catch(() => undefined);
    if (!handle) return;
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, offset);
      if (bytesRead <= 0) break;
      offset += bytesRead;
      buffer.write(chunk.subarray(0, bytesRead));
    }
  };
  const poll = () => {
    reading ??= readNew()
      .catch(() => undefined)
      .finally(() => {
        reading = undefined;
      });
    return reading;
  };
  const timer = setInterval(() => void poll(), everyMs);
  timer.unref();
  void poll();
  return {
    poll,
    stop: () => {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      void (reading ?? Promise.resolve()).then(() => poll()).finally(() => handle?.close().catch(() => undefined));
    },
  };
}
