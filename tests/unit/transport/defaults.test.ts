/** The SSEManager's defaults: FetchEventSource on the global fetch, the page's window/document, the global timers. */
import { afterEach, expect, it, vi } from "vitest";
import { browserEnvironment, globalTimers } from "../../../src/transport/environment";
import { managerCounts, SSEManager } from "../../../src/transport/sse-manager";
import { LOCAL } from "./fakes";

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

it("has no page environment in node", () => {
  expect(browserEnvironment()).toBeUndefined();
});

it("listens to window online and document visibilitychange when a page exists", () => {
  const page = new EventTarget();
  const doc = Object.assign(new EventTarget(), { visibilityState: "hidden" });
  vi.stubGlobal("window", page);
  vi.stubGlobal("document", doc);
  const environment = browserEnvironment()!;
  const heard: string[] = [];
  const onOnline = () => heard.push("online");
  const onVisibility = () => heard.push("visibility");
  environment.addEventListener("online", onOnline);
  environment.addEventListener("visibilitychange", onVisibility);
  page.dispatchEvent(new Event("online"));
  doc.dispatchEvent(new Event("visibilitychange"));
  page.dispatchEvent(new Event("visibilitychange")); // wrong target: must not count
  expect(heard).toEqual(["online", "visibility"]);
  expect(environment.isVisible()).toBe(false);
  doc.visibilityState = "visible";
  expect(environment.isVisible()).toBe(true);
  environment.removeEventListener("online", onOnline);
  environment.removeEventListener("visibilitychange", onVisibility);
  page.dispatchEvent(new Event("online"));
  doc.dispatchEvent(new Event("visibilitychange"));
  expect(heard).toHaveLength(2);
});

it("reads the stream with FetchEventSource over the global fetch, with the global timers and the page by default", async () => {
  const requested: string[] = [];
  // Looked up when the source is made: stubbed after the manager exists, it must still be used.
  const page = new EventTarget();
  vi.stubGlobal("window", page);
  vi.stubGlobal("document", Object.assign(new EventTarget(), { visibilityState: "visible" }));
  vi.useFakeTimers();
  const manager = new SSEManager();
  vi.stubGlobal("fetch", async (url: string) => {
    requested.push(url);
    throw new TypeError("Failed to fetch");
  });
  manager.add(LOCAL);
  expect(requested).toEqual(["http://127.0.0.1:4096/global/event"]);
  expect(vi.getTimerCount()).toBe(1);
  expect(managerCounts(manager).listeners).toBe(2);
  // The refused request fails the attempt (a retry timer replaces the open timeout) …
  await vi.advanceTimersByTimeAsync(0);
  expect(manager.status(LOCAL.id)?.state).toBe("reconnecting");
  // … and coming online retries at once, through the same default.
  page.dispatchEvent(new Event("online"));
  expect(requested).toHaveLength(2);
  manager.dispose();
  expect(vi.getTimerCount()).toBe(0);
});

it("globalTimers looks the timer functions up when called", () => {
  vi.useFakeTimers();
  let fired = false;
  const handle = globalTimers.setTimeout(() => (fired = true), 10);
  expect(vi.getTimerCount()).toBe(1);
  globalTimers.clearTimeout(handle);
  vi.advanceTimersByTime(20);
  expect(fired).toBe(false);
});
