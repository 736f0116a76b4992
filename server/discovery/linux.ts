/**
 * Linux without root: /proc/net/tcp{,6} lists listening sockets (state 0A) with their inode; the
 * process holding an inode is found through /proc/PID/fd links (`socket:[INODE]`), and the process
 * told by /proc/PID/{cmdline,exe,cwd,stat}. Other users' processes refuse fd/cwd (EACCES) and any
 * process may exit while we look (ENOENT): both just leave that socket without a process.
 * The parsers are pure and tested on recorded output (linux-parse.ts); `makeLinuxReader` is the
 * thin part that reads. Where /proc/net is hidden it falls back to `ss -tlnpH` (ss.ts).
 */
import { readFileSync, readdirSync, readlinkSync } from "node:fs";
import {
  endOfListening,
  parseCmdline,
  parseProcNetTcp,
  parseStartTime,
  reachableOnLoopback,
  socketInode,
  tcp6InUse,
  type ProcSocket,
} from "./linux-parse.js";
import { makePrefixReader } from "./linux-tables.js";
import { runTool } from "./run.js";
import { parseSsListen } from "./ss.js";
import type { Candidate, PlatformReader, ProcessInfo } from "./types.js";
import { looksLikeOpencode } from "./types.js";

export {
  decodeIpv4,
  decodeIpv6,
  parseCmdline,
  parseProcNetTcp,
  parseStartTime,
  reachableOnLoopback,
  socketInode,
  type ProcSocket,
} from "./linux-parse.js";

/**
 * What the reader needs from the file system; tests pass recorded trees. Synchronous on purpose:
 * /proc is in memory, and a promise plus a thread-pool hop per file made a scan of ~100 processes
 * cost ~60 ms of CPU instead of a few (measured on the 2-core machine), and an idle tick 2.6 ms.
 */
export interface ProcFs {
  readFile(path: string): string;
  readdir(path: string): string[];
  readlink(path: string): string;
  /** `path` from its start until `enough(text)` (linux-tables.ts); without it, readFile is used. */
  readPrefix?(path: string, enough: (text: string) => boolean, firstBytes?: number): string;
}

const tables = makePrefixReader();

export const realProcFs: ProcFs = {
  readFile: (path) => (path.startsWith("/proc/net/") ? tables.read(path, () => false) : readFileSync(path, "utf8")),
  readdir: (path) => readdirSync(path),
  readlink: (path) => readlinkSync(path),
  readPrefix: (path, enough, firstBytes) => tables.read(path, enough, firstBytes),
};

/** The value, or undefined when the read failed (EACCES: another user's; ENOENT: it exited). */
function quiet<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/** A /proc/net/tcp line is 150 bytes (the kernel pads it to that; tcp6's are a little shorter). */
const LINE_BYTES = 150;

/**
 * The listening part of one socket table, read only as far as the listening sockets go. The first
 * read asks for what the listening part took last time and one line more: asking for less makes
 * the kernel walk less of its connection table.
 */
function listeningText(fs: ProcFs, path: string, lastBytes: number): string {
  if (!fs.readPrefix) return fs.readFile(path);
  let checked = 0;
  let end = -1;
  const text = fs.readPrefix(
    path,
    (sofar) => {
      end = endOfListening(sofar, checked);
      checked = Math.max(checked, sofar.lastIndexOf("\n") + 1);
      return end !== -1;
    },
    Math.max(lastBytes, LINE_BYTES) + LINE_BYTES,
  );
  // Only whole listening lines: the rest (a connection, a cut line) changes on every read.
  return end !== -1 ? text.slice(0, end) : text.slice(0, text.lastIndexOf("\n") + 1);
}

interface Listening {
  byInode: Map<number, ProcSocket>;
  fingerprint: string;
  /** False when /proc/net is hidden (then `ss` is asked). */
  readable: boolean;
}

/**
 * Both socket tables' listening, loopback-reachable sockets, by inode. Reads /proc/net/tcp6 only
 * when sockstat6 counts an IPv6 TCP socket, and parses only when the listening lines changed: an
 * idle tick is two preads and a string comparison.
 */
