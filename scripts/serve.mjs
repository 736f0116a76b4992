#!/usr/bin/env node
// Serves the built app (dist/) on a loopback port, with the SPA fallback that deep links
// (/i/:instance/s/:session) need. No dependencies, so `npm start` installs nothing extra.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".woff2": "font/woff2",
  ".ico": "image/x-icon",
};

/**
 * Starts a static server for `root` on `host:port` (port 0 picks a free one) and resolves with
 * `{ url, close }`. Unknown paths without a file extension get index.html.
 */
export async function serveStatic({ root, host = "127.0.0.1", port = 0 }) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
      let file = normalize(join(base, path));
      if (!file.startsWith(base)) {
        res.writeHead(403).end();
        return;
      }
      let info = await stat(file).catch(() => null);
      if (info?.isDirectory()) {
        file = join(file, "index.html");
        info = await stat(file).catch(() => null);
      }
      if (!info) {
        if (extname(path)) {
          res.writeHead(404, { "content-type": "text/plain" }).end("Not found");
          return;
        }
        file = join(base, "index.html");
      }
      const body = await readFile(file);
      const immutable = file.includes(`${join(base, "assets")}`);
      res.writeHead(200, {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
      });
      res.end(body);
    } catch (error) {
      res.writeHead(500, { "content-type": "text/plain" }).end(String(error));
    }
  });
  await new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, ok);
  });
  const address = server.address();
  return {
    url: `http://${host}:${address.port}`,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 5173);
  const root = fileURLToPath(new URL("../dist", import.meta.url));
  const exists = await stat(join(root, "index.html")).catch(() => null);
  if (!exists) {
    console.error("dist/index.html is missing: run `npm run build` first (npm start does it for you).");
    process.exit(1);
  }
  try {
    const { url } = await serveStatic({ root, port });
    console.log(`OpenCode Switchboard is running at ${url}/`);
    console.log(`Open it in a browser, then add a server with "Add instance".`);
  } catch (error) {
    if (error?.code === "EADDRINUSE") {
      console.error(`Port ${port} is in use. Start on another one with: PORT=5174 npm run serve`);
      process.exit(1);
    }
    throw error;
  }
}
