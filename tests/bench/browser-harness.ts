/**
 * Chromium for the browser benchmarks: /usr/bin/chromium (or CHROMIUM_PATH) through playwright-core
 * with the flags of issue 4 and a fresh temporary profile, the built app served from dist/ by
 * the companion's static site (server/http), and pages that carry the page probe (page-probe.ts) and, when asked, instances
 * preloaded into localStorage the way the app saves them.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from "playwright-core";
import { startHttp } from "../../server/http/server";
import { CHROMIUM_ARGS, chromiumPath } from "../e2e/harness/browser";
import { installPageProbe, seedInstances, type PageProbe } from "./page-probe";


/** An instance as `switchboard.instances` stores it. */
export interface SavedInstance {
  id: string;
  baseUrl: string;
}

/** One benchmark page with its own context (storage) and a CDP session for heap and CPU metrics. */
export interface BenchPage {
  page: Page;
  cdp: CDPSession;
  close(): Promise<void>;
}

/** The served app and the browser. */
export interface BenchBrowser {
  appUrl: string;
  /** The built app's folder (for pages started without Playwright: unattached-page.ts). */
  appDir: string;
  browser: Browser;
  open(options?: { instances?: SavedInstance[] }): Promise<BenchPage>;
  close(): Promise<void>;
}

declare global {
  interface Window {
    __bench: PageProbe;
  }
}

/** Serves the built app in `dist` with the companion's static site and launches Chromium. */
export async function startBenchBrowser(dist: string): Promise<BenchBrowser> {
  if (!existsSync(join(dist, "index.html"))) throw new Error(`${dist}/index.html is missing: the app build failed`);
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) throw new Error(`no Chromium at ${executablePath}: run node scripts/ensure-chromium.mjs`);
  // The companion's own static site (same headers and CSP as `npm start`), without its local API.
  const site = await startHttp({ root: dist });
  // launch() creates a fresh temporary user-data-dir and removes it on close.
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  const contexts = new Set<BrowserContext>();

  return {
    appUrl: site.url,
    appDir: dist,
    browser,
    async open(options = {}) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      contexts.add(context);
      await context.addInitScript(installPageProbe);
      if (options.instances) {
        // Once per context: later navigations must not undo what the page itself saved (removals).
        await context.addInitScript(seedInstances, options.instances);
      }
      const page = await context.newPage();
      // The app confirms removals with window.confirm; the benchmark says yes.
      page.on("dialog", (dialog) => void dialog.accept());
      const cdp = await context.newCDPSession(page);
      // BENCH_CPU_SLOWDOWN=<rate> runs the page's main thread that many times slower (Chromium's own
      // throttling): a figure that still holds at 1.5 has margin on a slower or busier machine.
      const slowdown = Number(process.env.BENCH_CPU_SLOWDOWN);
      if (slowdown > 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: slowdown });
      return {
        page,
        cdp,
        close: async () => {
          contexts.delete(context);
          await context.close();
        },
      };
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await site.close();
    },
  };
}

/**
 * Waits until the page has nothing left to do (the probe's `quiet`). A user looks at a page before
 * clicking in it; a click timed while its own start-up work (chunks, warm-ups, the first requests)
 * still runs measures that work, not the click.
 */
export async function waitUntilQuiet(page: Page): Promise<void> {
  await page.evaluate(() => window.__bench.quiet());
}

/** Installs `watch` (a self-contained function) as the probe's watch and starts the frame loop. */
export async function startWatching(page: Page, watch: () => unknown): Promise<void> {
  await page.evaluate((source) => {
    window.__bench.watch = (0, eval)(`(${source})`) as () => unknown;
    window.__bench.changes = [];
    window.__bench.startFrames();
  }, watch.toString());
}

/**
 * Waits until the probe's last value equals `expected` (or, for numbers, reached it). The page
 * answers when the probe records the change (`whenValue`): polling from here ran a script in the page
 * every 50 ms, and such a task (5-40 ms) landed between a session's messages arriving and its rows
 * being drawn.
 */
