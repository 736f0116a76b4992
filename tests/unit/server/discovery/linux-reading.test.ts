/**
 * How the Linux reader reads /proc once a second without costing much: /proc/net files kept open
 * and read piece by piece as the kernel hands them out, only as far as the listening sockets go,
 * /proc/net/tcp6 only when sockstat6 counts an IPv6 socket, and processes walked only for sockets
 * it has not seen. The kernel side is a fake that serves whole lines up to a page per read
 * (seqFileIo); one test reads the real /proc/net/tcp with more listening sockets than a page holds.
 */
import { createServer, type Server } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { endOfListening, tcp6InUse } from "../../../../server/discovery/linux-parse";
import { makeLinuxReader, realProcFs, scanProc } from "../../../../server/discovery/linux";
import { makePrefixReader } from "../../../../server/discovery/linux-tables";
import { addListeningSocket, addProcess, loadRecordedProc, PAGE, removeSocket, seqFileIo, seqProcFs, RECORDED_PORT } from "./proc-fixture";

const HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode".padEnd(149);
const socketLine = (n: number, state: string, port: number, inode: number) =>
  `${String(n).padStart(4)}: 0100007F:${port.toString(16).toUpperCase().padStart(4, "0")} 00000000:0000 ${state} 00000000:00000000 00:00000000 00000000     0        0 ${inode} 1 0000000000000000 100 0 0 10 0`.padEnd(
    149,
  );

/** A socket table as the kernel prints it: `listening` sockets first, then `connections` lines. */
function table(listening: number, connections: number): string {
  const lines = [HEADER];
  for (let i = 0; i < listening; i++) lines.push(socketLine(i, "0A", 20000 + i, 700000 + i));
  for (let i = 0; i < connections; i++) lines.push(socketLine(listening + i, "01", 40000 + i, 800000 + i));
  return `${lines.join("\n")}\n`;
}

describe("reading a /proc/net file piece by piece", () => {
  it("reads a table longer than one kernel page to its end (one read returns at most a page)", () => {
    const text = table(40, 60);
    const io = seqFileIo(() => ({ "/proc/net/tcp": text }));
    expect(makePrefixReader(io).read("/proc/net/tcp", () => false)).toBe(text);
    expect(io.reads).toBeGreaterThan(text.length / PAGE);
  });

  it("stops as soon as it has enough, and opens each file once, reading it afresh from offset 0", () => {
    let text = table(3, 2_000);
    const io = seqFileIo(() => ({ "/proc/net/tcp": text }));
    const reader = makePrefixReader(io);
    const first = reader.read("/proc/net/tcp", (sofar) => endOfListening(sofar) !== -1, 150 * 5);
    expect(first.length).toBeLessThan(PAGE);
    expect(io.served).toBeLessThan(PAGE);
    text = table(4, 2_000);
    const second = reader.read("/proc/net/tcp", (sofar) => endOfListening(sofar) !== -1);
    expect(second).toContain(":4E23 "); // port 20003, listening since the first read
    expect(io.opens).toBe(1);
  });

  it("opens the file again after a failed read", () => {
    const io = seqFileIo(() => ({ "/proc/net/tcp": table(1, 0) }));
    const pread = io.pread;
    let fail = true;
    io.pread = (...args) => {
      if (fail) throw Object.assign(new Error("EIO"), { code: "EIO" });
      return pread(...args);
    };
    const reader = makePrefixReader(io);
    expect(() => reader.read("/proc/net/tcp", () => false)).toThrow("EIO");
    fail = false;
    expect(reader.read("/proc/net/tcp", () => false)).toContain(" 0A ");
    expect(io.opens).toBe(2);
  });
});

