/**
 * The companion's core with a fake platform reader: the list merges servers found with servers it
 * started, and stopping a server it did not start needs the identity the user confirmed (a changed
 * process is refused and left running; another user's server cannot be stopped at all).
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCompanion, type Companion } from "../../../server/companion";
import type { Candidate } from "../../../server/discovery/types";
import { CompanionError } from "../../../server/errors";
import { readIdentity } from "../../../server/processes/identity";
import { fakeBinaries, groupAlive, type FakeBinaries } from "./processes/fake-opencode";

let bins: FakeBinaries;
let dir: string;
let companion: Companion;
let candidates: Candidate[] = [];
let pid = 0;
let startTime = "";

beforeAll(async () => {
  bins = fakeBinaries();
  dir = mkdtempSync(join(tmpdir(), "switchboard-core-"));
  mkdirSync(join(dir, "dist"));
  writeFileSync(join(dir, "dist", "index.html"), "<html><head></head></html>");
  const child = spawn(bins.script("external", "sleep 60"), ["serve", "--port", "47999"], { detached: true, stdio: "ignore" });
  child.unref();
  pid = child.pid!;
  bins.track(pid);
  for (let i = 0; i < 100 && !(await readIdentity(pid)); i++) await new Promise((ok) => setTimeout(ok, 20));
  startTime = (await readIdentity(pid))!.startTime;
  candidates = [{ port: 47999, process: { pid, startTime, argv: ["opencode", "serve", "--port", "47999"], cwd: "/srv/external" } }];
  companion = await startCompanion({
    root: join(dir, "dist"),
    stateDir: join(dir, "state"),
    repoRoot: dir,
    reader: { platform: "test", quick: async () => "same", full: async () => ({ candidates, fingerprint: "same" }) },
    probe: async (port) =>
      port === 4096 ? { kind: "opencode", version: "9.9" } : { kind: "opencode", version: "1.18.33", directory: "/srv/external" },
    tickMs: 60_000,
  });
});

afterAll(async () => {
  await companion?.close();
  bins.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

async function refusal(promise: Promise<unknown>): Promise<CompanionError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(CompanionError);
  return error as CompanionError;
}

describe("the companion core", () => {
  it("lists what discovery found, with how it was started, and a server on 4096 without a process", () => {
    const list = companion.core.list();
    expect(list.servers).toEqual([
      expect.objectContaining({ port: 4096, pid: undefined, ownership: "foreign", version: "9.9" }),
      expect.objectContaining({ port: 47999, pid, startTime, how: "serve", ownership: "own", directory: "/srv/external", locked: false }),
    ]);
    expect(list.servers.every((server) => server.password === undefined)).toBe(true);
  });

  it("refuses to stop a server it did not start unless the confirmed identity matches, and signals nothing then", async () => {
    const id = companion.core.list().servers.find((server) => server.port === 47999)!.id;
    expect((await refusal(companion.core.stop(id, {}))).status).toBe(409);
    expect((await refusal(companion.core.stop(id, { pid, startTime: "1" }))).status).toBe(409);
    expect(groupAlive(pid)).toBe(true);
    const foreign = companion.core.list().servers.find((server) => server.port === 4096)!.id;
    expect((await refusal(companion.core.stop(foreign, {}))).status).toBe(403);
  });

  it("stops it with the confirmed identity", async () => {
    const id = companion.core.list().servers.find((server) => server.port === 47999)!.id;
    await companion.core.stop(id, { pid, startTime });
    expect(groupAlive(pid)).toBe(false);
  });
});