export async function waitForValue(page: Page, expected: number | boolean | string, timeoutMs: number): Promise<void> {
  await page.evaluate(({ want, timeoutMs }) => window.__bench.whenValue(want, timeoutMs), { want: expected, timeoutMs });
}

/** The time (page clock, ms) of the first frame whose watched value equalled or reached `expected`. */
export function firstFrameWith(changes: Array<[number, unknown]>, expected: number | boolean | string): number {
  for (const [time, value] of changes) {
    if (typeof expected === "number" && typeof value === "number" ? value >= expected : value === expected) return time;
  }
  return Number.NaN;
}

/** Counts every element in the document. */
export function countElements(page: Page): Promise<number> {
  return page.evaluate(() => document.getElementsByTagName("*").length);
}

/** The JS heap in use after forcing garbage collection (three passes, as weak references clear in steps). */
export async function heapAfterGc(cdp: CDPSession): Promise<number> {
  for (let i = 0; i < 3; i++) {
    await cdp.send("HeapProfiler.collectGarbage");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const usage = (await cdp.send("Runtime.getHeapUsage")) as { usedSize: number };
  return usage.usedSize;
}

/**
 * Runs `work` under the CDP sampling profiler when BENCH_PROFILE names a folder, and writes
 * `<folder>/<name>.cpuprofile` (open it in Chromium DevTools). Without BENCH_PROFILE it only runs
 * `work`, so figures are never taken with the profiler's overhead unless asked for.
 */
export async function profiled<T>(cdp: CDPSession, name: string, work: () => Promise<T>): Promise<T> {
  if (process.env.BENCH_TRACE) return traced(cdp, process.env.BENCH_TRACE, name, work);
  if (process.env.BENCH_ALLOC) return allocations(cdp, process.env.BENCH_ALLOC, name, work);
  const folder = process.env.BENCH_PROFILE;
  if (!folder) return work();
  return recorded(
    join(folder, `${name}.cpuprofile`),
    async () => {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
      await cdp.send("Profiler.start");
    },
    async () => ((await cdp.send("Profiler.stop")) as { profile: unknown }).profile,
    work,
  );
}

/** Runs `work` between `start` and `stop`, and writes what `stop` gave to `file` as JSON, even when `work` fails. */
async function recorded<T>(file: string, start: () => Promise<void>, stop: () => Promise<unknown>, work: () => Promise<T>): Promise<T> {
  await start();
  try {
    return await work();
  } finally {
    const result = await stop();
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(result));
  }
}

/**
 * With BENCH_ALLOC=<dir>: V8's sampling heap profiler over `work`, objects collected by either GC
 * included, written as `<dir>/<name>.heapprofile` (DevTools' Memory panel opens it): where the
 * garbage that makes the collector's pauses comes from.
 */
function allocations<T>(cdp: CDPSession, folder: string, name: string, work: () => Promise<T>): Promise<T> {
  return recorded(
    join(folder, `${name}.heapprofile`),
    async () => {
      await cdp.send("HeapProfiler.enable");
      await cdp.send("HeapProfiler.startSampling", {
        samplingInterval: 8_192,
        includeObjectsCollectedByMajorGC: true,
        // BENCH_ALLOC_SURVIVORS=1 leaves out what the young generation's collections freed: what is left
        // is what survived one, which is what makes those collections slow.
        includeObjectsCollectedByMinorGC: !process.env.BENCH_ALLOC_SURVIVORS,
      });
    },
    async () => ((await cdp.send("HeapProfiler.stopSampling")) as { profile: unknown }).profile,
    work,
  );
}

/**
 * With BENCH_TRACE=<dir>: a Chromium performance trace of `work` (every main-thread task with what
 * ran in it: event dispatch, script, style, layout, paint), written as `<dir>/<name>.trace.json` for
 * DevTools' Performance panel. Tracing costs time itself, so figures of a traced run are not targets.
 */
