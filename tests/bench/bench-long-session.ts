/**
 * Long sessions in Chromium (issue 4, target 3). The instance page is loaded, connected and quiet
 * (its start-up work done, as when a person reads the list before clicking); the user clicks a
 * session in the list. "Opens to first paint" is from that click's event timestamp to
 * the end of the first frame whose log shows the session's newest message (the log opens at the
 * bottom), which includes `GET /session/:id/message?limit=` for the newest page, the store merge and
 * the render; the older pages load after it, and the long tasks until the last of them is merged
 * are counted. Then the log is scrolled to the top with the mouse wheel while long tasks are recorded,
 * and the document's element count is sampled along the way. A 200-message session is opened the
 * same way to show the element count does not follow the length.
 */
import type { Page } from "playwright-core";
import { countElements, firstFrameWith, profiled, startWatching, waitForValue, waitUntilQuiet, type BenchBrowser } from "./browser-harness";
import { DIRECTORY, startFakeServer } from "./fake-server";
import { atMost, below, info, median, type Figure } from "./figures";
import { makeSession, makeSessionMessages } from "./synthetic-session";

const WHEEL_PX = 2_000;
const MAX_WHEEL_STEPS = 400;

interface OpenResult {
  openMs: number;
  elements: number;
}

/** Clicks the session's row in the list and times it to the frame that shows its newest message. */
async function openByClick(page: Page, title: string, count: number): Promise<OpenResult> {
  // Pass the marker as data: `watch` is sent as source text and cannot close over it.
  await page.evaluate((marker) => {
    (window as unknown as { __marker: string }).__marker = marker;
    document.addEventListener("click", (event) => ((window as unknown as { __clickAt: number }).__clickAt = event.timeStamp), {
      capture: true,
      once: true,
    });
  }, `Turn ${count - 1}.`);
  await startWatching(page, () => {
    const log = document.querySelector('[role="log"]');
    return !!log && (log.textContent ?? "").includes((window as unknown as { __marker: string }).__marker);
  });
  await page.getByRole("link", { name: title }).first().click();
  await waitForValue(page, true, 20_000);
  const { clickAt, changes } = await page.evaluate(() => ({
    clickAt: (window as unknown as { __clickAt: number }).__clickAt,
    changes: window.__bench.changes,
  }));
  await page.evaluate(() => window.__bench.stopFrames());
  return { openMs: firstFrameWith(changes, true) - clickAt, elements: await countElements(page) };
}

/** Wheels up until the log is at its top; returns long tasks during the scroll and the most elements seen. */
async function scrollToTop(page: Page): Promise<{ longtasks: number; longest: number; maxElements: number; steps: number; scrolled: number }> {
  const log = page.locator('[role="log"]');
  const box = await log.boundingBox();
  if (!box) throw new Error("the message log is not visible");
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const startTop = await log.evaluate((el) => el.scrollTop);
  const since = await page.evaluate(() => performance.now());
  let maxElements = await countElements(page);
  let steps = 0;
  for (; steps < MAX_WHEEL_STEPS; steps++) {
    await page.mouse.wheel(0, -WHEEL_PX);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
    if (steps % 10 === 9) {
      maxElements = Math.max(maxElements, await countElements(page));
      if ((await log.evaluate((el) => el.scrollTop)) <= 0) break;
    }
  }
  await page.waitForTimeout(300);
  maxElements = Math.max(maxElements, await countElements(page));
  const endTop = await log.evaluate((el) => el.scrollTop);
  const tasks = await page.evaluate((from) => window.__bench.longtasks.filter(([start]) => start >= from), since);
  return {
    longtasks: tasks.length,
    longest: tasks.reduce((max, [, duration]) => Math.max(max, duration), 0),
    maxElements,
    steps,
    scrolled: startTop - endTop,
  };
}

/**
 * How many fresh pages each session is opened in. One open is one sample of a figure that moves with
 * what else the machine does (±25 % between runs here); the figure is their median, with the
 * slowest beside it. BENCH_OPENS=<n> changes it (for A/B comparisons while profiling).
 */
