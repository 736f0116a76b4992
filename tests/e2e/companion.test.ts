/**
 * The companion (`npm start`) end to end: real Chromium on the companion's own page, real
 * `opencode serve` processes, the fake model. Servers started outside the app (one with a password)
 * are found by themselves and stream; one started from the app connects with no typing, shows its
 * log, restarts and stops leaving no process of its group; a real TUI started with --port in a
 * pseudo-terminal is found as a TUI, streams, and is stopped only after a confirmation; a restarted
 * companion adopts its servers; foreign Host and Origin are refused. At most three servers run at once.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TOKEN_HEADER } from "../../shared/companion-api";
import {
  expectInstanceState,
  groupAlive,
  instanceTab,
  newSession,
  rawCall,
  sendMessage,
  startCompanionProcess,
  startOpencodeServer,
  startOpencodeTui,
  useApp,
  useFakeModel,
  waitForReply,
  type CompanionProcess,
  type OpencodeServer,
  type OpencodeTui,
} from "./harness";

const model = useFakeModel();
const app = useApp();
let companion: CompanionProcess;

beforeAll(async () => {
  companion = await startCompanionProcess({ fakeModelUrl: model().url });
});
afterAll(async () => {
  await companion?.dispose();
});

const open = () => app().open({ url: companion.url, reconnect: { baseDelayMs: 250, maxDelayMs: 1000, maxAttempts: 30 } });

/** Starts a server from the "Start server" dialog in `directory`; resolves with its port. */
async function startFromApp(page: Page, directory: string): Promise<number> {
  await page.getByRole("button", { name: "Start server", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("combobox", { name: "Directory" }).fill(directory);
  await dialog.getByRole("button", { name: "Start", exact: true }).click();
  await dialog.waitFor({ state: "detached", timeout: 90_000 });
  const started = (await companion.servers()).find((server) => server.ownership === "started" && server.directory === directory);
  expect(started, "the companion lists the server it started").toBeDefined();
  return started!.port;
}

async function say(page: Page, words: string): Promise<void> {
  await newSession(page);
  await sendMessage(page, `say: ${words}`);
  await waitForReply(page, words, 60_000);
}

describe("the companion", () => {
  it("finds servers started outside the app, one with a password, by themselves; they stream", async () => {
    const servers: OpencodeServer[] = [];
    try {
      servers.push(await startOpencodeServer({ fakeModelUrl: model().url, name: "found-open", healthTimeoutMs: 90_000 }));
      servers.push(
        await startOpencodeServer({ fakeModelUrl: model().url, name: "found-locked", password: "s3cret-found", healthTimeoutMs: 90_000 }),
      );
      const [open1, locked] = servers;
      const page = await open();
      // Nobody typed a port: both appear as instance tabs named with their port.
      await expectInstanceState(page, open1.port, "connected", 30_000);
      await instanceTab(page, locked.port).waitFor({ timeout: 30_000 });
      await instanceTab(page, open1.port).click();
      await say(page, "Found without typing a port.");

      // The locked one says so and asks for its password.
      await instanceTab(page, locked.port).click();
      await expectInstanceState(page, locked.port, "error", 30_000);
      expect(await instanceTab(page, locked.port).getByRole("status").innerText()).toMatch(/password/i);
      // One password form (the instance page's), not a second one from the local-server section.
      const form = page.getByRole("form", { name: `Password for :${locked.port}` });
      await form.getByLabel("Password", { exact: true }).fill("s3cret-found");
      await form.getByRole("button", { name: "Connect" }).click();
      await expectInstanceState(page, locked.port, "connected", 30_000);
      await say(page, "Unlocked and streaming.");

      // A server stopped outside the app goes away by itself.
      await open1.stop();
      await instanceTab(page, open1.port).waitFor({ state: "detached", timeout: 20_000 });
    } finally {
      for (const server of servers) await server.dispose();
    }
  }, 300_000);

  it("finds a TUI run with --port in a terminal, as a TUI; it streams, and stopping it asks first", async () => {
    let tui: OpencodeTui | undefined;
    try {
      tui = await startOpencodeTui({ fakeModelUrl: model().url, name: "found-tui", healthTimeoutMs: 90_000 });
      const page = await open();
      await expectInstanceState(page, tui.port, "connected", 30_000);
      const found = (await companion.servers()).find((server) => server.port === tui!.port);
      expect(found).toMatchObject({ how: "tui", ownership: "own", pid: tui.pid, directory: tui.projectDir });

      await instanceTab(page, tui.port).click();
      const panel = page.getByRole("region", { name: "Server process" });
      await expect.poll(() => panel.innerText(), { timeout: 20_000 }).toContain(`an OpenCode TUI with --port, pid ${tui.pid}`);
      await say(page, "Found a TUI in its terminal.");

      // Not started by Switchboard: no log, no restart; stopping names the process and asks.
      expect(await panel.getByRole("button", { name: "Logs", exact: true }).count()).toBe(0);
      expect(await panel.getByRole("button", { name: "Restart server", exact: true }).count()).toBe(0);
      await panel.getByRole("button", { name: "Stop server", exact: true }).click();
      const confirm = page.getByRole("alertdialog");
      expect(await confirm.innerText()).toContain(String(tui.pid));
      expect(await confirm.innerText()).toContain(tui.projectDir);
      await confirm.getByRole("button", { name: "Cancel", exact: true }).click();
      await confirm.waitFor({ state: "detached" });
      expect(tui.running(), "Cancel leaves the TUI running").toBe(true);

      await panel.getByRole("button", { name: "Stop server", exact: true }).click();
      await page.getByRole("alertdialog").getByRole("button", { name: "Stop", exact: true }).click();
      await instanceTab(page, tui.port).waitFor({ state: "detached", timeout: 20_000 });
      await expect.poll(() => tui!.running(), { timeout: 10_000 }).toBe(false);
    } finally {
      await tui?.dispose();
    }
  }, 300_000);

  it("starts a server that connects with no typing, shows its log, restarts, and stops leaving no process of its group", async () => {
    const page = await open();
    const directory = companion.projectDir("started-here");
    const port = await startFromApp(page, directory);
    await expectInstanceState(page, port, "connected", 30_000);
    const first = (await companion.servers()).find((server) => server.port === port)!;
    expect(first.password, "a fresh password").toMatch(/^[\w-]{20,}$/);
    // The password is never in a URL the page requested.
    const requested = (await page.evaluate(() => performance.getEntriesByType("resource").map((entry) => entry.name))) as string[];
    expect(requested.some((url) => url.includes(first.password!) || url.includes(encodeURIComponent(first.password!)))).toBe(false);

    await say(page, "Started from the app.");

    await page.getByRole("button", { name: "Logs", exact: true }).click();
    const log = page.getByRole("log", { name: "Server log" });
    await expect.poll(() => log.innerText(), { timeout: 20_000 }).toMatch(/level=INFO/);
    expect(await log.innerText()).not.toContain(first.password);
    await page.keyboard.press("Escape");

    await page.getByRole("button", { name: "Restart server", exact: true }).click();
    await expect
      .poll(async () => (await companion.servers()).find((server) => server.port === port)?.pid, { timeout: 90_000 })
      .not.toBe(first.pid);
    expect(groupAlive(first.pid!)).toBe(false);
    await expectInstanceState(page, port, "connected", 40_000);
    const second = (await companion.servers()).find((server) => server.port === port)!;

    await page.getByRole("button", { name: "Stop server", exact: true }).click();
    await instanceTab(page, port).waitFor({ state: "detached", timeout: 20_000 });
    expect(groupAlive(second.pid!), "no process of its group is left").toBe(false);
    expect((await companion.servers()).some((server) => server.port === port)).toBe(false);
  }, 300_000);

  it("adopts the servers it started after the companion itself restarts", async () => {
    let page = await open();
    const port = await startFromApp(page, companion.projectDir("adopted"));
    await expectInstanceState(page, port, "connected", 30_000);
    const before = (await companion.servers()).find((server) => server.port === port)!;
    await app().closePages();

    await companion.stop();
    expect(groupAlive(before.pid!), "the server outlives the companion").toBe(true);
    await companion.start();

    const after = (await companion.servers()).find((server) => server.port === port);
    expect(after).toMatchObject({ pid: before.pid, ownership: "started", password: before.password });
    page = await open();
    await expectInstanceState(page, port, "connected", 30_000);
    await instanceTab(page, port).click();
    await page.getByRole("button", { name: "Logs", exact: true }).click();
    await expect.poll(() => page.getByRole("log", { name: "Server log" }).innerText(), { timeout: 20_000 }).toMatch(/level=INFO/);
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Stop server", exact: true }).click();
    await instanceTab(page, port).waitFor({ state: "detached", timeout: 20_000 });
    expect(groupAlive(before.pid!)).toBe(false);
  }, 240_000);

  it("served by another host (no companion), the app says where discovery would come from", async () => {
    const page = await app().open();
    await page.getByText("to find servers on this machine").first().waitFor();
    expect(await page.getByRole("button", { name: "Start server", exact: true }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Add instance" }).count()).toBe(1);
  });

  it("refuses a foreign Host, a foreign Origin and a missing token", async () => {
    const token = await companion.token();
    const port = companion.port;
    const rebound = await rawCall(port, { path: "/", headers: { host: `attacker.example:${port}` } });
    expect(rebound.status).toBe(421);
    expect(rebound.body).not.toContain(token);
    const json = { "content-type": "application/json", [TOKEN_HEADER]: token };
    const foreign = await rawCall(port, {
      method: "POST",
      path: "/api/servers",
      headers: { ...json, origin: "http://attacker.example" },
      body: JSON.stringify({ directory: "/tmp" }),
    });
    expect(foreign.status).toBe(403);
    const noToken = await rawCall(port, { path: "/api/servers" });
    expect(noToken.status).toBe(403);
    expect(noToken.body).not.toMatch(/password/);
  });
});