async function traced<T>(cdp: CDPSession, folder: string, name: string, work: () => Promise<T>): Promise<T> {
  const categories = [
    "devtools.timeline",
    "disabled-by-default-devtools.timeline",
    "toplevel",
    "v8.execute",
    "blink.user_timing",
    "loading",
    // JS samples inside the trace: what ran in each task, not only that a task ran.
    "disabled-by-default-v8.cpu_profiler",
    ...(process.env.BENCH_TRACE_MORE ? process.env.BENCH_TRACE_MORE.split(",") : []),
  ];
  // Kept in the browser until the end (a stream), so that receiving it does not busy this process,
  // which also plays the fake server, during the work being traced.
  await cdp.send("Tracing.start", { traceConfig: { includedCategories: categories }, transferMode: "ReturnAsStream" });
  try {
    return await work();
  } finally {
    const done = new Promise<string>((resolve) => cdp.once("Tracing.tracingComplete", (event: { stream?: string }) => resolve(event.stream ?? "")));
    await cdp.send("Tracing.end");
    const stream = await done;
    const chunks: string[] = [];
    for (;;) {
      const { data, eof, base64Encoded } = (await cdp.send("IO.read", { handle: stream })) as { data: string; eof: boolean; base64Encoded?: boolean };
      chunks.push(base64Encoded ? Buffer.from(data, "base64").toString("utf8") : data);
      if (eof) break;
    }
    await cdp.send("IO.close", { handle: stream });
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `${name}.trace.json`), chunks.join(""));
  }
}

/** Saves a screenshot to test-results/bench/<name>.png for a benchmark that failed; never throws. */
export async function screenshotOnFailure(page: Page, root: string, name: string): Promise<void> {
  const folder = join(root, "test-results", "bench");
  mkdirSync(folder, { recursive: true });
  await page.screenshot({ path: join(folder, `${name}.png`) }).catch(() => undefined);
}

/**
 * Takes a heap snapshot and returns its JSON text; with BENCH_HEAP_SNAPSHOT set it is also written
 * to `<folder>/<name>.heapsnapshot` (DevTools' Memory panel opens it and compares two).
 */
export async function heapSnapshot(cdp: CDPSession, name: string): Promise<string> {
  const chunks: string[] = [];
  const collect = (event: { chunk: string }) => void chunks.push(event.chunk);
  cdp.on("HeapProfiler.addHeapSnapshotChunk", collect);
  await cdp.send("HeapProfiler.takeHeapSnapshot", { reportProgress: false });
  cdp.off("HeapProfiler.addHeapSnapshotChunk", collect);
  const text = chunks.join("");
  const folder = process.env.BENCH_HEAP_SNAPSHOT;
  if (folder) {
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `${name}.heapsnapshot`), text);
  }
  return text;
}

/**
 * Bytes of a heap snapshot's V8 objects by kind: compiled code and its metadata, strings, the rest.
 * Blink's own objects ("native", "synthetic" nodes) are left out: they are not in the JS heap size.
 */
export interface HeapKinds {
  code: number;
  strings: number;
  other: number;
}

/** Sums the self sizes of a snapshot's nodes by kind. */
export function heapKinds(snapshotText: string): HeapKinds {
  const snapshot = JSON.parse(snapshotText) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
  };
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const typeAt = fields.indexOf("type");
  const sizeAt = fields.indexOf("self_size");
  const kinds: HeapKinds = { code: 0, strings: 0, other: 0 };
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const type = types[snapshot.nodes[i + typeAt]];
    const size = snapshot.nodes[i + sizeAt];
    if (type === "code") kinds.code += size;
    else if (type === "string" || type === "concatenated string" || type === "sliced string") kinds.strings += size;
    else if (type !== "native" && type !== "synthetic") kinds.other += size;
  }
  return kinds;
}
