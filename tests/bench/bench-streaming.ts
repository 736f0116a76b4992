/**
 * Streaming in Chromium (issue 4, target 2). The page has a session open; the fake server replays a
 * real capture re-targeted into it, and the page probe times each delta from its arrival in the
 * page (the chunk of the stream that completed its event) to the end of the first frame whose DOM
 * shows it (see page-probe.ts):
 * - paced: the 2,000-delta capture recorded at the LLM's rate, replayed at 460 events/s;
 * - burst: the 20,000-delta capture, written as fast as the socket drains (the real server flushed
 *   it in ~150 ms), then the time from the last delta's arrival to the frame that paints it, and
 *   every main-thread task over 50 ms from the first event until 500 ms after that frame.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { countElements, firstFrameWith, profiled, startWatching, waitForValue, waitUntilQuiet, type BenchBrowser } from "./browser-harness";
import { DIRECTORY, startFakeServer, type FakeServer } from "./fake-server";
import { atMost, info, quantile, median, type Figure } from "./figures";
import { watchLastToken } from "./page-probe";
import { runUnattachedPage } from "./unattached-page";
import { countDeltas, readCaptureLines, retarget } from "./retarget";
import { makeSession, makeSessionMessages } from "./synthetic-session";

const PACED_RATE = 460;

interface ProbeData {
  arrival: Record<number, number>;
  changes: Array<[number, unknown]>;
  longtasks: Array<[number, number]>;
  loafs: string[];
  timeOrigin: number;
}

async function readProbe(page: Page): Promise<ProbeData> {
  const probe = await page.evaluate(() => {
    window.__bench.stopFrames();
    const { chunks, changes, longtasks, loafs } = window.__bench;
    return { chunks, changes, longtasks, loafs, timeOrigin: performance.timeOrigin };
  });
  return { ...probe, arrival: arrivals(probe.chunks) };
}

/** Per token, the time of the first chunk whose last complete token is at least it. */
function arrivals(chunks: ReadonlyArray<[number, number]>): Record<number, number> {
  const arrival: Record<number, number> = {};
  let token = 0;
  for (const [at, last] of chunks) for (; token <= last; token++) arrival[token] = at;
  return arrival;
}

/** Opens session `sessionID` of a fresh instance on `server` and waits for its messages to show. */
export async function openStreamingPage(bench: BenchBrowser, server: FakeServer, instanceId: string, sessionID: string) {
  const handle = await bench.open({ instances: [{ id: instanceId, baseUrl: server.url }] });
  await handle.page.goto(`${bench.appUrl}/i/${instanceId}/s/${sessionID}`);
  await handle.page.locator('[role="log"] article').first().waitFor({ timeout: 15_000 });
  await server.waitForStreams(1);
  // The page settled, as a page is when a reply starts: its chunks, warm-ups and highlighting done.
  await waitUntilQuiet(handle.page);
  return handle;
}

/** Send time (epoch ms) of each token, from the lines the server wrote and when it wrote them. */
function sendTimes(lines: readonly string[], sent: readonly number[]): Map<number, number> {
  const times = new Map<number, number>();
  lines.forEach((line, index) => {
    const match = /"delta":"tok(\d+) "/.exec(line);
    if (match) times.set(Number(match[1]), sent[index]);
  });
  return times;
}

/** Per token: arrival → end of the first frame showing it; NaN when it never showed. */
function latencies(probe: ProbeData, count: number): number[] {
  const out: number[] = [];
  let frame = 0;
  for (let token = 0; token < count; token++) {
    while (frame < probe.changes.length && !((probe.changes[frame][1] as number) >= token)) frame++;
    const painted = frame < probe.changes.length ? probe.changes[frame][0] : Number.NaN;
    // A delta that never arrived or never showed counts as infinitely late, never as fast.
    const latency = painted - probe.arrival[token];
    out.push(Number.isFinite(latency) ? latency : Number.POSITIVE_INFINITY);
  }
  return out;
}

async function paced(bench: BenchBrowser, capturesDir: string, log: (line: string) => void): Promise<Figure[]> {
  const server = await startFakeServer();
  const sessionID = "ses_benchpaced00000000000001";
  server.putSession({ info: makeSession(sessionID, "Paced stream", DIRECTORY), messages: makeSessionMessages(sessionID, 10) });
  const handle = await openStreamingPage(bench, server, "bench-paced", sessionID);
  try {
    const lines = retarget(readCaptureLines(join(capturesDir, "09-long2000-paced2ms.global-event.txt")), sessionID, 1);
    const deltas = countDeltas(lines);
    await startWatching(handle.page, watchLastToken);
    const startedAt = await handle.page.evaluate(() => performance.now());
    const sent = await server.stream(lines, { perSecond: PACED_RATE });
    await waitForValue(handle.page, deltas - 1, 15_000);
    await handle.page.waitForTimeout(300);
    const probe = await readProbe(handle.page);
    const lat = latencies(probe, deltas);
    const send = sendTimes(lines, sent);
    const transit = [...send].map(([token, at]) => probe.timeOrigin + probe.arrival[token] - at);
    const seconds = (sent[sent.length - 1] - sent[0]) / 1000;
    log(`paced: ${deltas} deltas in ${seconds.toFixed(2)} s, p95 ${quantile(lat, 0.95).toFixed(1)} ms`);
    return [
      atMost(`paced ${PACED_RATE} ev/s: arrival → painted, p95 (${deltas} deltas)`, quantile(lat, 0.95), "ms", 32),
      info("paced: arrival → painted, median", median(lat), "ms"),
      info("paced: arrival → painted, max", Math.max(...lat), "ms"),
      info("paced: server write → page arrival, p95", quantile(transit, 0.95), "ms"),
      info("paced: events per second actually sent", lines.length / seconds, "ev/s"),
      info("paced: long tasks (> 50 ms) while streaming", probe.longtasks.filter(([start]) => start >= startedAt).length, "tasks"),
    ];
  } finally {
    await handle.close();
    await server.close();
  }
}

