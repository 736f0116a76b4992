import { describe, expect, it, vi } from "vitest";
import type { InstanceConfig } from "../../../src/api/instance";
import { deleteSession, forkSession, revertSession, SESSION_WRITE_REQUEST_MS, unrevertSession } from "../../../src/api/session-api";

const config: InstanceConfig = { id: "i", baseUrl: "http://127.0.0.1:4096", password: "" };
const session = { id: "ses_e038b2077ffebeNsc76L1688IO", directory: "/home/dev/alpha" };

/** A server that never answers: the request ends only when its signal aborts it. */
const never = ((input: RequestInfo | URL, init?: RequestInit) => {
  const signal = input instanceof Request ? input.signal : init?.signal;
  return new Promise<Response>((_resolve, reject) => signal?.addEventListener("abort", () => reject(signal.reason)));
}) as typeof fetch;

describe("session writes", () => {
  it.each([
    ["fork", () => forkSession(config, session, "msg_1", never)],
    ["revert", () => revertSession(config, session, "msg_1", never)],
    ["redo", () => unrevertSession(config, session, never)],
    ["delete", () => deleteSession(config, session, never)],
  ])("%s waits for a slow server well past the usual 10 s, then says it did not answer", async (_name, call) => {
    vi.useFakeTimers();
    try {
      let outcome: unknown = "pending";
      const done = call().then(
        () => (outcome = "answered"),
        (error: unknown) => (outcome = error),
      );
      // A fork of a long session on a busy machine takes this long; it must not be called a failure.
      await vi.advanceTimersByTimeAsync(20_000);
      expect(outcome).toBe("pending");
      await vi.advanceTimersByTimeAsync(SESSION_WRITE_REQUEST_MS);
      await done;
      expect(String(outcome)).toMatch(/did not answer in time/);
    } finally {
      vi.useRealTimers();
    }
  });
});
