/**
 * What discovery does to the instance list: servers found are added (unless the setting is off),
 * go when they stop, are not re-added while they run once the user removed them, a restart on the
 * same port keeps its instance, and servers the user added by hand are never touched.
 */
import { describe, expect, it } from "vitest";
import type { LocalServer } from "../../../shared/companion-api";
import { EMPTY_MEMORY, reconcileDiscovery, type DiscoveryMemory } from "../../../src/app/discovery-reconcile";
import type { SavedInstance } from "../../../src/app/persistence";

const found = (port: number, pid: number, extra: Partial<LocalServer> = {}): LocalServer => ({
  id: `${port}-${pid}-1`,
  port,
  url: `http://127.0.0.1:${port}`,
  pid,
  how: "serve",
  locked: false,
  ownership: "own",
  ...extra,
});
const instance = (port: number, extra: Partial<SavedInstance> = {}): SavedInstance => ({
  id: `127-0-0-1-${port}`,
  baseUrl: `http://127.0.0.1:${port}`,
  ...extra,
});

function step(servers: LocalServer[], instances: SavedInstance[], memory: DiscoveryMemory = EMPTY_MEMORY, startedHere: string[] = []) {
  return reconcileDiscovery({ servers, instances, memory, startedHere: new Set(startedHere) });
}

describe("discovery → instances", () => {
  it("adds every server found, named by its URL (so its tab shows the port)", () => {
    const result = step([found(4096, 10), found(5000, 11, { locked: true })], []);
    expect(result.add).toEqual([
      { id: "127-0-0-1-4096", baseUrl: "http://127.0.0.1:4096", password: undefined, rememberPassword: false },
      { id: "127-0-0-1-5000", baseUrl: "http://127.0.0.1:5000", password: undefined, rememberPassword: false },
    ]);
    expect(result.memory.added).toEqual({ "127-0-0-1-4096": "4096-10-1", "127-0-0-1-5000": "5000-11-1" });
  });

  it("removes what it added once the server stopped, and leaves hand-added instances alone", () => {
    const first = step([found(4096, 10), found(5000, 11)], [instance(6000)]);
    const second = step([], [instance(4096), instance(5000), instance(6000)], first.memory);
    expect(second.remove.sort()).toEqual(["127-0-0-1-4096", "127-0-0-1-5000"]);
    expect(second.memory.added).toEqual({});
  });

  it("does not re-add a server the user removed while it runs; a new process on the port is new", () => {
    const first = step([found(4096, 10)], []);
    const afterRemoval = step([found(4096, 10)], [], first.memory);
    expect(afterRemoval.add).toEqual([]);
    expect(afterRemoval.memory.dismissed).toEqual(["4096-10-1"]);
    const again = step([found(4096, 10)], [], afterRemoval.memory);
    expect(again.add).toEqual([]);
    const replaced = step([found(4096, 99)], [], again.memory);
    expect(replaced.add.map((c) => c.id)).toEqual(["127-0-0-1-4096"]);
    expect(replaced.memory.dismissed).toEqual([]);
  });

  it("adds nothing found when the setting is off, but still the servers started from this page", () => {
    const memory = { ...EMPTY_MEMORY, autoAdd: false };
    const result = step([found(4096, 10), found(5000, 11, { ownership: "started", password: "pw" })], [], memory, ["5000-11-1"]);
    expect(result.add).toEqual([{ id: "127-0-0-1-5000", baseUrl: "http://127.0.0.1:5000", password: "pw", rememberPassword: false }]);
  });

  it("keeps the instance of a server restarted on the same port and follows the new process", () => {
    const first = step([found(5000, 11, { ownership: "started", password: "pw" })], []);
    const restarted = step([found(5000, 12, { ownership: "started", password: "pw" })], [instance(5000, { password: "pw" })], first.memory);
    expect(restarted).toMatchObject({ add: [], remove: [], update: [], reconnect: ["127-0-0-1-5000"] });
    expect(restarted.memory.added).toEqual({ "127-0-0-1-5000": "5000-12-1" });
  });

  it("gives an existing instance the password of a server the companion started", () => {
    const result = step([found(5000, 11, { ownership: "started", password: "new" })], [instance(5000, { label: "web" })]);
    expect(result.update).toEqual([{ ...instance(5000, { label: "web" }), password: "new" }]);
  });
});
