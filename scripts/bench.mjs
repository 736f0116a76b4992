#!/usr/bin/env node
// `npm run bench`: the performance figures of issue 4 against their targets. Builds the app (as dist/),
// bundles the TypeScript benchmarks in tests/bench/ for node with Solid's browser build (so stores
// are reactive as in the page), runs them, prints a table, writes bench/results.json and exits 1
// when any target is missed. Not part of `npm test`: the figures depend on the machine.
//   node scripts/bench.mjs [--only=reducer,bundle,browser,companion]
//   BENCH_BROWSER=streaming,long,memory,idle,merged,ten picks browser benchmarks; BENCH_PROFILE=<dir> writes
//   CPU profiles of the browser runs (unminified build) for DevTools; BENCH_TRACE=<dir> writes
//   Chromium performance traces instead (every task and what ran in it); BENCH_HEAP_SNAPSHOT=<dir>
//   keeps the memory benchmark's heap snapshots; BENCH_UNATTACHED_TRACE=<file.json> has the burst's
//   Chromium (the one nobody is attached to) trace its first 20 s into that file. A failed browser
//   page leaves test-results/bench/*.png.
//   BENCH_TEN_IDLE=499 lists 499 idle sessions beside each of the ten streams (for profiling only).
//   BENCH_CPU_SLOWDOWN=1.5 runs each page's main thread 1.5 times slower (a slower machine: margin).
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "vite";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const OUT = join(ROOT, "node_modules", ".cache", "switchboard-bench");
// The app is built exactly as `vite build` builds dist/, but into a folder of its own: other work
// (e2e runs) serves dist/ meanwhile, and emptying it under them would break their pages.
const APP_OUT = join(OUT, "app");
const CAPTURE = join(ROOT, "tests", "fixtures", "captures", "10-long20000-burst.global-event.txt.gz");
const ENTRIES = ["reducer-bench", "bundle-size", "browser-bench", "companion-bench"];
const only = new Set((process.argv.find((arg) => arg.startsWith("--only="))?.slice(7) ?? "reducer,bundle,browser,companion").split(","));
const log = (line) => console.log(`  ${line}`);

/** Builds the app (project config, production mode) and returns its output chunks (the graph the bundle figures read). */
async function buildApp() {
  // With BENCH_PROFILE (or a trace) the app is left unminified so the CPU profiles name real functions; its
  // figures then describe that build, which is fine for finding hot spots and wrong for targets.
  const minify = process.env.BENCH_PROFILE || process.env.BENCH_TRACE || process.env.BENCH_UNATTACHED_TRACE ? { minify: false } : {};
  const result = await build({ root: ROOT, logLevel: "warn", build: { outDir: APP_OUT, emptyOutDir: true, ...minify } });
  const outputs = Array.isArray(result) ? result : [result];
  return outputs.flatMap((output) => output.output).filter((item) => item.type === "chunk");
}

/** Bundles tests/bench/*.ts for node; solid-js is inlined with its browser exports, the rest stays external. */
async function buildBenches() {
  await build({
    configFile: false,
    root: ROOT,
    logLevel: "warn",
    ssr: { noExternal: [/solid-js/], resolve: { conditions: ["browser"], externalConditions: ["node"] } },
    build: {
      ssr: true,
      outDir: join(OUT, "node"),
      emptyOutDir: true,
      target: "node20",
      minify: false,
      rollupOptions: {
        input: Object.fromEntries(ENTRIES.map((name) => [name, join(ROOT, "tests", "bench", `${name}.ts`)])),
        output: { format: "es", entryFileNames: "[name].mjs" },
      },
    },
  });
  return async (name) => import(pathToFileURL(join(OUT, "node", `${name}.mjs`)).href);
}

function formatValue(value) {
  if (!Number.isFinite(value)) return "—";
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2);
}

function printTable(figures) {
  const rows = figures.map((f) => [
    f.pass === null ? "    " : f.pass ? "PASS" : "FAIL",
    f.name,
    `${formatValue(f.value)} ${f.unit}`,
    f.target ? `${f.target} ${f.unit}` : "",
  ]);
  const widths = [4, 0, 0, 0].map((w, i) => Math.max(w, ...rows.map((row) => row[i].length)));
  console.log("");
  for (const row of rows) {
    console.log(
      row
        .map((cell, i) => (i === 2 ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
        .join("  ")
        .trimEnd(),
    );
  }
}

const started = performance.now();
const figures = [];
// Timings on a busy machine say more about the neighbours than about the app: record the load.
const machineLoad = loadavg()[0] / cpus().length;
figures.push({
  name: "machine load at start (1-min average per core)",
  value: Math.round(machineLoad * 100) / 100,
  unit: "",
  target: "",
  pass: null,
});
if (machineLoad > 0.5)
  console.log(`Warning: the machine is busy (load ${machineLoad.toFixed(2)} per core); timings will be worse than on a quiet machine.`);
try {
  console.log("Building the app (vite build) …");
  const chunks = await buildApp();
  console.log("Bundling the benchmarks …");
  const load = await buildBenches();

  if (only.has("bundle")) {
    const { bundleFigures } = await load("bundle-size");
    figures.push(...bundleFigures(chunks));
  }
  if (only.has("reducer")) {
    console.log("Reducer benchmarks …");
    const { runReducerBench } = await load("reducer-bench");
    figures.push(...runReducerBench(CAPTURE, log));
  }
  if (only.has("browser")) {
    console.log("Browser benchmarks (Chromium) …");
    const { runBrowserBench } = await load("browser-bench");
    figures.push(
      ...(await runBrowserBench({ root: ROOT, appDir: APP_OUT, capturesDir: join(ROOT, "tests", "fixtures", "captures"), log })),
    );
  }
  if (only.has("companion")) {
    console.log("Companion benchmarks (discovery scan, idle CPU) …");
    // The companion runs as `npm start` runs it: compiled into build/companion, serving dist/. On a
    // fresh clone nothing has built dist/ yet, and the companion refuses to start without it: the
    // app built above is the same build (same config), so it is copied there.
    if (!existsSync(join(ROOT, "dist", "index.html"))) cpSync(APP_OUT, join(ROOT, "dist"), { recursive: true });
    execFileSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", join(ROOT, "server")], {
      stdio: "inherit",
    });
    const { runCompanionBench } = await load("companion-bench");
    figures.push(...(await runCompanionBench({ root: ROOT, log })));
  }
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  figures.push({
    name: `bench run (crashed: ${error instanceof Error ? error.message : error})`,
    value: NaN,
    unit: "",
    target: "",
    pass: false,
  });
}

printTable(figures);
mkdirSync(join(ROOT, "bench"), { recursive: true });
writeFileSync(join(ROOT, "bench", "results.json"), `${JSON.stringify(figures, null, 2)}\n`);
const missed = figures.filter((f) => f.pass === false);
console.log(
  `\n${figures.length - missed.length} of ${figures.length} figures met their target or are informative; ` +
    `${missed.length} missed. (${((performance.now() - started) / 1000).toFixed(0)} s; bench/results.json written)`,
);
process.exit(missed.length > 0 ? 1 : 0);