const OPENS = Math.max(1, Number(process.env.BENCH_OPENS) || 5);

/** The long-session figures. */
export async function runLongSessionBench(bench: BenchBrowser, log: (line: string) => void): Promise<Figure[]> {
  const server = await startFakeServer();
  const long = { id: "ses_benchlong000000000002000", count: 2_000, title: "Long session, 2,000 messages" };
  const short = { id: "ses_benchlong000000000000200", count: 200, title: "Shorter session, 200 messages" };
  for (const s of [long, short]) server.putSession({ info: makeSession(s.id, s.title, DIRECTORY), messages: makeSessionMessages(s.id, s.count) });
  const figures: Figure[] = [];
  try {
    for (const s of [short, long]) {
      const label = s.count.toLocaleString("en-US");
      const opens: OpenResult[] = [];
      for (let round = 0; round < OPENS; round++) {
        const handle = await bench.open({ instances: [{ id: "bench-long", baseUrl: server.url }] });
        try {
          await handle.page.goto(`${bench.appUrl}/i/bench-long`);
          await handle.page.getByRole("link", { name: s.title }).first().waitFor({ timeout: 15_000 });
          await server.waitForStreams(1);
          await waitUntilQuiet(handle.page);
          const opened = await profiled(handle.cdp, `open-${s.count}-${round + 1}`, () => openByClick(handle.page, s.title, s.count));
          opens.push(opened);
          // The rest is measured once, in the last page.
          if (s === short || round < OPENS - 1) continue;
          // The older history loads behind the first paint; what that costs the page is its own
          // figure, and the scroll below goes through all of it.
          await profiled(handle.cdp, "history-2000", async () => {
            await server.historyServed(s.id);
            await handle.page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => resolve(null), { timeout: 2_000 })));
          });
          const loading = await handle.page.evaluate(() => {
            const from = (window as unknown as { __clickAt: number }).__clickAt;
            return window.__bench.longtasks.filter(([start]) => start >= from);
          });
          await waitUntilQuiet(handle.page);
          const scroll = await profiled(handle.cdp, "scroll-2000", () => scrollToTop(handle.page));
          // No long tasks means nothing if the wheel never moved the log.
          if (scroll.scrolled < 50_000) throw new Error(`the wheel scrolled the log only ${scroll.scrolled} px`);
          log(`long session: scrolled ${scroll.scrolled.toFixed(0)} px in ${scroll.steps} wheel steps, ${scroll.longtasks} long tasks`);
          figures.push(atMost(`long session: long tasks while scrolling to the top (${scroll.steps} wheel steps)`, scroll.longtasks, "tasks", 0));
          figures.push(info("long session: tasks over 50 ms from the click until the whole history is in", loading.length, "tasks"));
          figures.push(info("long session: longest of those (0 = none)", loading.reduce((max, [, duration]) => Math.max(max, duration), 0), "ms"));
          figures.push(info("long session: longest task while scrolling (0 = none over 50 ms)", scroll.longest, "ms"));
          figures.push(
            below(`long session: most DOM elements, ${label} messages (open + scroll)`, Math.max(opened.elements, scroll.maxElements), "elements", 3_000),
          );
        } finally {
          await handle.close();
        }
      }
      const times = opens.map((open) => open.openMs);
      log(`long session, ${label} messages: opened in ${times.map((ms) => ms.toFixed(0)).join(", ")} ms`);
      const name = `long session: opens to first paint, ${label} messages (median of ${OPENS} pages)`;
      figures.unshift(
        ...(s === long ? [atMost(name, median(times), "ms", 300)] : [info(name, median(times), "ms")]),
        info(`long session: slowest of those ${OPENS} opens, ${label} messages`, Math.max(...times), "ms"),
        ...(s === short ? [info(`long session: DOM elements, ${label} messages`, opens[0].elements, "elements")] : []),
      );
    }
  } finally {
    await server.close();
  }
  return figures;
}
