/**
 * A recorded /proc tree (tests/fixtures/discovery/linux-proc.json: a real `opencode serve` on
 * 127.0.0.1:45123 among ~100 processes) as a ProcFs, with hooks to make paths fail the way the
 * kernel does: EACCES for another user's process, ENOENT for one that exited mid-scan.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ProcFs } from "../../../../server/discovery/linux";
import { makePrefixReader, type TableIo } from "../../../../server/discovery/linux-tables";

export interface RecordedProc {
  files: Record<string, string>;
  links: Record<string, string>;
  dirs: Record<string, string[]>;
}

export const RECORDED_PID = 17835;
export const RECORDED_PORT = 45123;

export function loadRecordedProc(): RecordedProc {
  const path = join(import.meta.dirname, "../../../fixtures/discovery/linux-proc.json");
  const { files, links, dirs } = JSON.parse(readFileSync(path, "utf8")) as RecordedProc;
  return { files: { ...files }, links: { ...links }, dirs: { ...dirs } };
}

function failure(code: string, path: string): Error {
  return Object.assign(new Error(`${code}: ${path}`), { code });
}

/** A ProcFs over `tree`; `fail(path)` may return "EACCES" or "ENOENT" to make one read fail. */
export function procFs(tree: RecordedProc, fail: (path: string) => string | undefined = () => undefined): ProcFs & { reads: number } {
  const fs = {
    reads: 0,
    readFile(path: string) {
      fs.reads++;
      const code = fail(path);
      if (code) throw failure(code, path);
      if (!(path in tree.files)) throw failure("ENOENT", path);
      return tree.files[path];
    },
    readdir(path: string) {
      fs.reads++;
      const code = fail(path);
      if (code) throw failure(code, path);
      if (!(path in tree.dirs)) throw failure("ENOENT", path);
      return tree.dirs[path];
    },
    readlink(path: string) {
      fs.reads++;
      const code = fail(path);
      if (code) throw failure(code, path);
      if (!(path in tree.links)) throw failure("ENOENT", path);
      return tree.links[path];
    },
  };
  return fs;
}

/** Adds a process to the tree (argv, cwd, socket inodes held). */
export function addProcess(
  tree: RecordedProc,
  pid: number,
  argv: string[],
  options: { cwd?: string; inodes?: number[]; startTime?: string } = {},
): void {
  const dir = `/proc/${pid}`;
  tree.dirs["/proc"] = [...tree.dirs["/proc"], String(pid)];
  tree.files[`${dir}/cmdline`] = `${argv.join("\0")}\0`;
  tree.files[`${dir}/stat`] =
    `${pid} (${argv[0].split("/").pop()}) S 1 ${pid} ${pid} 0 -1 4194304 1 0 0 0 0 0 0 0 20 0 1 0 ${options.startTime ?? "5000"} 1 1`;
  tree.links[`${dir}/exe`] = argv[0];
  if (options.cwd) tree.links[`${dir}/cwd`] = options.cwd;
  const inodes = options.inodes ?? [];
  tree.dirs[`${dir}/fd`] = ["0", ...inodes.map((_, i) => String(i + 10))];
  tree.links[`${dir}/fd/0`] = "/dev/null";
  inodes.forEach((inode, i) => (tree.links[`${dir}/fd/${i + 10}`] = `socket:[${inode}]`));
}

/**
 * Adds a listening socket line to /proc/net/tcp (IPv4 hex address, as the kernel prints it), after
 * the other listening sockets and before the connections, where the kernel lists it.
 */
export function addListeningSocket(tree: RecordedProc, addressHex: string, port: number, uid: number, inode: number): void {
  const line = `  99: ${addressHex}:${port.toString(16).toUpperCase().padStart(4, "0")} 00000000:0000 0A 00000000:00000000 00:00000000 00000000  ${uid}        0 ${inode} 1 0000000000000000 100 0 0 10 0`;
  const lines = tree.files["/proc/net/tcp"].trimEnd().split("\n");
  const firstConnection = lines.findIndex((l, i) => i > 0 && l.trim().split(/\s+/)[3] !== "0A");
  lines.splice(firstConnection === -1 ? lines.length : firstConnection, 0, line.padEnd(149));
  tree.files["/proc/net/tcp"] = `${lines.join("\n")}\n`;
}

/** Removes the socket line with this inode from /proc/net/tcp. */
export function removeSocket(tree: RecordedProc, inode: number): void {
  tree.files["/proc/net/tcp"] = tree.files["/proc/net/tcp"]
    .split("\n")
    .filter((line) => line.trim().split(/\s+/)[9] !== String(inode))
    .join("\n");
}

/** What the kernel hands out per read of a seq_file: whole lines up to one page (27 tcp lines). */
export const PAGE = 4096;

/**
 * Files as the kernel serves /proc/net: each read at offset 0 makes the text afresh, a read
 * returns whole lines up to one page (less if fewer bytes were asked), and `served` counts the
 * bytes the kernel had to produce (for a socket table: how far it walked).
 */
export function seqFileIo(files: () => Record<string, string>): TableIo & { served: number; opens: number; reads: number } {
  const open = new Map<number, { path: string; text: string }>();
  const io = {
    served: 0,
    opens: 0,
    reads: 0,
    open(path: string) {
      if (!(path in files())) throw failure("ENOENT", path);
      io.opens++;
      open.set(io.opens, { path, text: files()[path] });
      return io.opens;
    },
    pread(fd: number, buffer: Buffer, length: number, position: number) {
      const file = open.get(fd);
      if (!file) throw failure("EBADF", String(fd));
      io.reads++;
      if (position === 0) file.text = files()[file.path] ?? "";
      const rest = file.text.slice(position);
      // Whole lines while they fit in one page, then cut to what was asked for.
      let end = 0;
      while (end < rest.length && end < length) {
        const next = rest.indexOf("\n", end) + 1 || rest.length;
        if (next > PAGE && end > 0) break;
        end = next;
      }
      const piece = rest.slice(0, Math.min(end, length));
      io.served += end;
      return buffer.write(piece, 0, "latin1");
    },
    close(fd: number) {
      open.delete(fd);
    },
  };
  return io;
}

/** `procFs(tree)` that also reads /proc/net as the kernel does (piece by piece, from offset 0). */
export function seqProcFs(tree: RecordedProc): ProcFs & { reads: number; io: ReturnType<typeof seqFileIo> } {
  const io = seqFileIo(() => tree.files);
  const prefix = makePrefixReader(io);
  const fs = procFs(tree);
  return Object.assign(fs, {
    io,
    readPrefix: (path: string, enough: (text: string) => boolean, firstBytes?: number) => prefix.read(path, enough, firstBytes),
  });
}
