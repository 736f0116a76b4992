/**
 * Ten servers streaming at once (issue 10's scale figure). Ten fake servers, one session each,
 * are added to one page, which shows "All servers" (every session's status, cost and last activity
 * moves as they stream). Each server replays the paced 2,000-delta capture into its own session at
 * 46 events/s, 460 events/s in all, the rate of the single-stream figure. Measured from the first
 * event to the last: the 95th percentile of the interval between frames, against the paced figure's
 * per-frame budget (32 ms), and, as there, main-thread tasks over 50 ms as information.
 */
import { join } from "node:path";
import { profiled, type BenchBrowser } from "./browser-harness";
import { DIRECTORY, startFakeServer, type FakeServer } from "./fake-server";
import { atMost, info, quantile, type Figure } from "./figures";
import { countDeltas, readCaptureLines, retarget } from "./retarget";
import { makeSession, makeSessionMessages } from "./synthetic-session";

const SERVERS = 10;
const PER_SERVER_RATE = 46;
/**
 * BENCH_TEN_IDLE=<n> adds n idle sessions to each server (499 makes issue 10's 10 × 500), for
 * profiling the page's per-event work that grows with the sessions listed. Not a target figure.
 */
const IDLE_PER_SERVER = Math.max(0, Number(process.env.BENCH_TEN_IDLE) || 0);

export async function runTenStreamsBench(bench: BenchBrowser, capturesDir: string, log: (line: string) => void): Promise<Figure[]> {
  const servers: FakeServer[] = [];
  try {
    const capture = readCaptureLines(join(capturesDir, "09-long2000-paced2ms.global-event.txt"));
    const sessions: string[] = [];
    for (let i = 0; i < SERVERS; i++) {
      const server = await startFakeServer();
      const sessionID = `ses_benchten${String(i).padStart(16, "0")}`;
      server.putSession({ info: makeSession(sessionID, `Stream ${i + 1}`, DIRECTORY), messages: makeSessionMessages(sessionID, 10) });
      for (let n = 0; n < IDLE_PER_SERVER; n++) {
        const idle = makeSession(`ses_benchidle${String(i).padStart(2, "0")}${String(n).padStart(12, "0")}`, `Idle ${i + 1}-${n + 1}`, DIRECTORY);
        server.putSession({ info: { ...idle, time: { created: idle.time.created - n - 1, updated: idle.time.updated - n - 1 } }, messages: [] });
      }
      servers.push(server);
      sessions.push(sessionID);
    }
    const handle = await bench.open({ instances: servers.map((server, i) => ({ id: `bench-ten-${i}`, baseUrl: server.url })) });
    try {
      await handle.page.goto(`${bench.appUrl}/all`);
      await handle.page.getByRole("link", { name: `Stream ${SERVERS}` }).waitFor({ timeout: 30_000 });
      const listed = SERVERS * (1 + IDLE_PER_SERVER);
      await handle.page.getByText(`${listed.toLocaleString("en-US")} sessions`).waitFor({ timeout: 60_000 });
      for (const server of servers) await server.waitForStreams(1);
      // Frame times from requestAnimationFrame, from now until told to stop.
      await handle.page.evaluate(() => {
        const w = window as unknown as { __frames: number[]; __framing: boolean };
        w.__frames = [];
        w.__framing = true;
        const tick = (at: number) => {
          w.__frames.push(at);
          if (w.__framing) requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      const startedAt = await handle.page.evaluate(() => performance.now());
      await profiled(handle.cdp, "ten-streams", () =>
        Promise.all(servers.map((server, i) => server.stream(retarget(capture, sessions[i], 1), { perSecond: PER_SERVER_RATE }))),
      );
      await handle.page.waitForTimeout(300);
      const { frames, longtasks } = await handle.page.evaluate((from) => {
        const w = window as unknown as { __frames: number[]; __framing: boolean; __bench: { longtasks: Array<[number, number]> } };
        w.__framing = false;
        return { frames: w.__frames, longtasks: w.__bench.longtasks.filter(([start]) => start >= from) };
      }, startedAt);
      const intervals = frames.slice(1).map((at, i) => at - frames[i]);
      const deltas = countDeltas(capture) * SERVERS;
      log(`ten streams: ${deltas} deltas, ${frames.length} frames, ${longtasks.length} long tasks`);
      return [
        atMost(`${SERVERS} servers streaming at once into All servers (${PER_SERVER_RATE} ev/s each): frame interval p95`, quantile(intervals, 0.95), "ms", 32),
        info(`${SERVERS} servers streaming at once: main-thread tasks over 50 ms`, longtasks.length, "tasks"),
        info(`${SERVERS} servers streaming at once: longest frame interval`, Math.max(...intervals), "ms"),
      ];
    } finally {
      await handle.close();
    }
  } finally {
    await Promise.all(servers.map((server) => server.close()));
  }
}