describe("the listening part of the socket tables", () => {
  it("finds where the listening sockets end, from any line on", () => {
    const text = table(2, 2);
    const firstConnection = text.indexOf("   2: ");
    expect(endOfListening(text)).toBe(firstConnection);
    expect(endOfListening(text, text.indexOf("   1: "))).toBe(firstConnection);
    expect(endOfListening(table(2, 0))).toBe(-1);
    // A connection line not yet complete does not end it: its state may be cut.
    expect(endOfListening(text.slice(0, firstConnection + 20))).toBe(-1);
    expect(endOfListening("")).toBe(-1);
  });

  it("reads sockstat6's count of IPv6 TCP sockets", () => {
    expect(tcp6InUse("TCP6: inuse 0\nUDP6: inuse 2\n")).toBe(0);
    expect(tcp6InUse("TCP6: inuse 12\n")).toBe(12);
    expect(tcp6InUse("nothing here")).toBeUndefined();
  });

  it("reads every listening socket past the first page, and stops at the first connection", async () => {
    const tree = loadRecordedProc();
    tree.files["/proc/net/tcp"] = table(40, 3_000);
    const fs = seqProcFs(tree);
    const fingerprint = await makeLinuxReader(fs).quick();
    expect(fingerprint?.split(",")).toHaveLength(40);
    // 41 lines of 150 bytes and a page at most past them, not the 3,000 connections.
    expect(fs.io.served).toBeLessThan(41 * 150 + PAGE);
  });

  it("asks for what the listening sockets took last time, so a quiet tick makes the kernel produce little", async () => {
    const tree = loadRecordedProc();
    tree.files["/proc/net/tcp"] = table(5, 3_000);
    const fs = seqProcFs(tree);
    const reader = makeLinuxReader(fs);
    await reader.quick();
    const before = fs.io.served;
    await reader.quick();
    expect(fs.io.served - before).toBeLessThanOrEqual(8 * 150);
  });

  it("reads /proc/net/tcp6 only when sockstat6 counts an IPv6 TCP socket", async () => {
    const tree = loadRecordedProc();
    const fs = seqProcFs(tree);
    let tcp6Reads = 0;
    const pread = fs.io.pread;
    const opened = new Map<number, string>();
    const open = fs.io.open;
    fs.io.open = (path) => {
      const fd = open(path);
      opened.set(fd, path);
      return fd;
    };
    fs.io.pread = (fd, ...rest) => {
      if (opened.get(fd) === "/proc/net/tcp6") tcp6Reads++;
      return pread(fd, ...rest);
    };
    const reader = makeLinuxReader(fs);
    tree.files["/proc/net/sockstat6"] = "TCP6: inuse 0\nUDP6: inuse 0\n";
    await reader.quick();
    expect(tcp6Reads).toBe(0);
    tree.files["/proc/net/sockstat6"] = "TCP6: inuse 1\nUDP6: inuse 0\n";
    tree.files["/proc/net/tcp6"] +=
      "   0: 00000000000000000000000000000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4242 1 0000000000000000 100 0 0 10 0\n";
    expect((await reader.quick())?.split(",")).toContain("4242");
    expect(tcp6Reads).toBeGreaterThan(0);
    // Without sockstat6 (IPv6 disabled, or hidden) both tables are read, as before.
    delete tree.files["/proc/net/sockstat6"];
    const plain = makeLinuxReader(seqProcFs(tree));
    expect((await plain.quick())?.split(",")).toContain("4242");
  });
});

describe("the real /proc/net/tcp", () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => new Promise((ok) => server.close(ok))));
  });

  it.runIf(process.platform === "linux")("lists more listening sockets than one read of the file returns", async () => {
    for (let i = 0; i < 40; i++) {
      const server = createServer();
      servers.push(server);
      await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    }
    const ports = servers.map((server) => (server.address() as { port: number }).port);
    const seen = new Set(scanProc(realProcFs).unowned.map((socket) => socket.port));
    expect(ports.filter((port) => !seen.has(port))).toEqual([]);
  });
});

describe("walking processes only for sockets not seen before", () => {
  function rig() {
    const tree = loadRecordedProc();
    const fs = seqProcFs(tree);
    let walks = 0;
    const readdir = fs.readdir;
    fs.readdir = (path) => {
      if (path === "/proc") walks++;
      return readdir(path);
    };
    return { tree, reader: makeLinuxReader(fs), walks: () => walks };
  }
  const ports = (scan: { candidates: { port: number }[] }) => scan.candidates.map((c) => c.port).sort((a, b) => a - b);

  it("walks once for a new socket, not at all while nothing changes or when a socket closes", async () => {
    const r = rig();
    expect(ports(await r.reader.full())).toEqual([RECORDED_PORT]);
    expect(r.walks()).toBe(1);
    await r.reader.full();
    expect(r.walks()).toBe(1);
    addListeningSocket(r.tree, "0100007F", 47010, 0, 880010);
    addProcess(r.tree, 90010, ["/usr/local/bin/opencode", "--port", "47010"], { inodes: [880010], cwd: "/srv/tui" });
    const scan = await r.reader.full();
    expect(ports(scan)).toEqual([RECORDED_PORT, 47010]);
    expect(scan.candidates.find((c) => c.port === 47010)?.process).toMatchObject({ pid: 90010, cwd: "/srv/tui" });
    expect(r.walks()).toBe(2);
    removeSocket(r.tree, 880010);
    expect(ports(await r.reader.full())).toEqual([RECORDED_PORT]);
    expect(r.walks()).toBe(2);
  });

  it("does not walk again for a socket no OpenCode process holds (another program's)", async () => {
    const r = rig();
    addListeningSocket(r.tree, "0100007F", 5432, 0, 880011);
    await r.reader.full();
    await r.reader.full();
    expect(r.walks()).toBe(1);
  });

  it("looks for the owner again when the process that held a socket exited and a child keeps it", async () => {
    const r = rig();
    addListeningSocket(r.tree, "0100007F", 47012, 0, 880012);
    addProcess(r.tree, 90012, ["/usr/local/bin/opencode", "serve", "--port", "47012"], { inodes: [880012] });
    expect((await r.reader.full()).candidates.find((c) => c.port === 47012)?.process?.pid).toBe(90012);
    delete r.tree.files["/proc/90012/stat"];
    r.tree.dirs["/proc"] = r.tree.dirs["/proc"].filter((pid) => pid !== "90012");
    addProcess(r.tree, 90013, ["/usr/local/bin/opencode", "serve", "--port", "47012"], { inodes: [880012], startTime: "6000" });
    expect((await r.reader.full()).candidates.find((c) => c.port === 47012)?.process).toMatchObject({ pid: 90013, startTime: "6000" });
    expect(r.walks()).toBe(2);
  });
});
