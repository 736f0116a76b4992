/**
 * `npm start`: the companion on 127.0.0.1:PORT (5173 unless PORT says otherwise): the app, the
 * local API, discovery and the servers it starts. Compiled by `tsc -p server` into
 * build/companion/, so this file runs from build/companion/server/main.js: dist/ and the project's
 * node_modules are three folders up.
 */
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startCompanion } from "./companion.js";
import { defaultStateDir } from "./processes/registry.js";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const root = join(repoRoot, "dist");
const port = Number(process.env.PORT ?? 5173);

if (!(await stat(join(root, "index.html")).catch(() => null))) {
  console.error("dist/index.html is missing: run `npm run build` first (npm start does it for you).");
  process.exit(1);
}
try {
  const stateDir = defaultStateDir();
  const companion = await startCompanion({ root, port, stateDir, repoRoot });
  console.log(`OpenCode Switchboard is running at ${companion.url}/`);
  console.log(`It finds the OpenCode servers on this machine and can start new ones (state in ${stateDir}).`);
  if (companion.adopted) console.log(`Adopted ${companion.adopted} server(s) started by an earlier Switchboard.`);
  let closing = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (closing) process.exit(1);
      closing = true;
      void companion.close().finally(() => process.exit(0));
    });
  }
} catch (error) {
  if ((error as NodeJS.ErrnoException)?.code === "EADDRINUSE") {
    console.error(`Port ${port} is in use. Start on another one with: PORT=5174 npm start`);
    process.exit(1);
  }
  throw error;
}
