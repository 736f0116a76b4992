/**
 * Linux fallback when /proc/net/tcp cannot be read (some sandboxes hide it): `ss -tlnpH` lists the
 * listening sockets, with `users:(("opencode",pid=N,fd=M))` for the user's own processes. Pure
 * parser; the Linux reader runs ss and reads the rest of each process from /proc/PID as usual.
 */

export interface SsListener {
  address: string;
  port: number;
  /** Owners ss could see (only the user's own processes). */
  owners: { command: string; pid: number }[];
}

/** Parses `ss -tlnpH` output. */
export function parseSsListen(text: string): SsListener[] {
  const out: SsListener[] = [];
  for (const line of text.split("\n")) {
    const cols = line.trim().split(/\s+/);
    if (cols[0] !== "LISTEN" || cols.length < 5) continue;
    const local = cols[3];
    const match = /^(.*):(\d+)$/.exec(local);
    if (!match) continue;
    const address = match[1].replace(/^\[|\]$/g, "").replace(/%.*$/, "");
    const owners = [...line.matchAll(/\("([^"]*)",pid=(\d+),fd=\d+\)/g)].map((m) => ({ command: m[1], pid: Number(m[2]) }));
    out.push({ address: address === "*" ? "0.0.0.0" : address, port: Number(match[2]), owners });
  }
  return out;
}
