import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ConnectionDiagnosis, TransportInstance } from "../../../src/transport/types";
import { LOCAL, flushMicrotasks, setup } from "./fakes";
import { managerCounts } from "../../../src/transport/sse-manager";

let rig: ReturnType<typeof setup>;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  rig?.manager.dispose();
  vi.useRealTimers();
});

/** A diagnose whose answers the test hands out one by one. */
function deferredDiagnose() {
  const asked: TransportInstance[] = [];
  const answers: Array<(answer: ConnectionDiagnosis | null) => void> = [];
  const diagnose = (instance: TransportInstance) =>
    new Promise<ConnectionDiagnosis | null>((resolve) => {
      asked.push(instance);
      answers.push(resolve);
    });
  return { diagnose, asked, answers };
}

describe("SSEManager diagnose", () => {
  it.each(["unauthorized", "not-opencode"] as const)("%s stops retrying until retryNow", async (reason) => {
    const message = reason === "unauthorized" ? "Wrong password for :4096." : "Port 4096 answered, but it is not OpenCode.";
    rig = setup({ diagnose: async () => ({ reason, message }) });
    rig.manager.add(LOCAL);
    rig.latest().error();
    await flushMicrotasks();
    expect(rig.manager.status("local")).toEqual({ state: "error", reason, message });
    expect(managerCounts(rig.manager)).toEqual({ sources: 0, timers: 0, listeners: 2 });
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(10 * 60_000);
    expect(rig.sources).toHaveLength(1);
    rig.manager.retryNow("local");
    expect(rig.sources).toHaveLength(2);
    expect(rig.manager.status("local")).toEqual({ state: "connecting", attempt: 1 });
  });

  it("an update (new password) also leaves the error state", async () => {
    rig = setup({ diagnose: async () => ({ reason: "unauthorized", message: "Wrong password." }) });
    rig.manager.add({ ...LOCAL, password: "a" });
    rig.latest().error();
    await flushMicrotasks();
    expect(rig.manager.status("local")?.state).toBe("error");
    rig.manager.update({ ...LOCAL, password: "b" });
    expect(rig.manager.status("local")).toEqual({ state: "connecting", attempt: 1 });
    rig.latest().open();
    expect(rig.manager.status("local")?.state).toBe("connected");
  });

  it("unreachable keeps backing off and shows the probe's sentence", async () => {
    const probe = deferredDiagnose();
    rig = setup({ diagnose: probe.diagnose });
    rig.manager.add({ ...LOCAL, password: "pw" });
    rig.latest().error();
    await flushMicrotasks();
    expect(probe.asked).toEqual([{ ...LOCAL, password: "pw" }]);
    probe.answers[0]({ reason: "unreachable", message: "Nothing answers on :4096." });
    await flushMicrotasks();
    expect(rig.manager.status("local")).toEqual({
      state: "reconnecting",
      attempt: 2,
      maxAttempts: 8,
      nextAttemptAt: Date.now() + 1000,
      message: "Nothing answers on :4096.",
    });
    vi.advanceTimersByTime(1000);
    expect(rig.sources).toHaveLength(2);
    rig.latest().error();
    expect(rig.manager.status("local")).toMatchObject({ attempt: 3, message: "Nothing answers on :4096." });
  });

  it("null or a throwing probe changes nothing", async () => {
    rig = setup({ diagnose: async () => null });
    rig.manager.add(LOCAL);
    rig.latest().error();
    await flushMicrotasks();
    expect(rig.manager.status("local")).toEqual({ state: "reconnecting", attempt: 2, maxAttempts: 8, nextAttemptAt: Date.now() + 1000 });
    rig.manager.dispose();

    rig = setup({
      diagnose: () => {
        throw new Error("probe bug");
      },
    });
    rig.manager.add(LOCAL);
    rig.latest().error();
    await flushMicrotasks();
    expect(rig.manager.status("local")).toMatchObject({ state: "reconnecting", attempt: 2 });
  });

  it("ignores an answer that arrives after the instance connected, was retried or removed", async () => {
    const probe = deferredDiagnose();
    rig = setup({ diagnose: probe.diagnose });
    rig.manager.add(LOCAL);
    rig.latest().error();
    vi.advanceTimersByTime(1000);
    rig.latest().open();
    await flushMicrotasks();
    probe.answers[0]({ reason: "unauthorized", message: "stale" });
    await flushMicrotasks();
    expect(rig.manager.status("local")?.state).toBe("connected");

    rig.latest().error();
    rig.manager.retryNow("local");
    await flushMicrotasks();
    probe.answers[1]({ reason: "not-opencode", message: "stale" });
    await flushMicrotasks();
    expect(rig.manager.status("local")).toEqual({ state: "connecting", attempt: 1 });

    rig.latest().error();
    await flushMicrotasks();
    rig.manager.remove("local");
    probe.answers[2]({ reason: "unauthorized", message: "stale" });
    await flushMicrotasks();
    expect(rig.manager.status("local")).toBeUndefined();
    expect(rig.statuses.some(([, s]) => s.state === "error")).toBe(false);
  });

  it("an error answer stops an attempt that is already under way", async () => {
    const probe = deferredDiagnose();
    rig = setup({ diagnose: probe.diagnose });
    rig.manager.add(LOCAL);
    rig.latest().error();
    vi.advanceTimersByTime(1000);
    const inFlight = rig.latest();
    await flushMicrotasks();
    probe.answers[0]({ reason: "unauthorized", message: "Wrong password." });
    await flushMicrotasks();
    expect(inFlight.closed).toBe(true);
    expect(rig.manager.status("local")?.state).toBe("error");
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("SSEManager page signals", () => {
  it("registers online/visibility listeners once, and only while instances exist", () => {
    rig = setup();
    expect(rig.environment.count()).toBe(0);
    rig.manager.add(LOCAL);
    rig.manager.add({ id: "b", baseUrl: "http://127.0.0.1:4097" });
    expect(rig.environment.count()).toBe(2);
    expect(managerCounts(rig.manager).listeners).toBe(2);
    rig.manager.remove("local");
    expect(rig.environment.count()).toBe(2);
    rig.manager.remove("b");
    expect(rig.environment.count()).toBe(0);
    rig.manager.add(LOCAL);
    expect(rig.environment.count()).toBe(2);
  });

  it("online reconnects waiting and offline instances at once, from attempt 1", () => {
    rig = setup({ maxAttempts: 1 });
    rig.manager.add(LOCAL);
    rig.manager.add({ id: "up", baseUrl: "http://127.0.0.1:4097" });
    rig.sources[1].open();
    rig.sources[0].error();
    expect(rig.manager.status("local")?.state).toBe("offline");
    rig.environment.emit("online");
    expect(rig.sources).toHaveLength(3);
    expect(rig.latest().url).toBe("http://127.0.0.1:4096/global/event");
    expect(rig.manager.status("local")).toEqual({ state: "connecting", attempt: 1 });
    expect(rig.sources[1].closed).toBe(false);
    expect(rig.manager.status("up")?.state).toBe("connected");
  });

  it("online skips the remaining wait while reconnecting", () => {
    rig = setup({ baseDelayMs: 30_000 });
    rig.manager.add(LOCAL);
    rig.latest().error();
    rig.environment.emit("online");
    expect(rig.sources).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(1);
  });

  it("online leaves the error state alone: the password is still wrong", async () => {
    rig = setup({ diagnose: async () => ({ reason: "unauthorized", message: "Wrong password." }) });
    rig.manager.add(LOCAL);
    rig.latest().error();
    await flushMicrotasks();
    rig.environment.emit("online");
    rig.environment.emit("visibilitychange");
    expect(rig.sources).toHaveLength(1);
    expect(rig.manager.status("local")?.state).toBe("error");
  });

  it("becoming visible reconnects a waiting instance; becoming hidden does not", () => {
    rig = setup();
    rig.manager.add(LOCAL);
    rig.latest().error();
    rig.environment.visible = false;
    rig.environment.emit("visibilitychange");
    expect(rig.sources).toHaveLength(1);
    rig.environment.visible = true;
    rig.environment.emit("visibilitychange");
    expect(rig.sources).toHaveLength(2);
    expect(rig.manager.status("local")).toEqual({ state: "connecting", attempt: 1 });
  });

  it("becoming visible drops a 'connected' stream that went silent while timers were frozen", () => {
    rig = setup();
    rig.manager.add(LOCAL);
    rig.latest().open();
    rig.environment.emit("visibilitychange");
    expect(rig.latest().closed).toBe(false);
    // The machine slept: the clock jumped but no timer ran.
    vi.setSystemTime(Date.now() + 60_000);
    rig.environment.emit("visibilitychange");
    expect(rig.sources[0].closed).toBe(true);
    expect(rig.manager.status("local")).toMatchObject({ state: "reconnecting", attempt: 1 });
  });

  it("uses no page listeners in node when no environment is given", () => {
    rig = setup({ environment: undefined });
    rig.manager.add(LOCAL);
    expect(managerCounts(rig.manager).listeners).toBe(0);
  });
});

describe("SSEManager leaks", () => {
  it("leaves nothing behind after 1,000 add/remove cycles in every state", async () => {
    rig = setup({ diagnose: async () => null });
    for (let i = 0; i < 1000; i++) {
      const id = `i${i % 7}`;
      rig.manager.add({ id, baseUrl: `http://127.0.0.1:${5000 + (i % 7)}`, password: i % 2 ? "pw" : undefined });
      const source = rig.latest();
      switch (i % 5) {
        case 0:
          break; // removed while connecting
        case 1:
          source.open();
          source.send({ type: "session.idle", properties: {} }, "/d");
          break;
        case 2:
          source.error(); // removed while waiting, with a diagnose in flight
          break;
        case 3:
          source.open();
          vi.advanceTimersByTime(12_000); // past stableAfterMs
          break;
        case 4:
          rig.manager.add({ id: `${id}-extra`, baseUrl: "http://127.0.0.1:6000" });
          rig.manager.remove(`${id}-extra`);
          break;
      }
      if (i % 3 === 0) rig.manager.remove(id);
      if (i % 50 === 0) await flushMicrotasks();
    }
    rig.manager.dispose();
    await flushMicrotasks();
    expect(managerCounts(rig.manager)).toEqual({ sources: 0, timers: 0, listeners: 0 });
    expect(rig.sources.length).toBeGreaterThanOrEqual(1000);
    expect(rig.sources.filter((s) => !s.closed)).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
    expect(rig.environment.count()).toBe(0);
    expect(rig.manager.ids()).toEqual([]);
  });

  it("managerCounts sees what a live instance holds", () => {
    rig = setup();
    rig.manager.add(LOCAL);
    expect(managerCounts(rig.manager)).toEqual({ sources: 1, timers: 1, listeners: 2 });
    rig.latest().open();
    expect(managerCounts(rig.manager)).toEqual({ sources: 1, timers: 1, listeners: 2 });
    expect(vi.getTimerCount()).toBe(1);
    rig.latest().error();
    expect(managerCounts(rig.manager)).toEqual({ sources: 0, timers: 1, listeners: 2 });
  });
});