/** What the burst needs of one run: the probe's records, when it started, the server's write times. */
interface BurstRun {
  probe: ProbeData;
  startedAt: number;
  sent: number[];
  elements: number;
  measures: Array<[string, number, number]>;
}

/**
 * The burst in a Chromium nobody is attached to (see unattached-page.ts: DevTools' network domain,
 * which Playwright turns on, adds long tasks of its own while megabytes arrive). With BENCH_PROFILE
 * or BENCH_TRACE the run goes through Playwright instead, to be profiled: its task figures then
 * include DevTools' share.
 */
async function burstRun(bench: BenchBrowser, server: FakeServer, sessionID: string, lines: string[], deltas: number): Promise<BurstRun> {
  if (!process.env.BENCH_PROFILE && !process.env.BENCH_TRACE) {
    let sent: number[] = [];
    const report = await runUnattachedPage({
      appDir: bench.appDir,
      path: `/i/bench-burst/s/${sessionID}`,
      instances: [{ id: "bench-burst", baseUrl: server.url }],
      last: deltas - 1,
      afterMs: 600,
      go: async () => {
        await server.waitForStreams(1);
        sent = await server.stream(lines);
      },
    });
    return { probe: { ...report, arrival: arrivals(report.chunks) }, startedAt: report.startedAt, sent, elements: report.elements, measures: report.measures };
  }
  const handle = await openStreamingPage(bench, server, "bench-burst", sessionID);
  try {
    await startWatching(handle.page, watchLastToken);
    const startedAt = await handle.page.evaluate(() => performance.now());
    const sent = await profiled(handle.cdp, "burst", async () => {
      const times = await server.stream(lines);
      await waitForValue(handle.page, deltas - 1, 30_000);
      return times;
    });
    await handle.page.waitForTimeout(600);
    const elements = await countElements(handle.page);
    return { probe: await readProbe(handle.page), startedAt, sent, elements, measures: [] };
  } finally {
    await handle.close();
  }
}

async function burst(bench: BenchBrowser, capturesDir: string, log: (line: string) => void): Promise<Figure[]> {
  const server = await startFakeServer();
  const sessionID = "ses_benchburst00000000000001";
  server.putSession({ info: makeSession(sessionID, "Burst stream", DIRECTORY), messages: makeSessionMessages(sessionID, 10) });
  try {
    const lines = retarget(readCaptureLines(join(capturesDir, "10-long20000-burst.global-event.txt.gz")), sessionID, 1);
    const deltas = countDeltas(lines);
    const { probe, startedAt, sent, elements, measures } = await burstRun(bench, server, sessionID, lines, deltas);
    const lastArrival = probe.arrival[deltas - 1];
    const painted = firstFrameWith(probe.changes, deltas - 1);
    const firstArrival = probe.arrival[0];
    const lastWrite = sendTimes(lines, sent).get(deltas - 1) ?? Number.NaN;
    const window = probe.longtasks.filter(([start, duration]) => start + duration >= startedAt && start <= painted + 500);
    const longest = window.reduce((max, [, duration]) => Math.max(max, duration), 0);
    if (process.env.BENCH_DEBUG)
      log(
        `burst long tasks (start after first arrival + duration): ${window.map(([start, duration]) => `${(start - firstArrival).toFixed(0)}+${duration.toFixed(0)}`).join(" ")}; ` +
          `last arrival at ${(lastArrival - firstArrival).toFixed(0)}, painted at ${(painted - firstArrival).toFixed(0)}`,
      );
    if (process.env.BENCH_DEBUG) {
      // Every frame over 50 ms around the burst, with what ran in it (times from the first arrival).
      for (const line of probe.loafs) {
        const at = Number(line.split("+")[0]);
        if (at >= firstArrival - 500 && at <= painted + 500) log(`  long frame at ${(at - firstArrival).toFixed(0)}: ${line}`);
      }
      // A scratch build's performance.measure entries of 2 ms or more, in the first 200 ms.
      for (const [name, start, duration] of measures)
        if (duration >= 2 && start >= firstArrival - 50 && start <= firstArrival + 200)
          log(`  measure at ${(start - firstArrival).toFixed(0)}+${duration.toFixed(1)}: ${name}`);
    }
    log(`burst: ${deltas} deltas arrived over ${(lastArrival - firstArrival).toFixed(0)} ms, painted ${(painted - lastArrival).toFixed(0)} ms after the last; ${window.length} long tasks`);
    return [
      atMost(`burst: last of ${deltas} deltas arrived → painted`, painted - lastArrival, "ms", 500),
      atMost("burst: main-thread tasks over 50 ms", window.length, "tasks", 0),
      info("burst: longest main-thread task (0 = none over 50 ms)", longest, "ms"),
      info("burst: first → last delta arrival in the page", lastArrival - firstArrival, "ms"),
      info("burst: server's write of the last delta → painted", probe.timeOrigin + painted - lastWrite, "ms"),
      info("burst: DOM elements after the reply", elements, "elements"),
    ];
  } finally {
    await server.close();
  }
}

/** Both streaming benchmarks, each on its own page, server and session. */
export async function runStreamingBench(bench: BenchBrowser, capturesDir: string, log: (line: string) => void): Promise<Figure[]> {
  return [...(await paced(bench, capturesDir, log)), ...(await burst(bench, capturesDir, log))];
}
