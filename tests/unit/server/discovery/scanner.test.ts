/**
 * The discovery loop with a fake platform reader and probe: it walks processes and probes only when
 * the listening sockets changed, asks again when a starting server did not answer, forgets servers
 * that stopped, and asks 127.0.0.1:4096 whatever the reader saw.
 */
import { describe, expect, it } from "vitest";
import type { ProbeVerdict } from "../../../../server/discovery/probe";
import { createScanner } from "../../../../server/discovery/scanner";
import type { Candidate, PlatformReader } from "../../../../server/discovery/types";

function rig(initial: Candidate[], answers: Record<number, ProbeVerdict>) {
  let candidates = initial;
  let clock = 0;
  const calls = { full: 0, probes: [] as number[] };
  const reader: PlatformReader = {
    platform: "test",
    quick: async () => candidates.map((c) => `${c.port}/${c.process?.pid}`).join(","),
    full: async () => {
      calls.full++;
      return { candidates, fingerprint: candidates.map((c) => `${c.port}/${c.process?.pid}`).join(",") };
    },
  };
  let changes = 0;
  const scanner = createScanner({
    reader,
    probe: async (port) => {
      calls.probes.push(port);
      return answers[port] ?? { kind: "no-answer" };
    },
    onChange: () => changes++,
    now: () => clock,
  });
  return {
    scanner,
    calls,
    changes: () => changes,
    set: (next: Candidate[]) => (candidates = next),
    advance: (ms: number) => (clock += ms),
  };
}

const serve = (port: number, pid: number): Candidate => ({
  port,
  process: { pid, startTime: "100", argv: ["opencode", "serve", "--port", String(port)], cwd: "/srv/p" },
});

describe("the discovery loop", () => {
  it("describes a found server and does no work while nothing listens anew", async () => {
    const r = rig([serve(5001, 11)], {
      5001: { kind: "opencode", version: "1.18.33", directory: "/srv/project" },
      4096: { kind: "no-answer" },
    });
    await r.scanner.tick();
    expect(r.scanner.servers()).toEqual([
      {
        id: "5001-11-100",
        port: 5001,
        url: "http://127.0.0.1:5001",
        directory: "/srv/project",
        version: "1.18.33",
        pid: 11,
        startTime: "100",
        command: "opencode serve --port 5001",
        how: "serve",
        locked: false,
        ownership: "own",
      },
    ]);
    expect(r.changes()).toBe(1);
    const probes = r.calls.probes.length;
    for (let i = 0; i < 5; i++) {
      r.advance(1_000);
      await r.scanner.tick();
    }
    expect(r.calls.full).toBe(1);
    // Only the well-known port is asked again (every 3 s), never the known server.
    expect(r.calls.probes.slice(probes).every((port) => port === 4096)).toBe(true);
    expect(r.changes()).toBe(1);
  });

  it("asks again on the next tick when a server did not answer yet (still starting)", async () => {
    const answers: Record<number, ProbeVerdict> = { 5002: { kind: "no-answer" } };
    const r = rig([serve(5002, 12)], answers);
    await r.scanner.tick();
    expect(r.scanner.servers()).toEqual([]);
    answers[5002] = { kind: "locked" };
    r.advance(1_000);
    await r.scanner.tick();
    expect(r.scanner.servers()).toMatchObject([{ port: 5002, locked: true, directory: "/srv/p", version: undefined }]);
  });

  it("asks a port that never answers less and less often, and never walks processes again for it", async () => {
    const r = rig([serve(5005, 16)], { 4096: { kind: "no-answer" } });
    for (let i = 0; i < 60; i++) {
      await r.scanner.tick();
      r.advance(1_000);
    }
    const asked = r.calls.probes.filter((port) => port === 5005).length;
    expect(asked).toBeGreaterThanOrEqual(10);
    expect(asked).toBeLessThan(25);
    expect(r.calls.full).toBe(2); // the first scan and the 30 s safety net
  });

  it("forgets a server whose socket closed, and re-describes a new process on the same port", async () => {
    const r = rig([serve(5003, 13)], { 5003: { kind: "opencode", version: "1" } });
    await r.scanner.tick();
    r.set([]);
    r.advance(1_000);
    await r.scanner.tick();
    expect(r.scanner.servers()).toEqual([]);
    r.set([serve(5003, 14)]);
    r.advance(1_000);
    await r.scanner.tick();
    expect(r.scanner.servers().map((s) => s.pid)).toEqual([14]);
    expect(r.changes()).toBe(3);
  });

  it("drops a candidate that answers like something else (an HTML page)", async () => {
    const r = rig([serve(5004, 15)], { 5004: { kind: "not-opencode" } });
    await r.scanner.tick();
    expect(r.scanner.servers()).toEqual([]);
  });

  it("finds a server on 4096 that shows no process (another user's, a container's) and notices when it goes", async () => {
    const answers: Record<number, ProbeVerdict> = { 4096: { kind: "opencode", version: "1.2", directory: "/home/other/p" } };
    const r = rig([], answers);
    await r.scanner.tick();
    expect(r.scanner.servers()).toMatchObject([
      { port: 4096, pid: undefined, ownership: "foreign", how: "unknown", directory: "/home/other/p" },
    ]);
    answers[4096] = { kind: "no-answer" };
    r.advance(1_000);
    await r.scanner.tick();
    expect(r.scanner.servers()).toHaveLength(1); // not asked again yet
    r.advance(3_000);
    await r.scanner.tick();
    expect(r.scanner.servers()).toEqual([]);
  });

  it("keeps a server on 4096 without a process while other ports open, and asks 4096 only every few seconds", async () => {
    const answers: Record<number, ProbeVerdict> = {
      4096: { kind: "opencode", version: "1.2" },
      5006: { kind: "opencode", version: "1.3" },
    };
    const r = rig([], answers);
    await r.scanner.tick();
    r.set([serve(5006, 17)]);
    r.advance(1_000);
    await r.scanner.tick();
    expect(r.scanner.servers().map((s) => [s.port, s.pid])).toEqual([
      [4096, undefined],
      [5006, 17],
    ]);
    expect(r.calls.probes).toEqual([4096, 5006]);
    r.advance(1_000);
    await r.scanner.tick();
    expect(r.calls.probes).toEqual([4096, 5006]);
    r.advance(1_000);
    await r.scanner.tick();
    expect(r.calls.probes).toEqual([4096, 5006, 4096]);
    expect(r.calls.full).toBe(2);
    expect(r.changes()).toBe(2);
  });
});
