/**
 * Linux discovery on recorded /proc output: the parsers, and a whole scan of a recorded machine,
 * including other users' sockets and processes that exit while the scan reads them.
 */
import { describe, expect, it } from "vitest";
import {
  decodeIpv4,
  decodeIpv6,
  makeLinuxReader,
  parseCmdline,
  parseProcNetTcp,
  parseStartTime,
  scanProc,
  socketInode,
} from "../../../../server/discovery/linux";
import { addListeningSocket, addProcess, loadRecordedProc, procFs, RECORDED_PID, RECORDED_PORT } from "./proc-fixture";

describe("parsers", () => {
  it("decodes the kernel's little-endian addresses", () => {
    expect(decodeIpv4("0100007F")).toBe("127.0.0.1");
    expect(decodeIpv4("00000000")).toBe("0.0.0.0");
    expect(decodeIpv6("00000000000000000000000001000000")).toBe("::1");
    expect(decodeIpv6("00000000000000000000000000000000")).toBe("::");
    expect(decodeIpv6("0000000000000000FFFF00000100007F")).toBe("::ffff:127.0.0.1");
  });

  it("lists only listening sockets (state 0A) of the recorded /proc/net/tcp, with uid and inode", () => {
    const tree = loadRecordedProc();
    const sockets = parseProcNetTcp(tree.files["/proc/net/tcp"]);
    expect(sockets.length).toBeGreaterThan(0);
    expect(sockets).toContainEqual({ address: "127.0.0.1", port: RECORDED_PORT, uid: 0, inode: expect.any(Number) });
    // Established connections (state 06) in the same file are not listed.
    expect(tree.files["/proc/net/tcp"]).toMatch(/ 06 /);
    expect(sockets.every((socket) => socket.inode > 0)).toBe(true);
  });

  it("reads tcp6 lines and skips lines that do not parse", () => {
    const text = [
      "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
      "   0: 00000000000000000000000001000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4242 1 0000000000000000 100 0 0 10 0",
      "   1: garbage",
      "   2: 00000000000000000000000000000000:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 0 1 0000000000000000 100 0 0 10 0",
    ].join("\n");
    expect(parseProcNetTcp(text)).toEqual([{ address: "::1", port: 8080, uid: 1000, inode: 4242 }]);
    expect(parseProcNetTcp("")).toEqual([]);
  });

  it("reads socket links, start times (even with ') ' in the name) and command lines", () => {
    expect(socketInode("socket:[58703]")).toBe(58703);
    expect(socketInode("pipe:[58654]")).toBeUndefined();
    expect(socketInode("/dev/null")).toBeUndefined();
    const recorded = loadRecordedProc().files[`/proc/${RECORDED_PID}/stat`];
    expect(parseStartTime(recorded)).toBe("98869");
    expect(parseStartTime("42 (odd) name) S 1 42 42 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 777 1 1")).toBe("777");
    expect(parseStartTime("")).toBeUndefined();
    expect(parseCmdline("opencode\0serve\0--port\x004096\0")).toEqual(["opencode", "serve", "--port", "4096"]);
    expect(parseCmdline("a\0\0b\0")).toEqual(["a", "", "b"]);
  });
});

describe("a scan of a recorded machine", () => {
  it("finds the OpenCode server with its pid, start time, command and directory", async () => {
    const result = await scanProc(procFs(loadRecordedProc()));
    expect(result.candidates).toEqual([
      {
        port: RECORDED_PORT,
        process: {
          pid: RECORDED_PID,
          startTime: "98869",
          argv: [expect.stringMatching(/opencode$/), "serve", "--hostname", "127.0.0.1", "--port", String(RECORDED_PORT)],
          exe: expect.stringMatching(/opencode$/),
          cwd: "/tmp/sbrec/proj",
        },
      },
    ]);
  });

  it("leaves other users' sockets without a process and does not fail on their unreadable fds", async () => {
    const tree = loadRecordedProc();
    addListeningSocket(tree, "0100007F", 4096, 1001, 880001);
    addProcess(tree, 90001, ["/home/other/.opencode/bin/opencode", "serve"], { inodes: [880001] });
    const fs = procFs(tree, (path) =>
      path.startsWith("/proc/90001/") && !path.endsWith("cmdline") && !path.endsWith("stat") ? "EACCES" : undefined,
    );
    const result = await scanProc(fs);
    expect(result.candidates.map((c) => c.port)).toEqual([RECORDED_PORT]);
    expect(result.unowned).toContainEqual({ address: "127.0.0.1", port: 4096, uid: 1001, inode: 880001 });
  });

  it("skips processes that exit mid-scan, at any read", async () => {
    for (const vanishing of ["fd", "fd/10", "stat", "cwd"]) {
      const tree = loadRecordedProc();
      addListeningSocket(tree, "0100007F", 47000, 0, 880002);
      addProcess(tree, 90002, ["/usr/local/bin/opencode", "serve", "--port", "47000"], { inodes: [880002], cwd: "/srv/app" });
      const fs = procFs(tree, (path) => (path === `/proc/90002/${vanishing}` ? "ENOENT" : undefined));
      const ports = (await scanProc(fs)).candidates.map((c) => c.port).sort();
      if (vanishing === "cwd") expect(ports, vanishing).toEqual([RECORDED_PORT, 47000]);
      else expect(ports, vanishing).toEqual([RECORDED_PORT]);
    }
  });

  it("does not walk the fds of processes that are not OpenCode", async () => {
    const tree = loadRecordedProc();
    const fs = procFs(tree);
    await scanProc(fs);
    const processes = tree.dirs["/proc"].length;
    // Two reads per process (cmdline, exe) plus the OpenCode process's fds: far fewer than one per fd.
    expect(fs.reads).toBeLessThan(processes * 2 + 40);
  });

  it("ignores sockets bound to an address 127.0.0.1 does not reach", async () => {
    const tree = loadRecordedProc();
    addListeningSocket(tree, "0101A8C0", 47001, 0, 880003); // 192.168.1.1
    addProcess(tree, 90003, ["/usr/local/bin/opencode", "serve", "--hostname", "192.168.1.1"], { inodes: [880003] });
    expect((await scanProc(procFs(tree))).candidates.map((c) => c.port)).toEqual([RECORDED_PORT]);
  });

  it("gives a cheap fingerprint that changes only when the listening sockets do", async () => {
    const tree = loadRecordedProc();
    const reader = makeLinuxReader(procFs(tree));
    const before = await reader.quick();
    expect(await reader.quick()).toBe(before);
    addListeningSocket(tree, "0100007F", 47002, 0, 880004);
    expect(await reader.quick()).not.toBe(before);
  });
});
