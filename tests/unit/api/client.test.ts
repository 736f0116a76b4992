import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { authHeaders, createInstanceClient, fetchWithTimeout, unwrap } from "../../../src/api/client";

const BASE = "http://127.0.0.1:4096";
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** A fetch that never answers and rejects with its signal's reason once aborted, like a hung server. */
const hangingFetch: typeof fetch = (input) =>
  new Promise((_, reject) => {
    const signal = (input as Request).signal;
    signal.addEventListener("abort", () => reject(signal.reason));
  });

describe("fetchWithTimeout", () => {
  it("gives up with a TimeoutError after timeoutMs", async () => {
    const error = await fetchWithTimeout(hangingFetch, 30)("http://127.0.0.1:1/x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe("TimeoutError");
  });

  it("gives up even when the fetch underneath ignores its signal", async () => {
    const deaf: typeof fetch = () => new Promise(() => {});
    const error = await fetchWithTimeout(deaf, 30)("http://127.0.0.1:1/x").catch((e: unknown) => e);
    expect((error as DOMException).name).toBe("TimeoutError");
  });

  it("still honours the caller's own signal", async () => {
    const controller = new AbortController();
    const pending = fetchWithTimeout(hangingFetch, 60_000)("http://127.0.0.1:1/x", { signal: controller.signal });
    controller.abort(new DOMException("closed the tab", "AbortError"));
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
  });

  it("passes method, headers and body through", async () => {
    let seen: Request | undefined;
    const spy: typeof fetch = async (input) => {
      seen = input as Request;
      return new Response("ok");
    };
    await fetchWithTimeout(spy, 1_000)(`${BASE}/session`, { method: "POST", headers: { "x-a": "1" }, body: "{}" });
    expect(seen!.method).toBe("POST");
    expect(seen!.headers.get("x-a")).toBe("1");
    expect(await seen!.text()).toBe("{}");
  });
});

describe("authHeaders", () => {
  it("is Basic auth with a password and nothing without", () => {
    expect(authHeaders({ password: "pw" })).toEqual({ Authorization: "Basic b3BlbmNvZGU6cHc=" });
    expect(authHeaders({})).toEqual({});
  });
});

describe("unwrap with the SDK client", () => {
  const client = () => createInstanceClient({ id: "i", baseUrl: BASE, password: "pw" }, { directory: "/home/dev/alpha" });

  it("returns the data of a good answer, sent with auth and the directory", async () => {
    let seen: Request | undefined;
    server.use(http.get(`${BASE}/session/status`, ({ request }) => ((seen = request), HttpResponse.json({ ses_1: { type: "busy" } }))));
    expect(await unwrap(client().session.status(), "read session status")).toEqual({ ses_1: { type: "busy" } });
    expect(seen!.headers.get("authorization")).toBe("Basic b3BlbmNvZGU6cHc=");
    expect(new URL(seen!.url).searchParams.get("directory")).toBe("/home/dev/alpha");
  });

  it("turns an OpenCode error body into a sentence with the status", async () => {
    server.use(
      http.post(`${BASE}/session/:id/abort`, () =>
        HttpResponse.json({ name: "NotFoundError", data: { message: "Session not found: ses_x" } }, { status: 404 }),
      ),
    );
    await expect(unwrap(client().session.abort({ sessionID: "ses_x" }), "stop the session")).rejects.toThrow(
      "Could not stop the session (HTTP 404): Session not found: ses_x.",
    );
  });

  it("gives the status alone when the error body is empty", async () => {
    server.use(http.get(`${BASE}/session/status`, () => new HttpResponse(null, { status: 500 })));
    await expect(unwrap(client().session.status(), "read session status")).rejects.toThrow(
      /^Could not read session status \(HTTP 500\)\.$/,
    );
  });

  it("says the server could not be reached when the request fails outright", async () => {
    server.use(http.get(`${BASE}/session/status`, () => HttpResponse.error()));
    await expect(unwrap(client().session.status(), "read session status")).rejects.toThrow(
      "Could not read session status: the server could not be reached (is it still running?).",
    );
  });

  it("says the server did not answer in time on a timeout", async () => {
    const slow = createInstanceClient({ id: "i", baseUrl: BASE }, { fetch: hangingFetch, timeoutMs: 30 });
    await expect(unwrap(slow.session.status(), "read session status")).rejects.toThrow(
      "Could not read session status: the server did not answer in time.",
    );
  });
});
