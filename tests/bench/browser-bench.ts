/**
 * The browser half of `npm run bench`: one Chromium and the built app, then each benchmark on its
 * own page, fake server(s) and session. A benchmark that throws is reported as a failed figure with
 * the reason, and the others still run.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { startBenchBrowser, type BenchBrowser } from "./browser-harness";
import { runLongSessionBench } from "./bench-long-session";
import { runMergedBench, runMergedModelBench } from "./bench-merged";
import { runIdleBench, runMemoryBench } from "./bench-memory-idle";
import { runStreamingBench } from "./bench-streaming";
import { runTenStreamsBench } from "./bench-ten-streams";
import { failed, type Figure } from "./figures";

/** Options from scripts/bench.mjs. */
export interface BrowserBenchOptions {
  root: string;
  /** The built app to serve (scripts/bench.mjs builds it like dist/, in a folder of its own). */
  appDir: string;
  capturesDir: string;
  log: (line: string) => void;
}

/**
 * This process also plays every fake server, so one benchmark's garbage (the 20,000-event captures
 * of the streaming ones) would be collected in the middle of the next one, pausing its server: the
 * long-session open measured 350-390 ms after the streaming benchmarks and 250-290 ms after a
 * collection. Each benchmark starts from a collected heap.
 */
function collectGarbage(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

async function guarded(name: string, run: () => Promise<Figure[]>, log: (line: string) => void): Promise<Figure[]> {
  collectGarbage();
  try {
    return await run();
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    log(`${name}: ${message}`);
    return [failed(name, "", "", message)];
  }
}

/** Runs every browser benchmark and returns their figures. */
export async function runBrowserBench(options: BrowserBenchOptions): Promise<Figure[]> {
  const { log } = options;
  const bench: BenchBrowser = await startBenchBrowser(options.appDir);
  try {
    const figures: Figure[] = [];
    const only = new Set((process.env.BENCH_BROWSER ?? "streaming,long,memory,idle,merged,ten").split(","));
    if (only.has("streaming")) figures.push(...(await guarded("streaming", () => runStreamingBench(bench, options.capturesDir, log), log)));
    if (only.has("long")) figures.push(...(await guarded("long session", () => runLongSessionBench(bench, log), log)));
    if (only.has("memory")) figures.push(...(await guarded("memory", () => runMemoryBench(bench, options.capturesDir, log), log)));
    if (only.has("idle")) figures.push(...(await guarded("idle", () => runIdleBench(bench, log), log)));
    if (only.has("ten")) figures.push(...(await guarded("ten streams", () => runTenStreamsBench(bench, options.capturesDir, log), log)));
    if (only.has("merged")) {
      figures.push(...(await guarded("merged model", async () => runMergedModelBench(), log)));
      figures.push(...(await guarded("merged", () => runMergedBench(bench, log), log)));
    }
    return figures;
  } finally {
    await bench.close();
  }
}
