/**
 * Pure parsers of what Linux prints under /proc, tested on recorded output: the socket tables
 * (/proc/net/tcp{,6}), /proc/net/sockstat6, and a process's stat and cmdline.
 */

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

/**
 * Where the listening sockets of a /proc/net/tcp{,6} text end: the offset of the first complete
 * line in another state, or -1 while none has been read yet. The kernel lists the listening hash
 * before the connections (tcp_get_idx: listening_get_idx, then established_get_idx), so nothing
 * after that line can be listening, and a reader may stop there instead of making the kernel walk
 * its whole connection table (262,144 buckets here) to the end of the file.
 * `from` lets a caller that reads piece by piece skip the lines it already looked at.
 */
export function endOfListening(text: string, from = 0): number {
  let start = from > 0 ? from : text.indexOf("\n") + 1; // the first line is the header
  if (start === 0) return -1;
  for (let end = text.indexOf("\n", start); end !== -1; start = end + 1, end = text.indexOf("\n", start)) {
    const state = text.slice(start, end).trim().split(/\s+/)[3];
    if (state !== undefined && state !== "0A") return start;
  }
  return -1;
}

/**
 * `TCP6: inuse N` of /proc/net/sockstat6: how many IPv6 TCP sockets are hashed (listening ones
 * included). 0 means /proc/net/tcp6 has no listening socket, so it need not be read (reading it
 * costs a walk of the whole connection table even when it is empty). Undefined when absent.
 */
export function tcp6InUse(sockstat6: string): number | undefined {
  const match = /^TCP6:\s+inuse\s+(\d+)/m.exec(sockstat6);
  return match ? Number(match[1]) : undefined;
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
