import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { describeAddress, isOriginAllowedByDefault, probeInstance, unreachableMessage } from "../../../src/api/probe";
import type { InstanceConfig } from "../../../src/api/instance";
import health from "../../fixtures/rest/global-health.json";
import path from "../../fixtures/rest/path.json";
import projects from "../../fixtures/rest/project-list.json";

const BASE = "http://127.0.0.1:4096";
const config: InstanceConfig = { id: "i", baseUrl: BASE };
const withPassword: InstanceConfig = { ...config, password: "pw" };

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** A healthy OpenCode server answering with the recorded REST samples; records the auth headers it saw. */
function opencodeServer(seen: Array<{ path: string; authorization: string | null }> = []) {
  const record = (request: Request) =>
    seen.push({ path: new URL(request.url).pathname, authorization: request.headers.get("authorization") });
  server.use(
    http.get(`${BASE}/global/health`, ({ request }) => (record(request), HttpResponse.json(health))),
    http.get(`${BASE}/path`, ({ request }) => (record(request), HttpResponse.json(path))),
    http.get(`${BASE}/project`, ({ request }) => (record(request), HttpResponse.json(projects))),
  );
  return seen;
}

/** A server that wants Basic auth `opencode:pw` on every route, as OPENCODE_SERVER_PASSWORD=pw does. */
function passwordServer() {
  const expected = `Basic ${Buffer.from("opencode:pw").toString("base64")}`;
  const unauthorized = () => new HttpResponse("Unauthorized", { status: 401, headers: { "www-authenticate": "Basic" } });
  server.use(
    http.get(`${BASE}/global/health`, ({ request }) =>
      request.headers.get("authorization") === expected ? HttpResponse.json(health) : unauthorized(),
    ),
    http.get(`${BASE}/path`, ({ request }) =>
      request.headers.get("authorization") === expected ? HttpResponse.json(path) : unauthorized(),
    ),
    http.get(`${BASE}/project`, ({ request }) =>
      request.headers.get("authorization") === expected ? HttpResponse.json(projects) : unauthorized(),
    ),
  );
}

/**
 * A fetch for what msw cannot show: a browser page whose normal (cors) request fails with
 * `TypeError: Failed to fetch` while an opaque `no-cors` request to the same URL may succeed.
 */
function browserFetch(noCorsAnswers: boolean) {
  const modes: string[] = [];
  const fetchImpl: typeof fetch = async (input) => {
    const request = input as Request;
    modes.push(request.mode);
    if (request.mode === "no-cors" && noCorsAnswers) return new Response(null, { status: 200 });
    throw new TypeError("Failed to fetch");
  };
  return { fetchImpl, modes };
}

