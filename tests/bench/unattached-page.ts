/**
 * A benchmark page with no DevTools attached: Chromium started on its own (no CDP, no Playwright),
 * the page probe (page-probe.ts) put into the app's index.html, and the page driving itself and
 * posting what it measured back to this process.
 *
 * Why: Playwright turns on DevTools' network domain for every page it drives, and DevTools then
 * keeps and decodes a copy of every response body on the page's main thread. Reading the same
 * 3.7 MB event stream had 0 tasks over 50 ms in a Chromium nobody was attached to, and 2 of 53-133 ms
 * under Playwright (measured here, three runs each). The burst figure counts exactly those tasks, so it
 * is taken in a page like this one; everything else still runs through Playwright.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startHttp } from "../../server/http/server";
import { CHROMIUM_ARGS, chromiumPath } from "../e2e/harness/browser";
import type { SavedInstance } from "./browser-harness";
import { installPageProbe, seedInstances, watchLastToken, type PageProbe } from "./page-probe";

/** What the page posts back: the probe's records and the clock they are on. */
export interface UnattachedReport {
  chunks: Array<[number, number]>;
  changes: Array<[number, unknown]>;
  longtasks: Array<[number, number]>;
  loafs: string[];
  timeOrigin: number;
  /** When the page asked for the stream (page clock). */
  startedAt: number;
  elements: number;
  /** The page's `performance.measure` entries as [name, start, duration] (none unless a scratch build adds them). */
  measures: Array<[string, number, number]>;
}

interface PilotConfig {
  /** The watched value (probe `watchLastToken`) that ends the run. */
  last: number;
  /** How long the page waits for it once the stream was asked for. */
  timeoutMs: number;
  /** How long the page keeps recording after it saw `last`. */
  afterMs: number;
}

/**
 * Runs in the page before the app, after the probe (plain JS: sent as source text, and no eval,
 * which the site's CSP forbids). Waits for the session's messages and for the page to be quiet,
 * starts the probe's frame loop, asks this process (POST /api/bench/go) to start the stream, waits
 * for `last` to be painted, and posts the records.
 */
function pilot(config: PilotConfig, watch: () => unknown): void {
  const bench = (window as unknown as { __bench: PageProbe }).__bench;
  void (async () => {
    // Nothing else shows when the app is ready: look for its first message now and then.
    while (!document.querySelector('[role="log"] article')) await new Promise((resolve) => setTimeout(resolve, 50));
    await bench.quiet();
    bench.watch = watch;
    bench.changes = [];
    bench.startFrames();
    const startedAt = performance.now();
    await fetch("/api/bench/go", { method: "POST" });
    await bench.whenValue(config.last, config.timeoutMs);
    await new Promise((resolve) => setTimeout(resolve, config.afterMs));
    bench.stopFrames();
    const report = {
      chunks: bench.chunks,
      changes: bench.changes,
      longtasks: bench.longtasks,
      loafs: bench.loafs,
      timeOrigin: performance.timeOrigin,
      startedAt,
      elements: document.getElementsByTagName("*").length,
      measures: performance.getEntriesByType("measure").map((entry) => [entry.name, entry.startTime, entry.duration]),
    };
    await fetch("/api/bench/report", { method: "POST", body: JSON.stringify(report) });
  })();
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (text += chunk));
    req.on("end", () => resolve(text));
    req.on("error", reject);
  });

/**
 * Opens `path` of the app in `appDir` in a Chromium nobody is attached to, with `instances` saved;
 * calls `go` when the page asks for the stream, and resolves with the page's report once it has
 * painted `last` and recorded `afterMs` more.
 */
