/**
 * Process care with fake binaries (no real server needed): which binary is chosen, the sentences for
 * a missing binary, a taken port and a server that exits at start-up (with its last log lines), the
 * identity check before any signal, and a stop that leaves nothing of the process group.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CompanionError } from "../../../../server/errors";
import { resolveOpencodeBinary } from "../../../../server/processes/binary";
import { readIdentity } from "../../../../server/processes/identity";
import { LogBuffer, levelOf } from "../../../../server/processes/logs";
import { readRegistry, writeRegistry } from "../../../../server/processes/registry";
import { spawnServer } from "../../../../server/processes/spawn";
import { stopServerProcess } from "../../../../server/processes/stop";
import { fakeBinaries, groupAlive, type FakeBinaries } from "./fake-opencode";

let bins: FakeBinaries;
let work: string;
beforeAll(() => {
  bins = fakeBinaries();
  work = mkdtempSync(join(tmpdir(), "switchboard-proc-"));
});
afterAll(() => {
  bins.cleanup();
  rmSync(work, { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>): Promise<CompanionError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(CompanionError);
  return error as CompanionError;
}

describe("the opencode binary", () => {
  it("OPENCODE_BIN wins, then PATH, then the project's dependency; none is a sentence", () => {
    const onPath = bins.script("path", "exit 0");
    const own = bins.script("own", "exit 0");
    expect(resolveOpencodeBinary({ OPENCODE_BIN: own, PATH: join(bins.dir, "path") }, work)).toEqual({ path: own, source: "OPENCODE_BIN" });
    expect(resolveOpencodeBinary({ PATH: `/nonexistent:${join(bins.dir, "path")}` }, work)).toEqual({ path: onPath, source: "PATH" });
    const repo = join(import.meta.dirname, "../../../..");
    expect(resolveOpencodeBinary({ PATH: "/nonexistent" }, repo).source).toBe("project");
    expect(() => resolveOpencodeBinary({ PATH: "/nonexistent" }, work)).toThrow(/No opencode binary was found.*OPENCODE_BIN/);
    expect(() => resolveOpencodeBinary({ OPENCODE_BIN: join(work, "nope") }, work)).toThrow(/OPENCODE_BIN points to/);
  });
});

describe("starting a server: failures are sentences with the last log lines", () => {
  const base = () => ({ directory: work, env: { PATH: process.env.PATH }, logDir: join(work, "logs"), timeoutMs: 10_000 });

  it("a binary that is missing", async () => {
    const error = await failure(spawnServer({ ...base(), binary: join(work, "missing", "opencode") }));
    expect(error.message).toMatch(/binary .* is missing/);
  });

  it("a server that exits at start-up, with what it printed", async () => {
    const binary = bins.script("crash", 'echo "opencode server starting"; echo "Error: config is broken at line 3" >&2; exit 1');
    const error = await failure(spawnServer({ ...base(), binary }));
    expect(error.message).toMatch(/exited during start-up \(code 1\)/);
    expect(error.logs).toContain("Error: config is broken at line 3");
  });

  it("a port another program holds", async () => {
    const holder: Server = createServer();
    await new Promise<void>((ok) => holder.listen(0, "127.0.0.1", () => ok()));
    const port = (holder.address() as { port: number }).port;
    try {
      const error = await failure(spawnServer({ ...base(), binary: bins.script("never", "sleep 30"), port }));
      expect(error.status).toBe(409);
      expect(error.message).toMatch(new RegExp(`Port ${port} is taken`));
    } finally {
      holder.close();
    }
  });

  it("a directory that does not exist", async () => {
    const error = await failure(
      spawnServer({ ...base(), binary: bins.script("never2", "sleep 30"), directory: join(work, "no-such-dir") }),
    );
    expect(error.message).toMatch(/no directory/);
  });

  it("passes the password in the environment only, never as an argument, and masks it in the log", async () => {
    const binary = bins.script("echoer", 'echo "args: $*"; echo "pw: $OPENCODE_SERVER_PASSWORD"; exit 3');
    const error = await failure(spawnServer({ ...base(), binary, env: { PATH: process.env.PATH, OPENCODE_SERVER_PASSWORD: "users-own" } }));
    const lines = error.logs!.join("\n");
    expect(lines).toContain("args: serve --hostname 127.0.0.1 --port");
    expect(lines).toContain("--print-logs --log-level INFO");
    expect(lines).toContain("pw: ••••");
    expect(lines).not.toContain("users-own");
  });
});

describe("stopping", () => {
  const children: number[] = [];
  afterEach(() => children.splice(0));

  /** A fake server in its own group with a child of its own (like an MCP server). */
  async function fakeServerGroup(): Promise<number> {
    const binary = bins.script(`group-${children.length}`, "sleep 60 & sleep 60; wait");
    const child = spawn(binary, [], { detached: true, stdio: "ignore" });
    child.unref();
    bins.track(child.pid!);
    children.push(child.pid!);
    // Wait until the shell has started its background child.
    for (let i = 0; i < 100 && !(await readIdentity(child.pid!)); i++) await new Promise((ok) => setTimeout(ok, 20));
    return child.pid!;
  }

  it("refuses when the pid now belongs to another process (start time differs), and signals nothing", async () => {
    const pid = await fakeServerGroup();
    const error = await failure(stopServerProcess({ pid, startTime: "1" }));
    expect(error.status).toBe(409);
    expect(groupAlive(pid)).toBe(true);
  });

  it("refuses a process that is not OpenCode", async () => {
    const child = spawn("sleep", ["30"], { detached: true, stdio: "ignore" });
    bins.track(child.pid!);
    const identity = await readIdentity(child.pid!);
    const error = await failure(stopServerProcess({ pid: child.pid!, startTime: identity!.startTime }));
    expect(error.message).toMatch(/not an OpenCode server/);
    process.kill(-child.pid!, "SIGKILL");
  });

  it("stops the whole process group, children included", async () => {
    const pid = await fakeServerGroup();
    const identity = await readIdentity(pid);
    expect(identity?.pgid).toBe(pid);
    await stopServerProcess({ pid, startTime: identity!.startTime });
    expect(groupAlive(pid)).toBe(false);
  });

  it("uses SIGKILL when SIGTERM is ignored", async () => {
    const binary = bins.script("stubborn", "trap '' TERM; while true; do sleep 0.05; done");
    const child = spawn(binary, [], { detached: true, stdio: "ignore" });
    bins.track(child.pid!);
    for (let i = 0; i < 100 && !(await readIdentity(child.pid!)); i++) await new Promise((ok) => setTimeout(ok, 20));
    const identity = await readIdentity(child.pid!);
    await stopServerProcess({ pid: child.pid!, startTime: identity!.startTime }, 300);
    expect(groupAlive(child.pid!)).toBe(false);
  });
});