describe("probeInstance against a server", () => {
  it("reports a healthy server with its version, path and projects", async () => {
    opencodeServer();
    const result = await probeInstance(config);
    expect(result).toEqual({ ok: true, version: "1.18.33", path, projects });
  });

  it("sends the Basic Authorization header on every request when a password is set", async () => {
    const seen = opencodeServer();
    const result = await probeInstance({ ...config, password: "pw" });
    expect(result.ok).toBe(true);
    expect(seen.map((s) => s.path).sort()).toEqual(["/global/health", "/path", "/project"]);
    for (const request of seen) expect(request.authorization).toBe("Basic b3BlbmNvZGU6cHc=");
  });

  it("sends no Authorization header without a password", async () => {
    const seen = opencodeServer();
    await probeInstance(config);
    expect(seen.length).toBe(3);
    for (const request of seen) expect(request.authorization).toBeNull();
  });

  it("connects to a password server when the password is right", async () => {
    passwordServer();
    const result = await probeInstance(withPassword);
    expect(result).toEqual({ ok: true, version: "1.18.33", path, projects });
  });

  it("says the server needs a password on 401 without one", async () => {
    passwordServer();
    const result = await probeInstance(config);
    expect(result).toMatchObject({ ok: false, kind: "unauthorized" });
    if (!result.ok) expect(result.message).toMatch(/^Port 4096 needs a password/);
  });

  it("says the server refused the password on 401 with one, naming the user", async () => {
    passwordServer();
    const result = await probeInstance({ ...config, password: "wrong", username: "alice" });
    expect(result).toMatchObject({ ok: false, kind: "wrong-password" });
    if (!result.ok) {
      expect(result.message).toMatch(/^Port 4096 refused the password/);
      expect(result.message).toContain("“alice”");
    }
  });

  it("says a 200 that is not JSON is not an OpenCode server", async () => {
    server.use(http.get(`${BASE}/global/health`, () => HttpResponse.html("<h1>Welcome to nginx</h1>")));
    const result = await probeInstance(config);
    expect(result).toMatchObject({ ok: false, kind: "not-opencode" });
    if (!result.ok) expect(result.message).toMatch(/^Port 4096 answered, but it is not an OpenCode server \(an unexpected answer/);
  });

  it("says JSON that is not a health answer is not an OpenCode server", async () => {
    server.use(http.get(`${BASE}/global/health`, () => HttpResponse.json({ status: "ok" })));
    const result = await probeInstance(config);
    expect(result).toMatchObject({ ok: false, kind: "not-opencode" });
  });

  it("says a 404 is not an OpenCode server and gives the status", async () => {
    server.use(http.get(`${BASE}/global/health`, () => new HttpResponse("Not Found", { status: 404 })));
    const result = await probeInstance(config);
    expect(result).toEqual({
      ok: false,
      kind: "not-opencode",
      message: "Port 4096 answered, but it is not an OpenCode server (HTTP 404 on /global/health).",
    });
  });

  it("names a remote host instead of a port", async () => {
    server.use(http.get("https://example.com/oc/global/health", () => new HttpResponse(null, { status: 404 })));
    const result = await probeInstance({ id: "r", baseUrl: "https://example.com/oc" });
    if (result.ok) throw new Error("expected a failure");
    expect(result.message).toMatch(/^example\.com\/oc answered, but it is not an OpenCode server/);
  });

  it("still connects when /path and /project fail, with no path and no projects", async () => {
    server.use(
      http.get(`${BASE}/global/health`, () => HttpResponse.json(health)),
      http.get(`${BASE}/path`, () => HttpResponse.error()),
      http.get(`${BASE}/project`, () => new HttpResponse("oops", { status: 500 })),
    );
    expect(await probeInstance(config)).toEqual({ ok: true, version: "1.18.33", path: undefined, projects: [] });
  });
});

describe("probeInstance when the request fails outright", () => {
  it("says nothing answered when the no-cors retry fails too, without a --cors hint for an allowed origin", async () => {
    server.use(http.get(`${BASE}/global/health`, () => HttpResponse.error()));
    const result = await probeInstance(config, { pageOrigin: "http://127.0.0.1:5173" });
    expect(result).toEqual({
      ok: false,
      kind: "unreachable",
      message:
        "Nothing answered at http://127.0.0.1:4096. Check that `opencode serve --port 4096` is running and reachable from this browser.",
    });
  });

  it("adds the --cors hint to 'nothing answered' when the page origin is not allowed by default", async () => {
    const { fetchImpl, modes } = browserFetch(false);
    const result = await probeInstance(config, { fetch: fetchImpl, pageOrigin: "http://[::1]:5173" });
    expect(modes).toEqual(["cors", "no-cors"]);
    expect(result).toMatchObject({ ok: false, kind: "unreachable" });
    if (!result.ok) {
      expect(result.message).toMatch(/^Nothing answered at http:\/\/127\.0\.0\.1:4096\./);
      expect(result.message).toContain("`opencode serve --port 4096 --cors http://[::1]:5173`");
    }
  });

  it("says it is not OpenCode when something answered no-cors but an allowed origin could not read it", async () => {
    const { fetchImpl } = browserFetch(true);
    const result = await probeInstance(config, { fetch: fetchImpl, pageOrigin: "http://localhost:5173" });
    expect(result).toMatchObject({ ok: false, kind: "not-opencode" });
    if (!result.ok) {
      expect(result.message).toMatch(/^Port 4096 answered, but it is not an OpenCode server/);
      expect(result.message).not.toContain("--cors");
    }
  });

  it.each(["http://[::1]:5173", "https://localhost:5173"])("gives the CORS sentence with the exact command for %s", async (origin) => {
    const { fetchImpl } = browserFetch(true);
    const result = await probeInstance(config, { fetch: fetchImpl, pageOrigin: origin });
    expect(result).toMatchObject({ ok: false, kind: "cors" });
    if (!result.ok) {
      expect(result.message).toMatch(/^Port 4096 answered, but the browser blocked this page from reading it \(CORS\)/);
      expect(result.message).toContain(`\`opencode serve --port 4096 --cors ${origin}\``);
    }
  });

  it("gives up after timeoutMs on a server that accepts and never answers", async () => {
    const hanging: typeof fetch = (input) =>
      new Promise((_, reject) => {
        const signal = (input as Request).signal;
        signal.addEventListener("abort", () => reject(signal.reason));
      });
    const started = Date.now();
    const result = await probeInstance(config, { fetch: hanging, timeoutMs: 50 });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(result).toMatchObject({ ok: false, kind: "timeout" });
    if (!result.ok)
      expect(result.message).toBe(
        "Port 4096 accepted the connection but did not answer within 0.05 s. If the server is still starting, try again in a moment.",
      );
  });
});

describe("unreachableMessage", () => {
  it("leaves out --port for a URL without one", () => {
    expect(unreachableMessage("https://example.com", undefined)).toContain("`opencode serve`");
  });

  // An http server reached over https fails the TLS handshake, which reads like nothing listening.
  it("says that an https address may be an http server", () => {
    expect(unreachableMessage("https://127.0.0.1:4096", undefined)).toMatch(
      /^Nothing answered at https:\/\/127\.0\.0\.1:4096 \(the server may be http, not https\)\./,
    );
    expect(unreachableMessage("http://127.0.0.1:4096", undefined)).not.toMatch(/may be http/);
  });
});

describe("describeAddress", () => {
  it("names a loopback port as a port, and keeps a path in view", () => {
    expect(describeAddress("http://127.0.0.1:4096")).toBe("Port 4096");
    expect(describeAddress("http://devbox:4096")).toBe("devbox:4096");
    // "Port 4096 is not an OpenCode server" would be wrong when port 4096 is one and only the path is not.
    expect(describeAddress("http://127.0.0.1:4096/session/abc")).toBe("http://127.0.0.1:4096/session/abc");
  });
});

describe("isOriginAllowedByDefault (SERVER.md, CORS)", () => {
  const baseUrl = "http://127.0.0.1:4096";
  it.each([
    ["http://localhost:5173", true],
    ["http://127.0.0.1:5173", true],
    ["tauri://localhost", true],
    ["http://tauri.localhost", true],
    ["https://tauri.localhost", true],
    ["https://opencode.ai", true],
    ["https://app.opencode.ai", true],
    ["http://127.0.0.1:4096", true], // the server's own origin
    ["http://[::1]:5173", false],
    ["http://127.0.0.2:5173", false],
    ["https://localhost:5173", false],
    ["http://localhost", false],
    ["http://192.168.1.20:5173", false],
    ["http://opencode.ai", false],
    ["https://evilopencode.ai", false],
    ["https://opencode.ai.evil.com", false],
    ["http://localhost:5173.evil.com", false],
  ])("%s → %s", (origin, allowed) => {
    expect(isOriginAllowedByDefault(origin, baseUrl)).toBe(allowed);
  });

  it("allows a LAN page only when it is the server's own host and port", () => {
    expect(isOriginAllowedByDefault("http://192.168.1.20:4096", "http://192.168.1.20:4096")).toBe(true);
    expect(isOriginAllowedByDefault("http://192.168.1.20:4096", "http://192.168.1.20:4097")).toBe(false);
  });
});
