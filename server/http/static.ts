/**
 * The built app (dist/) as static files, with the SPA fallback deep links need
 * (`/i/:instance/s/:session` → index.html). Containment is checked with `path.relative`, so neither
 * `..` nor a sibling folder whose name starts the same (`dist-secret/` next to `dist/`) is reachable.
 * When the companion runs, index.html carries its per-launch token in a meta tag: only a page of
 * this origin can read it (no CORS headers, Host allow-list), which is what makes it a credential.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { COMPANION_META_NAME } from "../../shared/companion-api.js";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".woff2": "font/woff2",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

export interface StaticSite {
  /** The folder served (dist/). */
  root: string;
  /** The companion's token, put into index.html; absent when only the app is served. */
  token?: string;
}

/** The file under `root` that a decoded URL path names, or undefined when it would leave `root`. */
export function containedPath(root: string, urlPath: string): string | undefined {
  const base = resolve(root);
  const file = resolve(join(base, urlPath));
  const inside = relative(base, file);
  if (inside === "") return file;
  if (inside === ".." || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return undefined;
  return file;
}

/** index.html with the token's meta tag as the first thing in <head>. */
export function withToken(html: string, token: string): string {
  const meta = `<meta name="${COMPANION_META_NAME}" content="${token.replace(/[^A-Za-z0-9_-]/g, "")}" />`;
  return html.includes("<head>") ? html.replace("<head>", `<head>\n    ${meta}`) : `${meta}\n${html}`;
}

async function fileInfo(path: string) {
  return stat(path).catch(() => null);
}

/**
 * Answers a GET or HEAD for a decoded path. Unknown paths with a file extension are 404; without one
 * they get index.html (the router handles them in the page).
 */
export async function serveStaticFile(req: IncomingMessage, res: ServerResponse, site: StaticSite, urlPath: string): Promise<void> {
  const base = resolve(site.root);
  let file = containedPath(base, urlPath);
  if (!file) {
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found");
    return;
  }
  let info = await fileInfo(file);
  if (info?.isDirectory()) {
    file = join(file, "index.html");
    info = await fileInfo(file);
  }
  if (!info?.isFile()) {
    if (extname(urlPath)) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found");
      return;
    }
    file = join(base, "index.html");
  }
  const isIndex = file === join(base, "index.html");
  let body: Buffer | string = await readFile(file);
  if (isIndex && site.token) body = withToken(body.toString("utf8"), site.token);
  const immutable = relative(join(base, "assets"), file).split(sep)[0] !== "..";
  res.writeHead(200, {
    "content-type": TYPES[extname(file)] ?? "application/octet-stream",
    "content-length": Buffer.byteLength(body),
    // index.html holds the token when the companion runs: never keep it in a cache.
    "cache-control": isIndex ? "no-store" : immutable ? "public, max-age=31536000, immutable" : "no-cache",
  });
  res.end(req.method === "HEAD" ? undefined : body);
}
