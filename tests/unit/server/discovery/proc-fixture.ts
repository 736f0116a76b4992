/**
 * A recorded /proc tree (tests/fixtures/discovery/linux-proc.json: a real `opencode serve` on
 * 127.0.0.1:45123 among ~100 processes) as a ProcFs, with hooks to make paths fail the way the
 * kernel does: EACCES for another user's process, ENOENT for one that exited mid-scan.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ProcFs } from "../../../../server/discovery/linux";

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

/** Appends a listening socket line to /proc/net/tcp (IPv4 hex address, as the kernel prints it). */
export function addListeningSocket(tree: RecordedProc, addressHex: string, port: number, uid: number, inode: number): void {
  const line = `  99: ${addressHex}:${port.toString(16).toUpperCase().padStart(4, "0")} 00000000:0000 0A 00000000:00000000 00:00000000 00000000  ${uid}        0 ${inode} 1 0000000000000000 100 0 0 10 0`;
  tree.files["/proc/net/tcp"] = `${tree.files["/proc/net/tcp"].trimEnd()}\n${line}\n`;
}
