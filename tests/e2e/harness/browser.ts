/**
 * A real headless Chromium (via playwright-core, no bundled browser) against the built app served
 * from dist-e2e/ (the app built with `--mode e2e`) on a loopback port, which OpenCode's default CORS allows. A failed test leaves a
 * screenshot, the page's DOM and console, and pointers to the server logs in test-results/e2e.
 */
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { startHttp } from "../../../server/http/server";
import { REPO_ROOT, resultsDir } from "./paths";

/** Reconnect tuning the app reads from localStorage `switchboard.reconnect`. */
export interface ReconnectTuning {
  baseDelayMs: number;
  maxDelayMs: number;
  maxAttempts: number;
}

/** Options for one page: a fresh browser context (fresh storage) each time. */
export interface PageOptions {
  reconnect?: ReconnectTuning;
  /** History page sizes the e2e build reads from localStorage `switchboard.pages`. */
  pages?: { first: number; older: number };
  /** Open this address instead of the served dist/ (a companion's own URL). */
  url?: string;
}

/** The served app plus a running browser. */
export interface AppBrowser {
  /** Origin of the served app, e.g. `http://127.0.0.1:41234`. */
  url: string;
  browser: Browser;
  /** A new page in a new context, already at the app's root. */
  open(options?: PageOptions): Promise<Page>;
  /** Screenshot, DOM and console of every open page into test-results/e2e/<name>.*; returns the files. */
  capture(name: string, extra?: string[]): Promise<string[]>;
  /**
   * What each open page was doing, for a failed test's output (CI keeps no artefacts): its address,
   * any alerts it shows, the requests still unanswered, and the last lines of its console and network log.
   */
  summary(): Promise<string>;
  /** Content-Security-Policy violations any page reported since the last `closePages()` (must stay empty). */
  cspViolations(): string[];
  /** Closes every page and context opened so far (between tests). */
  closePages(): Promise<void>;
  close(): Promise<void>;
}

/** The launch flags: headless, no sandbox (root in CI), and no traffic of Chromium's own. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
];

/** The Chromium binary: CHROMIUM_PATH or /usr/bin/chromium (scripts/ensure-chromium.mjs checks it). */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || "/usr/bin/chromium";
}

/**
 * Serves dist-e2e/ and launches Chromium. dist-e2e/ must have been built (`npm run test:e2e` runs
 * `vite build` first); a missing build is an error with the command to run, not a blank page.
 */
export async function startAppBrowser(): Promise<AppBrowser> {
  const dist = join(REPO_ROOT, "dist-e2e");
  if (!existsSync(join(dist, "index.html")))
    throw new Error("dist-e2e/index.html is missing: run `npx vite build --mode e2e` (npm run test:e2e does).");
  // The companion's static site, with the headers and CSP `npm start` sends, but no local API:
  // these pages are "served without the companion" (companion scenarios start the real one).
  const site = await startHttp({ root: dist });
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    // launch() gives the browser a fresh temporary profile of its own, removed on close.
    args: CHROMIUM_ARGS,
  });
  const contexts: BrowserContext[] = [];
  const consoleLines = new Map<Page, string[]>();
  const pendingRequests = new Map<Page, Map<unknown, string>>();
  const violations: string[] = [];

  const app: AppBrowser = {
    url: site.url,
    browser,
    async open(options = {}) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      contexts.push(context);
      if (options.reconnect) {
        // Before any app script runs, so the transport reads it at start.
        await context.addInitScript((tuning) => localStorage.setItem("switchboard.reconnect", JSON.stringify(tuning)), options.reconnect);
      }
      if (options.pages) {
        await context.addInitScript((pages) => localStorage.setItem("switchboard.pages", JSON.stringify(pages)), options.pages);
      }
      // The app must run under the CSP the companion sends; every violation is reported and fails the test.
      await context.addInitScript(() =>
        document.addEventListener("securitypolicyviolation", (event) =>
          console.error(
            `[csp-violation] ${event.effectiveDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`,
          ),
        ),
      );
      const page = await context.newPage();
      const lines: string[] = [];
      consoleLines.set(page, lines);
      page.on("console", (message) => {
        lines.push(`[${message.type()}] ${message.text()}`);
        if (message.text().startsWith("[csp-violation]")) violations.push(message.text());
      });
      page.on("pageerror", (error) => lines.push(`[pageerror] ${error.stack ?? error.message}`));
      // The network timeline is what explains most failures against a real server (who hung, who got a 401).
      const stamp = () => new Date().toISOString().slice(11, 23);
      const pending = new Map<unknown, string>();
      pendingRequests.set(page, pending);
      page.on("request", (req) => {
        lines.push(`${stamp()} [request] ${req.method()} ${req.url()}`);
        pending.set(req, `${stamp()} ${req.method()} ${req.url()}`);
      });
      page.on("response", (res) => lines.push(`${stamp()} [response] ${res.status()} ${res.url()}`));
      page.on("requestfailed", (req) => {
        pending.delete(req);
        lines.push(`${stamp()} [failed] ${req.url()} ${req.failure()?.errorText ?? ""}`);
      });
      page.on("requestfinished", (req) => {
        pending.delete(req);
        if (req.url().includes("/event")) lines.push(`${stamp()} [finished] ${req.url()}`);
      });
      page.setDefaultTimeout(15_000);
      await page.goto(options.url ?? site.url);
      return page;
    },
    async capture(name, extra = []) {
      const safe = name
        .replace(/[^a-z0-9]+/gi, "-")
        .replace(/^-|-$/g, "")
        .slice(0, 120);
      const files: string[] = [];
      let index = 0;
      for (const context of contexts) {
        for (const page of context.pages()) {
          const base = join(resultsDir(), `${safe}${index++ ? `-${index}` : ""}`);
          await page.screenshot({ path: `${base}.png`, fullPage: true }).then(
            () => files.push(`${base}.png`),
            () => undefined,
          );
          const html = await page.content().catch((error) => `could not read DOM: ${error}`);
          writeFileSync(`${base}.html`, html);
          writeFileSync(`${base}.console.txt`, [...(consoleLines.get(page) ?? []), "", "server logs:", ...extra].join("\n"));
          files.push(`${base}.html`, `${base}.console.txt`);
        }
      }
      return files;
    },
    async summary() {
      const parts: string[] = [];
      for (const context of contexts) {
        for (const page of context.pages()) {
          const alerts = await page
            .getByRole("alert")
            .allInnerTexts()
            .catch(() => []);
          parts.push(
            `page ${page.url()} at ${new Date().toISOString().slice(11, 23)}`,
            `  alerts: ${alerts.length ? alerts.map((text) => JSON.stringify(text.trim())).join(", ") : "none"}`,
            `  unanswered requests (started at):`,
            ...[...(pendingRequests.get(page)?.values() ?? [])].map((line) => `    ${line}`),
            `  last console and network lines:`,
            ...(consoleLines.get(page) ?? []).slice(-40).map((line) => `    ${line}`),
          );
        }
      }
      return parts.join("\n");
    },
    cspViolations: () => [...violations],
    async closePages() {
      violations.length = 0;
      for (const context of contexts.splice(0)) await context.close().catch(() => undefined);
    },
    async close() {
      await app.closePages();
      await browser.close().catch(() => undefined);
      await site.close();
    },
  };
  return app;
}
