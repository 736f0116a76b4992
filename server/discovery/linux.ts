/**
 * Linux without root: /proc/net/tcp{,6} lists listening sockets (state 0A) with their inode; the
 * process holding an inode is found through /proc/PID/fd links (`socket:[INODE]`), and the process
 * told by /proc/PID/{cmdline,exe,cwd,stat}. Other users' processes refuse fd/cwd (EACCES) and any
 * process may exit while we look (ENOENT): both just leave that socket without a process.
 * The parsers are pure and tested on recorded output; `makeLinuxReader` is the thin part that reads.
 * Where /proc/net is hidden it falls back to `ss -tlnpH` (ss.ts).
 */
import { closeSync, openSync, readFileSync, readSync, readdirSync, readlinkSync } from "node:fs";
import { runTool } from "./run.js";
import { parseSsListen } from "./ss.js";
import type { Candidate, PlatformReader, ProcessInfo } from "./types.js";
import { looksLikeOpencode } from "./types.js";

/** One listening socket from /proc/net/tcp or tcp6. */
export interface ProcSocket {
  address: string;
  port: number;
  uid: number;
  inode: number;
}

/** `0100007F` → `127.0.0.1`: the kernel prints each 32-bit word in host (little-endian) order. */
export function decodeIpv4(hex: string): string {
  const bytes = [6, 4, 2, 0].map((at) => parseInt(hex.slice(at, at + 2), 16));
  return bytes.join(".");
}

/** 32 hex digits, four little-endian words → a compressed IPv6 text (`::1`, `::`, `::ffff:127.0.0.1`). */
export function decodeIpv6(hex: string): string {
  const groups: string[] = [];
  for (let word = 0; word < 4; word++) {
    const w = hex.slice(word * 8, word * 8 + 8);
    const bytes = [6, 4, 2, 0].map((at) => w.slice(at, at + 2));
    groups.push(bytes[0] + bytes[1], bytes[2] + bytes[3]);
  }
  const numbers = groups.map((g) => parseInt(g, 16));
  if (numbers.slice(0, 5).every((n) => n === 0) && numbers[5] === 0xffff) {
    return `::ffff:${decodeIpv4(hex.slice(24, 32))}`;
  }
  const text = numbers.map((n) => n.toString(16)).join(":");
  return text.replace(/(^|:)0(:0)+(:|$)/, "::").replace(/:{3,}/, "::");
}

/** The listening sockets in one /proc/net/tcp or tcp6 text; anything that does not parse is skipped. */
export function parseProcNetTcp(text: string): ProcSocket[] {
  const sockets: ProcSocket[] = [];
  for (const line of text.split("\n").slice(1)) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 10 || cols[3] !== "0A") continue;
    const [addressHex, portHex] = cols[1].split(":");
    if (!addressHex || !portHex) continue;
    const address = addressHex.length === 32 ? decodeIpv6(addressHex) : addressHex.length === 8 ? decodeIpv4(addressHex) : undefined;
    const port = parseInt(portHex, 16);
    const uid = Number(cols[7]);
    const inode = Number(cols[9]);
    if (!address || !Number.isInteger(port) || !Number.isInteger(inode) || inode === 0) continue;
    sockets.push({ address, port, uid, inode });
  }
  return sockets;
}

/** Whether a socket bound to `address` answers on 127.0.0.1 (or on ::1, which we do not dial). */
export function reachableOnLoopback(address: string): boolean {
  return (
    address.startsWith("127.") ||
    address === "0.0.0.0" ||
    address === "::" ||
    address === "::ffff:127.0.0.1" ||
    address.startsWith("::ffff:127.")
  );
}

/** `socket:[12345]` → 12345. */
export function socketInode(link: string): number | undefined {
  const match = /^socket:\[(\d+)\]$/.exec(link);
  return match ? Number(match[1]) : undefined;
}

/** Field 22 of /proc/PID/stat (start time in clock ticks); the name in parentheses may hold spaces. */
export function parseStartTime(stat: string): string | undefined {
  const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // After "pid (comm) " the fields start at 3 (state); field 22 is index 19.
  const value = rest[19];
  return value && /^\d+$/.test(value) ? value : undefined;
}

/** /proc/PID/cmdline: NUL-separated, with a trailing NUL. */
export function parseCmdline(raw: string): string[] {
  return raw.split("\0").filter((part, index, all) => part !== "" || index < all.length - 1);
}

/**
 * What the reader needs from the file system; tests pass recorded trees. Synchronous on purpose:
 * /proc is in memory, and a promise plus a thread-pool hop per file made a scan of ~100 processes
 * cost ~60 ms of CPU instead of a few (measured on the 2-core machine), and an idle tick 2.6 ms.
 */
export interface ProcFs {
  readFile(path: string): string;
  readdir(path: string): string[];
  readlink(path: string): string;
}

const tableBuffer = Buffer.alloc(1 << 20);

/**
 * /proc/net/tcp{,6} in one read(): the kernel walks its whole connection hash table for every read
 * call (~1 ms of system time with 262,144 buckets, measured), and readFileSync makes two (the second
 * finds the end). A seq file's read fills the buffer up to the end, so one large read is all of it.
 */
function readSocketTable(path: string): string {
  const fd = openSync(path, "r");
  try {
    const length = readSync(fd, tableBuffer, 0, tableBuffer.length, null);
    // A table larger than the buffer (thousands of sockets): read it the ordinary way.
    if (length === tableBuffer.length) return readFileSync(path, "utf8");
    return tableBuffer.toString("utf8", 0, length);
  } finally {
    closeSync(fd);
  }
}