function makeListening(fs: ProcFs): () => Listening {
  let lastText: string | undefined;
  let last: Listening | undefined;
  const lastBytes = new Map<string, number>();
  return () => {
    const v6 = quiet(() =>
      tcp6InUse(
        fs.readPrefix ? fs.readPrefix("/proc/net/sockstat6", (t) => /^TCP6:.*\n/m.test(t), 256) : fs.readFile("/proc/net/sockstat6"),
      ),
    );
    const paths = v6 === 0 ? ["/proc/net/tcp"] : ["/proc/net/tcp", "/proc/net/tcp6"];
    const parts = paths.map((path) => quiet(() => listeningText(fs, path, lastBytes.get(path) ?? 0)));
    paths.forEach((path, i) => lastBytes.set(path, parts[i]?.length ?? 0));
    const readable = parts.some((part) => part !== undefined);
    const text = parts.join("\0");
    if (last && text === lastText && readable === last.readable) return last;
    const byInode = new Map<number, ProcSocket>();
    for (const part of parts)
      for (const socket of parseProcNetTcp(part ?? "")) if (reachableOnLoopback(socket.address)) byInode.set(socket.inode, socket);
    lastText = text;
    last = { byInode, fingerprint: [...byInode.keys()].sort((a, b) => a - b).join(","), readable };
    return last;
  };
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
 * The OpenCode process holding each of the `wanted` sockets, by inode. Processes are filtered by
 * name before their fds are walked: reading two small files per process is cheaper than a readlink
 * per descriptor. A socket shared by parent and child goes to the first (lower) pid.
 */
function findOwners(fs: ProcFs, wanted: Map<number, ProcSocket>): Map<number, ProcessInfo> {
  const owners = new Map<number, ProcessInfo>();
  if (wanted.size === 0) return owners;
  const pids = (quiet(() => fs.readdir("/proc")) ?? []).filter((name) => /^\d+$/.test(name)).map(Number);
  for (const pid of pids) {
    const entry = opencodeProcess(fs, pid, wanted);
    if (!entry) continue;
    for (const inode of entry.inodes) if (!owners.has(inode)) owners.set(inode, entry.info);
  }
  return owners;
}

/** One candidate per port, from the sockets that have an OpenCode owner. */
function candidatesOf(byInode: Map<number, ProcSocket>, owners: Map<number, ProcessInfo | null>): Candidate[] {
  const candidates = new Map<number, Candidate>();
  for (const [inode, socket] of byInode) {
    const owner = owners.get(inode);
    if (owner && !candidates.has(socket.port)) candidates.set(socket.port, { port: socket.port, process: owner });
  }
  return [...candidates.values()];
}

/** A complete scan: every listening socket joined to its OpenCode process (the bench's "one scan"). */
export function scanProc(fs: ProcFs = realProcFs): { candidates: Candidate[]; fingerprint: string; unowned: ProcSocket[] } {
  const { byInode, fingerprint } = makeListening(fs)();
  const owners = findOwners(fs, byInode);
  const unowned = [...byInode.values()].filter((socket) => !owners.has(socket.inode));
  return { candidates: candidatesOf(byInode, owners), fingerprint, unowned };
}

/**
 * The Linux reader for the scan loop; `ss` runs only when /proc/net cannot be read. It remembers
 * the owner of each listening socket while the socket lives, so a scan after a port opened walks
 * the processes once for the new socket, one after a port closed not at all, and the scan loop's
 * safety net costs a stat per server instead of a walk.
 */
export function makeLinuxReader(fs: ProcFs = realProcFs, runSs: () => Promise<string> = () => runTool("ss", ["-tlnpH"])): PlatformReader {
  const listening = makeListening(fs);
  /** By inode: its OpenCode process, or null when a walk found none (another program's, another user's). */
  let owners = new Map<number, ProcessInfo | null>();
  const stillRuns = (owner: ProcessInfo) => {
    const stat = quiet(() => fs.readFile(`/proc/${owner.pid}/stat`));
    return stat !== undefined && parseStartTime(stat) === owner.startTime;
  };
  return {
    platform: "linux",
    quick: async () => {
      const { fingerprint, readable } = listening();
      return readable ? fingerprint : undefined;
    },
    full: async () => {
      const table = listening();
      if (!table.readable) {
        owners = new Map();
        const text = await runSs();
        return { candidates: candidatesFromSs(fs, text), fingerprint: text };
      }
      const next = new Map<number, ProcessInfo | null>();
      const unknown = new Map<number, ProcSocket>();
      let walk = false;
      for (const [inode, socket] of table.byInode) {
        const owner = owners.get(inode);
        // An owner that exited (its socket kept by a child) is looked for again.
        if (owner && stillRuns(owner)) next.set(inode, owner);
        else {
          unknown.set(inode, socket);
          if (owner !== null) walk = true;
        }
      }
      // Sockets without an owner so far ride along on a walk that happens anyway.
      const found = walk ? findOwners(fs, unknown) : new Map<number, ProcessInfo>();
      for (const inode of unknown.keys()) next.set(inode, found.get(inode) ?? null);
      owners = next;
      return { candidates: candidatesOf(table.byInode, owners), fingerprint: table.fingerprint };
    },
  };
}
