import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { basicAuthToken } from "../../../src/lib/basic-auth";
import { managerCounts, withQueryAuth } from "../../../src/transport/sse-manager";
import { FakeEventSource, flushMicrotasks, LOCAL, setup } from "./fakes";

const T0 = 1_800_000_000_000;
let rig: ReturnType<typeof setup>;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => {
  rig?.manager.dispose();
  vi.useRealTimers();
});

describe("SSEManager URL", () => {
  it("opens /global/event with no query when the instance has no password", () => {
    rig = setup();
    rig.manager.add(LOCAL);
    expect(rig.sources.map((s) => s.url)).toEqual(["http://127.0.0.1:4096/global/event"]);
  });

  it("sends a password as Authorization: Basic base64(user:password), never in the URL", () => {
    rig = setup();
    rig.manager.add(LOCAL);
    rig.manager.add({ ...LOCAL, id: "pw", password: "pw" });
    rig.manager.add({ id: "other", baseUrl: "http://127.0.0.1:4097", username: "ann", password: "sé+/?" });
    const [none, first, second] = rig.sources;
    expect(none.headers).toEqual({});
    expect(first.url).toBe("http://127.0.0.1:4096/global/event");
    expect(first.headers).toEqual({ Authorization: `Basic ${btoa("opencode:pw")}` });
    expect(second.url).toBe("http://127.0.0.1:4097/global/event");
    expect(second.headers).toEqual({ Authorization: `Basic ${basicAuthToken({ username: "ann", password: "sé+/?" })}` });
  });

  it("puts the token in the URL only for a factory that makes a real EventSource, through withQueryAuth", () => {
    const urls: string[] = [];
    rig = setup({ eventSourceFactory: (url, init) => new FakeEventSource(urls[urls.push(withQueryAuth(url, init)) - 1]) });
    rig.manager.add({ ...LOCAL, password: "pw" });
    rig.manager.add({ ...LOCAL, id: "none" });
    expect(new URL(urls[0]).searchParams.get("auth_token")).toBe(btoa("opencode:pw"));
    expect(urls[1]).toBe("http://127.0.0.1:4096/global/event");
  });
});

describe("SSEManager status transitions", () => {
  it("goes connecting → connected only on open, and tells onConnected", () => {
    rig = setup();
    rig.manager.add(LOCAL);
    expect(rig.manager.status("local")).toEqual({ state: "connecting", attempt: 1 });
    expect(rig.connected).toEqual([]);
    vi.advanceTimersByTime(500);
    rig.latest().open();
    expect(rig.statesOf("local")).toEqual([
      { state: "connecting", attempt: 1 },
      { state: "connected", since: T0 + 500 },
    ]);
    expect(rig.connected).toEqual(["local"]);
  });

  it("counts the first message as proof of a connection when open never fired", () => {
    rig = setup();
    rig.manager.add(LOCAL);
    rig.latest().send({ id: "evt_c", type: "server.connected", properties: {} });
    expect(rig.manager.status("local")).toEqual({ state: "connected", since: T0 });
    expect(rig.events.map((e) => e.event.type)).toEqual(["server.connected"]);
    rig.latest().open();
    expect(rig.statesOf("local")).toHaveLength(2);
    expect(rig.connected).toEqual(["local"]);
  });

  it("closes the EventSource itself on error and waits before the next attempt", () => {
    rig = setup();
    rig.manager.add(LOCAL);
    const first = rig.latest();
    first.error();
    expect(first.closed).toBe(true);
    expect(rig.manager.status("local")).toEqual({
      state: "reconnecting",
      attempt: 2,
      maxAttempts: 8,
      nextAttemptAt: T0 + 1000,
    });
    vi.advanceTimersByTime(999);
    expect(rig.sources).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(rig.sources).toHaveLength(2);
    expect(rig.manager.status("local")).toEqual({ state: "connecting", attempt: 2 });
    rig.latest().open();
    expect(rig.connected).toEqual(["local"]);
  });

  it("applies jitter to the wait it announces", () => {
    rig = setup({ random: () => 0.5 });
    rig.manager.add(LOCAL);
    rig.latest().error();
    expect(rig.manager.status("local")).toMatchObject({ nextAttemptAt: T0 + 850 });
    vi.advanceTimersByTime(849);
    expect(rig.sources).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(rig.sources).toHaveLength(2);
  });

  it("calls onConnected on every reopen, since the server replays nothing", () => {
    rig = setup();
    rig.manager.add(LOCAL);
    rig.latest().open();
    rig.latest().error();
    vi.advanceTimersByTime(1000);
    rig.latest().open();
    expect(rig.connected).toEqual(["local", "local"]);
  });
});

