import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LOCAL, setup } from "./fakes";
import { managerCounts } from "../../../src/transport/sse-manager";

let rig: ReturnType<typeof setup>;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  rig?.manager.dispose();
  vi.useRealTimers();
});

describe("SSEManager events", () => {
  it("routes each event with its instance and directory, skipping sync duplicates and heartbeats", () => {
    rig = setup();
    rig.manager.add(LOCAL);
    rig.manager.add({ id: "beta", baseUrl: "http://127.0.0.1:4097" });
    const [local, beta] = rig.sources;
    local.open();
    beta.open();
    local.send({ id: "evt_1", type: "server.connected", properties: {} });
    local.send({ id: "evt_2", type: "session.idle", properties: { sessionID: "ses_a" } }, "/home/dev/alpha");
    local.message('{"directory":"/home/dev/alpha","payload":{"type":"sync","syncEvent":{"type":"session.created.1"}}}');
    local.heartbeat();
    beta.send({ id: "evt_3", type: "session.idle", properties: { sessionID: "ses_b" } }, "/home/dev/beta");
    local.send({ id: "evt_4", type: "project.updated", properties: { id: "p" } }, "global");
    expect(rig.events).toEqual([
      { instanceId: "local", directory: undefined, event: { id: "evt_1", type: "server.connected", properties: {} } },
      {
        instanceId: "local",
        directory: "/home/dev/alpha",
        event: { id: "evt_2", type: "session.idle", properties: { sessionID: "ses_a" } },
      },
      {
        instanceId: "beta",
        directory: "/home/dev/beta",
        event: { id: "evt_3", type: "session.idle", properties: { sessionID: "ses_b" } },
      },
      { instanceId: "local", directory: "global", event: { id: "evt_4", type: "project.updated", properties: { id: "p" } } },
    ]);
  });

  it("reports malformed data to onMalformed, keeps the stream, and goes on", () => {
    rig = setup();
    rig.manager.add(LOCAL);
    const source = rig.latest();
    source.open();
    const bad = ["not json", "{}", '{"payload":{}}', '{"payload":{"type":3}}', "null"];
    for (const raw of bad) expect(() => source.message(raw)).not.toThrow();
    source.send({ id: "evt_ok", type: "session.idle", properties: {} }, "/d");
    expect(rig.malformed).toEqual(bad.map((raw) => ["local", raw]));
    expect(rig.events.map((e) => e.event.id)).toEqual(["evt_ok"]);
    expect(source.closed).toBe(false);
    expect(rig.manager.status("local")?.state).toBe("connected");
  });

  it("ignores anything a replaced EventSource still emits", () => {
    rig = setup();
    rig.manager.add(LOCAL);
    const old = rig.latest();
    const { onmessage, onerror } = old;
    old.error();
    expect(old.onmessage).toBeNull();
    // Even if a broken implementation kept calling the handlers it had, nothing may leak through.
    onmessage?.({ data: '{"payload":{"type":"session.idle"}}' });
    onerror?.({});
    expect(rig.events).toEqual([]);
    expect(rig.manager.status("local")).toMatchObject({ state: "reconnecting", attempt: 2 });
    expect(vi.getTimerCount()).toBe(1);
  });

  it("works with no callbacks at all", () => {
    rig = setup({ onEvent: undefined, onMalformed: undefined, onStatus: undefined, onConnected: undefined });
    rig.manager.add(LOCAL);
    rig.latest().open();
    expect(() => {
      rig.latest().message("junk");
      rig.latest().send({ type: "session.idle" }, "/d");
      rig.latest().error();
    }).not.toThrow();
  });
});

describe("SSEManager update and remove", () => {
  it("keeps the stream when update changes nothing that matters", () => {
    rig = setup();
    rig.manager.add(LOCAL);
    rig.latest().open();
    rig.manager.update({ ...LOCAL });
    expect(rig.sources).toHaveLength(1);
    expect(rig.latest().closed).toBe(false);
  });

  it("reconnects from attempt 1 with the new password", () => {
    rig = setup();
    rig.manager.add({ ...LOCAL, password: "old" });
    rig.latest().error();
    vi.advanceTimersByTime(1000);
    rig.manager.update({ ...LOCAL, password: "new" });
    expect(rig.sources).toHaveLength(3);
    expect(rig.sources[1].closed).toBe(true);
    expect(rig.latest().headers.Authorization).toBe(`Basic ${btoa("opencode:new")}`);
    expect(rig.manager.status("local")).toEqual({ state: "connecting", attempt: 1 });
  });

  it("adding a known id acts as update, never as a second EventSource", () => {
    rig = setup();
    rig.manager.add(LOCAL);
    rig.manager.add(LOCAL);
    expect(rig.sources).toHaveLength(1);
    rig.manager.add({ ...LOCAL, baseUrl: "http://127.0.0.1:5000" });
    expect(rig.sources).toHaveLength(2);
    expect(rig.sources[0].closed).toBe(true);
    expect(rig.manager.ids()).toEqual(["local"]);
  });

  it("remove closes the stream, clears its timers and reports nothing afterwards", () => {
    rig = setup();
    rig.manager.add(LOCAL);
    rig.latest().open();
    const reported = rig.statuses.length;
    rig.manager.remove("local");
    expect(rig.latest().closed).toBe(true);
    expect(rig.manager.status("local")).toBeUndefined();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(60_000);
    expect(rig.statuses).toHaveLength(reported);
    expect(() => rig.manager.remove("local")).not.toThrow();
    expect(() => rig.manager.retryNow("local")).not.toThrow();
  });

  it("a status callback may remove its own instance without leaving anything behind", () => {
    const holder: { manager?: ReturnType<typeof setup>["manager"] } = {};
    rig = setup({
      onStatus: (id, status) => {
        if (status.state === "reconnecting") holder.manager?.remove(id);
      },
    });
    holder.manager = rig.manager;
    rig.manager.add(LOCAL);
    rig.latest().error();
    expect(managerCounts(rig.manager)).toEqual({ sources: 0, timers: 0, listeners: 0 });
    expect(vi.getTimerCount()).toBe(0);
  });
});
