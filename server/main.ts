/**
 * `npm start`: serves the built app on 127.0.0.1:PORT (5173 unless PORT says otherwise).
 * Compiled by `tsc -p server` into build/companion/, so this file runs from
 * build/companion/server/main.js and dist/ is three folders up.
 */
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startHttp } from "./http/server.js";

const root = fileURLToPath(new URL("../../../dist", import.meta.url));
const port = Number(process.env.PORT ?? 5173);

if (!(await stat(join(root, "index.html")).catch(() => null))) {
  console.error("dist/index.html is missing: run `npm run build` first (npm start does it for you).");
  process.exit(1);
}
try {
  const { url } = await startHttp({ root, port });
  console.log(`OpenCode Switchboard is running at ${url}/`);
} catch (error) {
  if ((error as NodeJS.ErrnoException)?.code === "EADDRINUSE") {
    console.error(`Port ${port} is in use. Start on another one with: PORT=5174 npm start`);
    process.exit(1);
  }
  throw error;
}
