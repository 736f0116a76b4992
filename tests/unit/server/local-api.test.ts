/**
 * The local API's guards (issue 9, Security): a foreign Host, a foreign or missing Origin, and a
 * missing or wrong token are refused; the token reaches only the page the companion serves; a start
 * call takes a directory and a port, nothing else.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { COMPANION_META_NAME, TOKEN_HEADER, type LocalServer, type StartRequest } from "../../../shared/companion-api";
import { makeApiHandler, type CompanionCore } from "../../../server/http/api";
import { startHttp, type RunningHttp } from "../../../server/http/server";
import { rawRequest } from "./raw-request";

const TOKEN = "t0k3n-of-this-launch_abcdefghijklmnopqrstu";
let dir: string;
let site: RunningHttp;
let started: StartRequest[] = [];

const server: LocalServer = {
  id: "4096-1-1",
  port: 4096,
  url: "http://127.0.0.1:4096",
  how: "serve",
  locked: false,
  ownership: "started",
  password: "pw",
};
const core: CompanionCore = {
  list: () => ({ revision: 1, servers: [server], recentDirectories: [], discovery: { platform: "test" } }),
  waitForChange: async () => undefined,
  start: async (request) => {
    started.push(request);
    return server;
  },
  stop: async () => undefined,
  restart: async () => server,
  update: () => server,
  logs: async () => ({ lines: [], next: 0 }),
  health: async () => ({ problems: [] }),
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "switchboard-api-"));
  mkdirSync(join(dir, "dist"));
  writeFileSync(join(dir, "dist", "index.html"), "<!doctype html><html><head><title>app</title></head><body></body></html>");
  site = await startHttp({ root: join(dir, "dist"), token: TOKEN, api: makeApiHandler(core, TOKEN) });
});
afterAll(async () => {
  await site.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  started = [];
});

const own = () => `http://127.0.0.1:${site.port}`;
const call = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
  rawRequest(site.port, {
    method,
    path,
    headers: { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe("the token", () => {
  it("is in the index.html the companion serves, in a meta tag, and that page is never cached", async () => {
    const page = await rawRequest(site.port, { path: "/" });
    expect(page.body).toContain(`<meta name="${COMPANION_META_NAME}" content="${TOKEN}" />`);
    expect(page.headers["cache-control"]).toBe("no-store");
    const deep = await rawRequest(site.port, { path: "/i/x/s/y" });
    expect(deep.body).toContain(TOKEN);
  });

  it("is not handed to a page reached through a foreign Host (DNS rebinding)", async () => {
    const page = await rawRequest(site.port, { path: "/", headers: { host: `attacker.example:${site.port}` } });
    expect(page.status).toBe(421);
    expect(page.body).not.toContain(TOKEN);
  });

  it("is required on reads: missing or wrong → 403, and no server list leaks", async () => {
    for (const headers of [
      {} as Record<string, string>,
      { [TOKEN_HEADER]: "wrong" },
      { [TOKEN_HEADER]: `${TOKEN}x` },
      { [TOKEN_HEADER]: "" },
    ]) {
      const res = await call("GET", "/api/servers", headers);
      expect(res.status).toBe(403);
      expect(res.body).not.toContain("password");
    }
    const ok = await call("GET", "/api/servers", { [TOKEN_HEADER]: TOKEN });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body).servers[0].port).toBe(4096);
  });

  it("is required on changes too, even from the app's own Origin", async () => {
    const res = await call("POST", "/api/servers", { origin: own() }, { directory: "/tmp" });
    expect(res.status).toBe(403);
    expect(started).toEqual([]);
  });
});

describe("state-changing calls", () => {
  it("need the app's own Origin: a foreign or missing one is refused", async () => {
    for (const origin of [
      "http://evil.example",
      `http://127.0.0.1:${site.port + 1}`,
      `https://127.0.0.1:${site.port}`,
      "null",
      undefined,
    ]) {
      const headers: Record<string, string> = { [TOKEN_HEADER]: TOKEN };
      if (origin) headers.origin = origin;
      const res = await call("POST", "/api/servers", headers, { directory: "/tmp" });
      expect(res.status, String(origin)).toBe(403);
    }
    expect(started).toEqual([]);
  });

  it("go through with the token and the own Origin (localhost works as well as 127.0.0.1)", async () => {
    const res = await call("POST", "/api/servers", { [TOKEN_HEADER]: TOKEN, origin: own() }, { directory: "/tmp", port: 5000 });
    expect(res.status).toBe(201);
    const viaLocalhost = await call(
      "POST",
      "/api/servers",
      { [TOKEN_HEADER]: TOKEN, origin: `http://localhost:${site.port}`, host: `localhost:${site.port}` },
      { directory: "/srv" },
    );
    expect(viaLocalhost.status).toBe(201);
    expect(started).toEqual([{ directory: "/tmp", port: 5000 }, { directory: "/srv" }]);
  });

  it("are refused with a foreign Host even with the token and Origin", async () => {
    const res = await call(
      "POST",
      "/api/servers",
      { [TOKEN_HEADER]: TOKEN, origin: own(), host: `evil.example:${site.port}` },
      { directory: "/tmp" },
    );
    expect(res.status).toBe(421);
    expect(started).toEqual([]);
  });

  it("start takes a directory and a port only: flags or environment are refused", async () => {
    const headers = { [TOKEN_HEADER]: TOKEN, origin: own() };
    for (const body of [
      { directory: "/tmp", args: ["--cors", "*"] },
      { directory: "/tmp", env: { OPENCODE_SERVER_PASSWORD: "" } },
      { directory: "" },
      { directory: "/tmp", port: 80 },
      [],
    ]) {
      const res = await call("POST", "/api/servers", headers, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(JSON.parse(res.body).error).toMatch(/\w+ \w+/);
    }
    expect(started).toEqual([]);
  });

  it("need a JSON body: a form post (what a cross-site form could send) is refused", async () => {
    const res = await rawRequest(site.port, {
      method: "POST",
      path: "/api/servers",
      headers: { [TOKEN_HEADER]: TOKEN, origin: own(), "content-type": "application/x-www-form-urlencoded" },
      body: "directory=/tmp",
    });
    expect(res.status).toBe(415);
  });
});

describe("no CORS", () => {
  it("a preflight gets no access-control header", async () => {
    const res = await rawRequest(site.port, {
      method: "OPTIONS",
      path: "/api/servers",
      headers: { origin: "http://evil.example", "access-control-request-method": "POST", "access-control-request-headers": TOKEN_HEADER },
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(Object.keys(res.headers).filter((name) => name.startsWith("access-control-"))).toEqual([]);
  });
});