export const realProcFs: ProcFs = {
  readFile: (path) => (path.startsWith("/proc/net/") ? readSocketTable(path) : readFileSync(path, "utf8")),
  readdir: (path) => readdirSync(path),
  readlink: (path) => readlinkSync(path),
};

/** The value, or undefined when the read failed (EACCES: another user's; ENOENT: it exited). */
function quiet<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/** Both socket tables' listening, loopback-reachable sockets, by inode; `readable` false when /proc/net is hidden. */
function listening(fs: ProcFs): { byInode: Map<number, ProcSocket>; fingerprint: string; readable: boolean } {
  const byInode = new Map<number, ProcSocket>();
  let readable = false;
  for (const path of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    const text = quiet(() => fs.readFile(path));
    if (text !== undefined) readable = true;
    for (const socket of parseProcNetTcp(text ?? "")) if (reachableOnLoopback(socket.address)) byInode.set(socket.inode, socket);
  }
  const fingerprint = [...byInode.keys()].sort((a, b) => a - b).join(",");
  return { byInode, fingerprint, readable };
}

/** The same candidates from `ss -tlnpH` output, for when /proc/net cannot be read. */
export function candidatesFromSs(fs: ProcFs, ssText: string): Candidate[] {
  const candidates: Candidate[] = [];
  for (const listener of parseSsListen(ssText)) {
    if (!reachableOnLoopback(listener.address) || candidates.some((c) => c.port === listener.port)) continue;
    for (const owner of listener.owners) {
      const dir = `/proc/${owner.pid}`;
      const cmdline = quiet(() => fs.readFile(`${dir}/cmdline`));
      const argv = cmdline ? parseCmdline(cmdline) : [owner.command];
      if (!looksLikeOpencode(argv, owner.command)) continue;
      const stat = quiet(() => fs.readFile(`${dir}/stat`));
      candidates.push({
        port: listener.port,
        process: { pid: owner.pid, argv, cwd: quiet(() => fs.readlink(`${dir}/cwd`)), startTime: stat ? parseStartTime(stat) : undefined },
      });
      break;
    }
  }
  return candidates;
}

const INTERPRETERS = /^(node|nodejs|bun|deno)(\d|$)/;

/** The process behind `pid` if it looks like OpenCode, with the inodes of its sockets among `wanted`. */
function opencodeProcess(fs: ProcFs, pid: number, wanted: Map<number, ProcSocket>): { info: ProcessInfo; inodes: number[] } | undefined {
  const dir = `/proc/${pid}`;
  // One readlink rules out most processes; the command line is read only for OpenCode binaries and
  // for interpreters that may run it (node, bun) or when the exe is unreadable.
  const exe = quiet(() => fs.readlink(`${dir}/exe`));
  const exeName = exe?.split("/").pop() ?? "";
  if (exe !== undefined && !exeName.startsWith("opencode") && !INTERPRETERS.test(exeName)) return undefined;
  const cmdline = quiet(() => fs.readFile(`${dir}/cmdline`));
  if (cmdline === undefined) return undefined; // gone
  const argv = parseCmdline(cmdline);
  if (!looksLikeOpencode(argv, exe)) return undefined;
  const fds = quiet(() => fs.readdir(`${dir}/fd`));
  if (!fds) return undefined; // another user's, or gone
  const inodes: number[] = [];
  for (const fd of fds) {
    const link = quiet(() => fs.readlink(`${dir}/fd/${fd}`));
    const inode = link ? socketInode(link) : undefined;
    if (inode !== undefined && wanted.has(inode)) inodes.push(inode);
  }
  if (!inodes.length) return undefined;
  const stat = quiet(() => fs.readFile(`${dir}/stat`));
  if (stat === undefined) return undefined; // exited between the reads
  const cwd = quiet(() => fs.readlink(`${dir}/cwd`));
  return { info: { pid, argv, exe, cwd, startTime: parseStartTime(stat) }, inodes };
}

/**
 * Sockets joined to their OpenCode processes. Processes are filtered by name before their fds are
 * walked: reading two small files per process is cheaper than a readlink per descriptor.
 */
export function scanProc(fs: ProcFs = realProcFs): { candidates: Candidate[]; fingerprint: string; unowned: ProcSocket[] } {
  const { byInode, fingerprint } = listening(fs);
  if (byInode.size === 0) return { candidates: [], fingerprint, unowned: [] };
  const pids = (quiet(() => fs.readdir("/proc")) ?? []).filter((name) => /^\d+$/.test(name)).map(Number);
  const candidates: Candidate[] = [];
  const owned = new Set<number>();
  for (const pid of pids) {
    const entry = opencodeProcess(fs, pid, byInode);
    if (!entry) continue;
    for (const inode of entry.inodes) {
      if (owned.has(inode)) continue; // a socket shared by parent and child is one server
      owned.add(inode);
      const port = byInode.get(inode)!.port;
      if (!candidates.some((c) => c.port === port)) candidates.push({ port, process: entry.info });
    }
  }
  const unowned = [...byInode.values()].filter((socket) => !owned.has(socket.inode));
  return { candidates, fingerprint, unowned };
}

/** The Linux reader for the scan loop; `ss` runs only when /proc/net cannot be read. */
export function makeLinuxReader(fs: ProcFs = realProcFs, runSs: () => Promise<string> = () => runTool("ss", ["-tlnpH"])): PlatformReader {
  return {
    platform: "linux",
    quick: async () => {
      const { fingerprint, readable } = listening(fs);
      return readable ? fingerprint : undefined;
    },
    full: async () => {
      if (!listening(fs).readable) {
        const text = await runSs();
        return { candidates: candidatesFromSs(fs, text), fingerprint: text };
      }
      const { candidates, fingerprint } = scanProc(fs);
      return { candidates, fingerprint };
    },
  };
}
