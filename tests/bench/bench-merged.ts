/**
 * The merged view at scale (issue 10): 10 servers × 500 sessions. In node, the pure view model:
 * building the 5,000 rows and filtering them per keystroke. In Chromium, against 10 fake servers:
 * opening "All servers" by a click on its tab to the first frame that shows rows (the data is
 * loaded: this is the list, not the network), the DOM it holds, and each keystroke in the search
 * box (the input event's synchronous work: filter, then Solid's DOM update).
 */
import { filterMerged, mergedRows, type MergedSource } from "../../src/app/merged";
import { emptyInstanceState } from "../../src/state/types";
import { countElements, firstFrameWith, profiled, startWatching, waitForValue, type BenchBrowser } from "./browser-harness";
import { startFakeServer, type FakeServer } from "./fake-server";
import { atMost, below, info, median, quantile, type Figure } from "./figures";
import { makeSession } from "./synthetic-session";

const SERVERS = 10;
const SESSIONS_PER_SERVER = 500;
const TOTAL = SERVERS * SESSIONS_PER_SERVER;
/** What a person types, one keystroke at a time (then deletes again). */
const TYPED = "review checkout";
const WORDS = ["Review", "checkout", "Fix", "login", "Write", "docs", "Refactor", "store", "Explore", "tests"];

const title = (server: number, i: number) => `${WORDS[(i * 7 + server) % WORDS.length]} ${WORDS[(i * 3 + 1) % WORDS.length]} ${server}-${i}`;
const sessionId = (server: number, i: number) => `ses_m${String(server).padStart(2, "0")}${String(i).padStart(5, "0")}bench`;
const directory = (server: number, i: number) => `/home/dev/project-${server}-${i % 5}`;

function sessionOf(server: number, i: number) {
  const session = makeSession(sessionId(server, i), title(server, i), directory(server, i));
  // Every fifth session is a subagent of the one before it, as task tools make them.
  const parentID = i % 5 === 4 ? sessionId(server, i - 1) : undefined;
  return { ...session, parentID, time: { created: 1_795_236_000_000 + i, updated: 1_795_236_000_000 + i * 37 + server } };
}

/** The keystrokes as successive queries: "r", "re", … then back down to "". */
function typedQueries(): string[] {
  const up = Array.from({ length: TYPED.length }, (_, i) => TYPED.slice(0, i + 1));
  return [...up, ...up.slice(0, -1).reverse(), ""];
}

/** The pure view model in node. */
export function runMergedModelBench(): Figure[] {
  const sources: MergedSource[] = Array.from({ length: SERVERS }, (_, server) => {
    const state = emptyInstanceState();
    for (let i = 0; i < SESSIONS_PER_SERVER; i++) state.sessions[sessionId(server, i)] = sessionOf(server, i);
    return { instanceId: `bench-m${server}`, server: `:${4100 + server}`, state };
  });
  const builds: number[] = [];
  let rows = mergedRows(sources);
  for (let run = 0; run < 20; run++) {
    const start = performance.now();
    rows = mergedRows(sources);
    builds.push(performance.now() - start);
  }
  if (rows.length !== TOTAL) throw new Error(`the merged list has ${rows.length} rows, not ${TOTAL}`);
  const keystrokes: number[] = [];
  for (let run = 0; run < 10; run++) {
    for (const query of typedQueries()) {
      const start = performance.now();
      filterMerged(rows, query, run % 2 ? "all" : "busy");
      keystrokes.push(performance.now() - start);
    }
  }
  return [
    info(`merged list: build ${TOTAL.toLocaleString("en-US")} rows from 10 servers (median, node)`, median(builds), "ms"),
    atMost(`merged list: filter ${TOTAL.toLocaleString("en-US")} sessions per keystroke (p95, node)`, quantile(keystrokes, 0.95), "ms", 16),
  ];
}

/** Clicks the "All servers" tab and times it to the first frame whose list shows rows. */
async function openAllByClick(page: import("playwright-core").Page): Promise<number> {
  await page.evaluate(() => {
    document.addEventListener("click", (event) => ((window as unknown as { __clickAt: number }).__clickAt = event.timeStamp), { capture: true, once: true });
  });
  await startWatching(page, () => !!document.querySelector('[aria-label="All sessions"] li a'));
  await page.getByRole("tab", { name: "All servers" }).click();
  await waitForValue(page, true, 20_000);
  const { clickAt, changes } = await page.evaluate(() => ({ clickAt: (window as unknown as { __clickAt: number }).__clickAt, changes: window.__bench.changes }));
  await page.evaluate(() => window.__bench.stopFrames());
  return firstFrameWith(changes, true) - clickAt;
}

/** The browser figures, 10 fake servers of 500 sessions each. */
export async function runMergedBench(bench: BenchBrowser, log: (line: string) => void): Promise<Figure[]> {
  const servers: FakeServer[] = [];
  try {
    for (let server = 0; server < SERVERS; server++) {
      const fake = await startFakeServer();
      for (let i = 0; i < SESSIONS_PER_SERVER; i++) fake.putSession({ info: sessionOf(server, i), messages: [] });
      servers.push(fake);
    }
    const handle = await bench.open({ instances: servers.map((fake, i) => ({ id: `bench-m${i}`, baseUrl: fake.url })) });
    try {
      const { page } = handle;
      // Load every server first (the merged list shows all 5,000), then leave for one server's page.
      await page.goto(`${bench.appUrl}/all`);
      await page.getByText(`${TOTAL.toLocaleString("en-US")} sessions`).waitFor({ timeout: 60_000 });
      await page.getByRole("tab", { name: /bench-m0|:\d+/ }).first().click();
      await page.getByRole("button", { name: "New session" }).waitFor({ timeout: 15_000 });
      const openMs = await profiled(handle.cdp, "merged-open", () => openAllByClick(page));
      await page.getByText(`${TOTAL.toLocaleString("en-US")} sessions`).waitFor({ timeout: 15_000 });
      const elements = await countElements(page);
      const rows = await page.locator('[aria-label="All sessions"] li').count();

      const search = page.getByRole("searchbox", { name: "Search sessions" });
      await search.focus();
      const keystrokes = await profiled(handle.cdp, "merged-keystrokes", () => page.evaluate((queries) => {
        const input = document.querySelector<HTMLInputElement>('input[aria-label="Search sessions"]')!;
        const times: number[] = [];
        for (const query of queries) {
          input.value = query;
          const start = performance.now();
          input.dispatchEvent(new InputEvent("input", { bubbles: true }));
          times.push(performance.now() - start);
        }
        return times;
      }, typedQueries()));
      log(`merged: opened in ${openMs.toFixed(0)} ms; ${elements} elements, ${rows} rows drawn; keystroke p95 ${quantile(keystrokes, 0.95).toFixed(1)} ms`);
      return [
        atMost(`merged list: opens to first paint, ${TOTAL.toLocaleString("en-US")} sessions on 10 servers`, openMs, "ms", 100),
        atMost(`merged list: filter + DOM update per keystroke, ${TOTAL.toLocaleString("en-US")} sessions (p95, Chromium)`, quantile(keystrokes, 0.95), "ms", 16),
        below(`merged list: DOM elements with ${TOTAL.toLocaleString("en-US")} sessions`, elements, "elements", 3_000),
        below("merged list: rows in the DOM", rows, "rows", 100),
      ];
    } finally {
      await handle.close();
    }
  } finally {
    for (const fake of servers) await fake.close();
  }
}