describe("SSEManager attempts", () => {
  it("backs off 1, 2, 4, 8, 16, 30, 30 s, then goes offline after 8 attempts", () => {
    rig = setup();
    rig.manager.add(LOCAL);
    const waits: number[] = [];
    for (let attempt = 1; attempt < 8; attempt++) {
      const now = Date.now();
      rig.latest().error();
      const status = rig.manager.status("local");
      expect(status).toMatchObject({ state: "reconnecting", attempt: attempt + 1, maxAttempts: 8 });
      if (status?.state !== "reconnecting") throw new Error("unreachable");
      waits.push(status.nextAttemptAt - now);
      vi.advanceTimersByTime(status.nextAttemptAt - now);
      expect(rig.manager.status("local")).toEqual({ state: "connecting", attempt: attempt + 1 });
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    rig.latest().error();
    const offline = rig.manager.status("local");
    expect(offline?.state).toBe("offline");
    expect(offline?.state === "offline" && offline.message).toMatch(/http:\/\/127\.0\.0\.1:4096 after 8 attempts/);
    expect(rig.sources.every((s) => s.closed)).toBe(true);
    expect(managerCounts(rig.manager)).toEqual({ sources: 0, timers: 0, listeners: 2 });
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(10 * 60_000);
    expect(rig.sources).toHaveLength(8);
  });

  // The probe's sentence already names the address and what to check; the offline text said it
  // again in other words ("Nothing answered at X. Check … Gave up reaching X … Check …").
  it("says the probe's sentence once when it gives up, after the count of attempts", async () => {
    const problem =
      "Nothing answered at http://127.0.0.1:4096. Check that `opencode serve --port 4096` is running and reachable from this browser.";
    rig = setup({ maxAttempts: 2, diagnose: async () => ({ reason: "unreachable", message: problem }) });
    rig.manager.add(LOCAL);
    rig.latest().error();
    await flushMicrotasks();
    vi.advanceTimersByTime(1000);
    rig.latest().error();
    const offline = rig.manager.status("local");
    expect(offline).toEqual({ state: "offline", message: `Gave up after 2 attempts. ${problem}` });
  });

  it("retryNow after offline starts again from attempt 1 with the full budget", () => {
    rig = setup({ maxAttempts: 2 });
    rig.manager.add(LOCAL);
    rig.latest().error();
    vi.advanceTimersByTime(1000);
    rig.latest().error();
    expect(rig.manager.status("local")?.state).toBe("offline");
    rig.manager.retryNow("local");
    expect(rig.sources).toHaveLength(3);
    expect(rig.manager.status("local")).toEqual({ state: "connecting", attempt: 1 });
    rig.latest().error();
    expect(rig.manager.status("local")).toMatchObject({ state: "reconnecting", attempt: 2, nextAttemptAt: Date.now() + 1000 });
  });

  it("retryNow while waiting connects at once and drops the pending wait", () => {
    rig = setup();
    rig.manager.add(LOCAL);
    rig.latest().error();
    rig.manager.retryNow("local");
    expect(rig.sources).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(1); // only the new stream's watchdog
    vi.advanceTimersByTime(1000);
    expect(rig.sources).toHaveLength(2);
  });

  it("keeps counting when a connection drops before stableAfterMs, resets after", () => {
    rig = setup();
    rig.manager.add(LOCAL);
    rig.latest().error();
    vi.advanceTimersByTime(1000);
    rig.latest().error();
    vi.advanceTimersByTime(2000);
    rig.latest().open(); // attempt 3 worked
    vi.advanceTimersByTime(9_999);
    rig.latest().error(); // … but flapped before it was stable
    expect(rig.manager.status("local")).toMatchObject({ state: "reconnecting", attempt: 4, nextAttemptAt: Date.now() + 4000 });
    vi.advanceTimersByTime(4000);
    rig.latest().open();
    vi.advanceTimersByTime(10_000);
    rig.latest().error();
    expect(rig.manager.status("local")).toMatchObject({ state: "reconnecting", attempt: 1, nextAttemptAt: Date.now() + 1000 });
  });

  it("treats a factory that throws as a failed attempt with its message", () => {
    let calls = 0;
    rig = setup({
      eventSourceFactory: () => {
        calls++;
        throw new Error("EventSource is not defined");
      },
    });
    rig.manager.add(LOCAL);
    expect(rig.manager.status("local")).toMatchObject({
      state: "reconnecting",
      attempt: 2,
      message: "EventSource is not defined",
    });
    vi.advanceTimersByTime(1000);
    expect(calls).toBe(2);
  });
});

describe("SSEManager watchdog", () => {
  it("closes and retries a stream that stays silent for 35 s", () => {
    rig = setup();
    rig.manager.add(LOCAL);
    rig.latest().open();
    vi.advanceTimersByTime(34_999);
    expect(rig.latest().closed).toBe(false);
    vi.advanceTimersByTime(1);
    expect(rig.sources[0].closed).toBe(true);
    expect(rig.manager.status("local")).toMatchObject({ state: "reconnecting", attempt: 1 });
    vi.advanceTimersByTime(1000);
    expect(rig.sources).toHaveLength(2);
  });

  it("stays on one stream for as long as heartbeats arrive every 10 s, and forwards none of them", () => {
    rig = setup();
    rig.manager.add(LOCAL);
    rig.latest().open();
    for (let i = 0; i < 30; i++) {
      vi.advanceTimersByTime(10_000);
      rig.latest().heartbeat();
    }
    expect(rig.sources).toHaveLength(1);
    expect(rig.latest().closed).toBe(false);
    expect(rig.manager.status("local")).toEqual({ state: "connected", since: T0 });
    expect(rig.events).toEqual([]);
    expect(vi.getTimerCount()).toBe(1);
    // The silence is measured from the last heartbeat, not from the open.
    vi.advanceTimersByTime(34_999);
    expect(rig.latest().closed).toBe(false);
    vi.advanceTimersByTime(1);
    expect(rig.latest().closed).toBe(true);
  });

  it("gives up on a connection that never opens after the 10 s open timeout", () => {
    rig = setup();
    rig.manager.add(LOCAL);
    vi.advanceTimersByTime(9_999);
    expect(rig.sources[0].closed).toBe(false);
    vi.advanceTimersByTime(1);
    expect(rig.sources[0].closed).toBe(true);
    expect(rig.manager.status("local")).toMatchObject({
      state: "reconnecting",
      attempt: 2,
      message: expect.stringMatching(/did not answer within 10 s/),
    });
  });

  it("honours a custom openTimeoutMs, and uses the full watchdog once the stream opened", () => {
    rig = setup({ openTimeoutMs: 2000 });
    rig.manager.add(LOCAL);
    vi.advanceTimersByTime(2000);
    expect(rig.sources[0].closed).toBe(true);
    vi.advanceTimersByTime(1000);
    expect(rig.sources).toHaveLength(2);
    rig.latest().open();
    vi.advanceTimersByTime(34_999);
    expect(rig.latest().closed).toBe(false);
    vi.advanceTimersByTime(1);
    expect(rig.latest().closed).toBe(true);
  });

  it("honours a custom watchdogMs", () => {
    rig = setup({ watchdogMs: 5000 });
    rig.manager.add(LOCAL);
    rig.latest().open();
    vi.advanceTimersByTime(4999);
    expect(rig.latest().closed).toBe(false);
    vi.advanceTimersByTime(1);
    expect(rig.latest().closed).toBe(true);
  });
});

describe("SSEManager when the stream says why it failed", () => {
  it("stops at an answer that is not an event stream, in the error state with the reason, and retries on request", () => {
    const failures: Array<[string, string]> = [];
    rig = setup({ onStreamFailure: (id, message) => failures.push([id, message]) });
    rig.manager.add(LOCAL);
    const why = "http://127.0.0.1:4096 answered /global/event with text/html (a web page) instead of an event stream: …";
    rig.latest().error({ message: why, retryable: false });
    expect(rig.manager.status("local")).toEqual({ state: "error", reason: "not-opencode", message: why });
    expect(managerCounts(rig.manager)).toEqual({ sources: 0, timers: 0, listeners: 2 });
    expect(failures).toEqual([["local", why]]);
    vi.advanceTimersByTime(60_000);
    expect(rig.sources).toHaveLength(1);
    rig.manager.retryNow("local");
    expect(rig.sources).toHaveLength(2);
    expect(rig.manager.status("local")).toEqual({ state: "connecting", attempt: 1 });
  });

  it("reconnects after a stream dropped for an oversized event, showing the reason while it waits, and counts it", () => {
    const failures: string[] = [];
    rig = setup({ onStreamFailure: (_, message) => failures.push(message) });
    rig.manager.add(LOCAL);
    rig.latest().open();
    const why = "The server sent an event longer than 16 MB without finishing it. The stream was dropped and is opened again.";
    rig.latest().error({ message: why, retryable: true });
    expect(rig.manager.status("local")).toMatchObject({ state: "reconnecting", attempt: 2, message: why });
    expect(failures).toEqual([why]);
    vi.advanceTimersByTime(1000);
    expect(rig.sources).toHaveLength(2);
    rig.latest().open();
    expect(rig.manager.status("local")).toEqual({ state: "connected", since: T0 + 1000 });
  });

  it("gives up with the last reason in the offline sentence, not a bare 'gave up'", () => {
    rig = setup({ maxAttempts: 2 });
    rig.manager.add(LOCAL);
    rig.latest().error({ message: "http://127.0.0.1:4096 answered the event stream with HTTP 502." });
    vi.advanceTimersByTime(1000);
    rig.latest().error({ message: "http://127.0.0.1:4096 answered the event stream with HTTP 502." });
    const status = rig.manager.status("local");
    expect(status?.state).toBe("offline");
    expect(status?.state === "offline" && status.message).toMatch(
      /^Gave up after 2 attempts\. http:\/\/127\.0\.0\.1:4096 answered the event stream with HTTP 502\./,
    );
  });
});
