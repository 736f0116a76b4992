/** The Linux fallback when /proc/net is hidden: `ss -tlnpH` output, recorded and written. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeLinuxReader } from "../../../../server/discovery/linux";
import { parseSsListen } from "../../../../server/discovery/ss";
import { addProcess, loadRecordedProc, procFs } from "./proc-fixture";

const text = readFileSync(join(import.meta.dirname, "../../../fixtures/discovery/linux-ss.txt"), "utf8");

describe("ss fallback", () => {
  it("parses listening sockets with the owners ss could see", () => {
    const listeners = parseSsListen(text);
    expect(listeners[0]).toEqual({ address: "127.0.0.1", port: 42247, owners: [{ command: "opencode", pid: 23285 }] });
    expect(listeners[2]).toEqual({ address: "0.0.0.0", port: 2024, owners: [] });
    expect(listeners[4]).toEqual({
      address: "0.0.0.0",
      port: 4100,
      owners: [
        { command: "opencode", pid: 30001 },
        { command: "opencode", pid: 30002 },
      ],
    });
    expect(listeners[5]).toMatchObject({ address: "::1", port: 4200 });
    expect(parseSsListen("")).toEqual([]);
  });

  it("is used only when /proc/net/tcp cannot be read, and reads each owner from /proc/PID", async () => {
    const tree = loadRecordedProc();
    addProcess(tree, 30001, ["/usr/local/bin/opencode", "serve", "--hostname", "0.0.0.0", "--port", "4100"], { cwd: "/srv/shared" });
    let ran = 0;
    const hidden = procFs(tree, (path) => (path.startsWith("/proc/net/") ? "EACCES" : undefined));
    const reader = makeLinuxReader(hidden, async () => {
      ran++;
      return text;
    });
    expect(await reader.quick()).toBeUndefined();
    const scan = await reader.full();
    expect(ran).toBe(1);
    expect(scan.candidates.map((c) => c.port)).toEqual([42247, 45123, 4100]);
    expect(scan.candidates[2].process).toMatchObject({ pid: 30001, cwd: "/srv/shared", startTime: "5000" });
    const visible = makeLinuxReader(procFs(tree), async () => {
      ran++;
      return text;
    });
    await visible.full();
    expect(ran).toBe(1);
  });
});
