/**
 * Reading /proc/net files the cheap way, once a second for as long as the companion runs.
 * Measured on the 2-core machine, one call a second (cold caches):
 * - opening a /proc/net file costs more than reading it (~0.2 ms each: the lookup through
 *   /proc/self/net and its permission hooks), so each file is opened once and read again with
 *   pread at offset 0, which makes the kernel produce it afresh;
 * - a read of /proc/net/tcp{,6} walks the kernel's connection hash table (262,144 buckets here)
 *   for as long as it takes to fill the read, ~0.3 ms to the end even when the table is empty; the
 *   listening sockets come first, so reading stops at the first line that is not one.
 * A read returns at most one page of the kernel's seq_file buffer (27 lines of /proc/net/tcp), so a
 * file is read piece by piece: a single large read silently drops every socket past that page.
 */
import { closeSync, openSync, readSync } from "node:fs";

/** The three calls the reader needs; tests pass a fake that hands out pieces as the kernel does. */
export interface TableIo {
  open(path: string): number;
  /** Reads up to `length` bytes at `position` into `buffer`; 0 at the end. */
  pread(fd: number, buffer: Buffer, length: number, position: number): number;
  close(fd: number): void;
}

export const realTableIo: TableIo = {
  open: (path) => openSync(path, "r"),
  pread: (fd, buffer, length, position) => readSync(fd, buffer, 0, length, position),
  close: (fd) => closeSync(fd),
};

export interface PrefixReader {
  /**
   * `path` from its start, piece by piece, until `enough(text)` is true or the file ends. The
   * first read asks for `firstBytes` (a guess at what is needed: less asked, less walked).
   */
  read(path: string, enough: (text: string) => boolean, firstBytes?: number): string;
}

export function makePrefixReader(io: TableIo = realTableIo): PrefixReader {
  const fds = new Map<string, number>();
  const buffer = Buffer.alloc(64 * 1024);
  return {
    read(path, enough, firstBytes = 4096) {
      let fd = fds.get(path);
      if (fd === undefined) {
        fd = io.open(path);
        fds.set(path, fd);
      }
      let text = "";
      let position = 0;
      let length = Math.max(1, Math.min(firstBytes, buffer.length));
      try {
        for (;;) {
          const read = io.pread(fd, buffer, length, position);
          if (read === 0) return text;
          position += read;
          // /proc/net text is ASCII; latin1 decodes it without UTF-8's checks.
          text += buffer.toString("latin1", 0, read);
          if (enough(text)) return text;
          length = buffer.length;
        }
      } catch (error) {
        // Opened again on the next call (the file may have gone with a network namespace).
        fds.delete(path);
        try {
          io.close(fd);
        } catch {
          /* already unusable */
        }
        throw error;
      }
    },
  };
}