describe("the registry and logs", () => {
  it("writes the registry with mode 0600 and reads a damaged one as empty", () => {
    const dir = join(work, "state");
    writeRegistry(dir, {
      servers: [{ pid: 1, startTime: "2", port: 3, password: "secret", directory: "/d", stopOnExit: true, startedAt: 5 }],
      recentDirectories: ["/d"],
    });
    expect(statSync(join(dir, "servers.json")).mode & 0o777).toBe(0o600);
    expect(readRegistry(dir).servers[0]).toMatchObject({ pid: 1, password: "secret", stopOnExit: true });
    writeFileSync(join(dir, "servers.json"), "{not json");
    expect(readRegistry(dir)).toEqual({ servers: [], recentDirectories: [] });
    writeFileSync(join(dir, "servers.json"), JSON.stringify({ servers: [{ pid: "x" }, null], recentDirectories: [3, "/e"] }));
    expect(readRegistry(dir)).toEqual({ servers: [], recentDirectories: ["/e"] });
    expect(readFileSync(join(dir, "servers.json"), "utf8")).not.toContain("secret");
  });

  it("reads log levels from logfmt lines and numbers lines across partial chunks", async () => {
    expect(levelOf("timestamp=2026-11-28T09:45:48.409Z level=INFO run=d6bf1af6 message=loading")).toBe("INFO");
    expect(levelOf("timestamp=… level=ERROR message=boom")).toBe("ERROR");
    expect(levelOf("WARN something")).toBe("WARN");
    expect(levelOf("opencode server listening on http://127.0.0.1:4096")).toBe("OTHER");
    const buffer = new LogBuffer("hunter2");
    buffer.write("level=INFO a\nlevel=WA");
    buffer.write("RN b with hunter2\n");
    expect(buffer.page(0)).toEqual({
      lines: [
        { seq: 1, level: "INFO", text: "level=INFO a" },
        { seq: 2, level: "WARN", text: "level=WARN b with ••••" },
      ],
      next: 2,
    });
    const waiting = buffer.read(2, 5_000);
    buffer.write("level=ERROR c\n");
    expect((await waiting).lines.map((l) => l.seq)).toEqual([3]);
    expect(buffer.page(3)).toEqual({ lines: [], next: 3 });
  });
});