export async function runUnattachedPage(options: {
  appDir: string;
  path: string;
  instances: SavedInstance[];
  last: number;
  afterMs: number;
  go: () => Promise<void>;
  timeoutMs?: number;
}): Promise<UnattachedReport> {
  // The app's files, with an index.html whose first script is the probe and the pilot.
  const site = mkdtempSync(join(tmpdir(), "switchboard-bench-site-"));
  const profile = mkdtempSync(join(tmpdir(), "switchboard-bench-chromium-"));
  for (const entry of readdirSync(options.appDir)) if (entry !== "index.html") symlinkSync(join(options.appDir, entry), join(site, entry));
  const html = readFileSync(join(options.appDir, "index.html"), "utf8");
  writeFileSync(join(site, "index.html"), html.replace("<head>", '<head>\n    <script src="/api/bench/probe.js"></script>'));
  const timeoutMs = options.timeoutMs ?? 60_000;
  const config: PilotConfig = { last: options.last, timeoutMs, afterMs: options.afterMs };
  const script = [
    `(${seedInstances.toString()})(${JSON.stringify(options.instances)});`,
    `(${installPageProbe.toString()})();`,
    `(${pilot.toString()})(${JSON.stringify(config)}, ${watchLastToken.toString()});`,
  ].join("\n");

  let settle!: { resolve: (report: UnattachedReport) => void; reject: (error: Error) => void };
  const reported = new Promise<UnattachedReport>((resolve, reject) => (settle = { resolve, reject }));
  const api = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    if (path === "/api/bench/probe.js") {
      res.writeHead(200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-store" });
      return void res.end(script);
    }
    if (path === "/api/bench/go" && req.method === "POST") {
      res.writeHead(204).end();
      return void options.go().catch((error: unknown) => settle.reject(error instanceof Error ? error : new Error(String(error))));
    }
    if (path === "/api/bench/report" && req.method === "POST") {
      const body = await readBody(req);
      res.writeHead(204).end();
      return void settle.resolve(JSON.parse(body) as UnattachedReport);
    }
    res.writeHead(404).end();
  };
  const http = await startHttp({ root: site, api });
  // Its own process group, stopped by that group (never by name), whatever happens.
  const browser = spawn(
    chromiumPath(),
    [...CHROMIUM_ARGS, ...traceArgs(), `--user-data-dir=${profile}`, "--window-size=1280,800", `${http.url}${options.path}`],
    { detached: true, stdio: "ignore" },
  );
  // Settles whether Chromium ran and exited or never started (no binary: an "error" without "exit").
  let startError: Error | undefined;
  const gone = new Promise<void>((resolve) => {
    browser.once("exit", () => resolve());
    browser.once("error", (error) => {
      startError = error;
      resolve();
    });
  });
  const exited = gone.then(() =>
    Promise.reject(startError ?? new Error(`Chromium exited (${browser.signalCode ?? browser.exitCode}) before the page reported`)),
  );
  exited.catch(() => undefined);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the unattached page did not report within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    const report = await Promise.race([reported, exited, timedOut]);
    await traceWritten();
    return report;
  } finally {
    clearTimeout(timer);
    try {
      if (browser.pid && browser.exitCode === null && browser.signalCode === null) process.kill(-browser.pid, "SIGKILL");
    } catch {
      /* already gone */
    }
    await gone;
    await http.close();
    rmSync(site, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
}

/**
 * BENCH_UNATTACHED_TRACE=<file.json>: Chromium traces itself from its start for TRACE_SECONDS
 * (tasks, V8 samples, GC) and writes the file, with nothing attached to the page. For finding what a
 * long task held in the one figure taken unattached; the tracing slows the page down 1.5-2 times.
 */
const TRACE_SECONDS = 20;
const TRACE_CATEGORIES = [
  "devtools.timeline",
  "disabled-by-default-devtools.timeline",
  "v8.execute",
  "disabled-by-default-v8.gc",
  "disabled-by-default-v8.cpu_profiler",
  ...(process.env.BENCH_TRACE_CATEGORIES?.split(",") ?? []),
];

function traceArgs(): string[] {
  const file = process.env.BENCH_UNATTACHED_TRACE;
  if (!file) return [];
  rmSync(file, { force: true });
  return [
    `--trace-startup=${TRACE_CATEGORIES.join(",")}`,
    "--trace-startup-format=json",
    `--trace-startup-file=${file}`,
    `--trace-startup-duration=${TRACE_SECONDS}`,
  ];
}

/** With BENCH_UNATTACHED_TRACE, waits (up to the trace's length and a margin) until Chromium wrote it. */
async function traceWritten(): Promise<void> {
  const file = process.env.BENCH_UNATTACHED_TRACE;
  if (!file) return;
  const giveUp = Date.now() + (TRACE_SECONDS + 20) * 1000;
  let size = -1;
  while (Date.now() < giveUp) {
    // Written when the trace's time is up: done once its size stops changing.
    const now = existsSync(file) ? statSync(file).size : -1;
    if (now > 0 && now === size) return;
    size = now;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`Chromium did not write the trace ${file}`);
}
