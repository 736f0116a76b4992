/**
 * The companion's static site (issue 8, "The local server and the browser page"): containment by
 * path.relative, the Host allow-list, 405/400, and the security headers on every answer.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttp, type RunningHttp } from "../../../server/http/server";
import { containedPath } from "../../../server/http/static";
import { rawRequest } from "./raw-request";

let dir: string;
let site: RunningHttp;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "switchboard-static-"));
  mkdirSync(join(dir, "dist", "assets"), { recursive: true });
  mkdirSync(join(dir, "dist-secret"), { recursive: true });
  writeFileSync(join(dir, "dist", "index.html"), "<!doctype html><html><head><title>app</title></head><body></body></html>");
  writeFileSync(join(dir, "dist", "assets", "app-1234.js"), "console.log('app')");
  writeFileSync(join(dir, "dist", "favicon.svg"), "<svg/>");
  writeFileSync(join(dir, "dist-secret", "secret.txt"), "the secret");
  writeFileSync(join(dir, "outside.txt"), "outside");
  site = await startHttp({ root: join(dir, "dist") });
});

afterAll(async () => {
  await site.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}, method = "GET") => rawRequest(site.port, { path, headers, method });

describe("files", () => {
  it("serves index.html, assets (immutable) and the SPA fallback for extensionless paths", async () => {
    const index = await get("/");
    expect(index.status).toBe(200);
    expect(index.body).toContain("<title>app</title>");
    const asset = await get("/assets/app-1234.js");
    expect(asset.status).toBe(200);
    expect(asset.headers["content-type"]).toMatch(/^text\/javascript/);
    expect(asset.headers["cache-control"]).toContain("immutable");
    const deep = await get("/i/127-0-0-1-4096/s/ses_1");
    expect(deep.status).toBe(200);
    expect(deep.body).toContain("<title>app</title>");
    expect((await get("/missing.js")).status).toBe(404);
  });

  it("never serves a sibling folder whose name starts like the root (dist-secret/)", async () => {
    for (const path of ["/..%2fdist-secret/secret.txt", "/..%2Fdist-secret%2Fsecret.txt", "/%2e%2e%2fdist-secret/secret.txt"]) {
      const res = await get(path);
      expect(res.body, path).not.toContain("the secret");
      expect(res.status, path).toBe(404);
    }
  });

  it("never serves a file above the root", async () => {
    for (const path of ["/..%2foutside.txt", "/..%2f..%2f..%2fetc%2fpasswd", "/%2e%2e/outside.txt"]) {
      const res = await get(path);
      expect(res.body, path).not.toContain("outside");
      expect(res.body, path).not.toContain("root:");
    }
  });

  it("decides containment with path.relative", () => {
    expect(containedPath("/srv/dist", "/a/b.js")).toBe("/srv/dist/a/b.js");
    expect(containedPath("/srv/dist", "/")).toBe("/srv/dist");
    expect(containedPath("/srv/dist", "/../dist-secret/x")).toBeUndefined();
    expect(containedPath("/srv/dist", "/../../etc/passwd")).toBeUndefined();
    expect(containedPath("/srv/dist", "/..foo/x")).toBe("/srv/dist/..foo/x");
  });

  it("answers HEAD with the headers and no body", async () => {
    const res = await get("/", {}, "HEAD");
    expect(res.status).toBe(200);
    expect(res.body).toBe("");
  });
});

describe("requests it refuses", () => {
  it("refuses a Host that is not 127.0.0.1, localhost or [::1] with its own port (DNS rebinding)", async () => {
    for (const host of ["evil.example", `evil.example:${site.port}`, `127.0.0.1:${site.port + 1}`, `127.0.0.2:${site.port}`, "127.0.0.1"]) {
      const res = await get("/", { host });
      expect(res.status, host).toBe(421);
      expect(res.body, host).not.toContain("<title>");
    }
    for (const host of [`127.0.0.1:${site.port}`, `localhost:${site.port}`, `LOCALHOST:${site.port}`, `[::1]:${site.port}`]) {
      expect((await get("/", { host })).status, host).toBe(200);
    }
  });

  it("answers 405 with Allow to methods other than GET and HEAD", async () => {
    for (const method of ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"]) {
      const res = await get("/", {}, method);
      expect(res.status, method).toBe(405);
      expect(res.headers.allow, method).toBe("GET, HEAD");
    }
  });

  it("answers 400 to a malformed URI, without any exception text", async () => {
    for (const path of ["/%E0%A4%A", "/%", "/a%00b"]) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      expect(res.body, path).not.toMatch(/URIError|Error:|at /);
    }
  });
});

describe("headers on every answer", () => {
  it("sends a CSP for what the app needs, nosniff and no-referrer, on files, fallbacks and errors", async () => {
    for (const res of [
      await get("/"),
      await get("/assets/app-1234.js"),
      await get("/missing.js"),
      await get("/", {}, "POST"),
      await get("/%"),
    ]) {
      const csp = String(res.headers["content-security-policy"]);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toMatch(/connect-src [^;]*http: https:/);
      expect(csp).toContain("img-src 'self' data:");
      expect(csp).not.toContain("unsafe-eval");
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["referrer-policy"]).toBe("no-referrer");
    }
  });

  it("sends no CORS header, even to a request with a foreign Origin", async () => {
    const res = await get("/", { origin: "http://evil.example" });
    expect(Object.keys(res.headers).filter((name) => name.startsWith("access-control-"))).toEqual([]);
  });
});
