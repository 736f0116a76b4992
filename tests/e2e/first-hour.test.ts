/**
 * The first hour of a new user (issue 12), in a real browser against one real server whose bash tool
 * asks for permission: the Add dialog takes a port as soon as it opens, understands what is typed
 * (one server under several loopback names, text that is no address, https to an http server); a
 * permission request is never left below the log's bottom; Stop is a quiet “Stopped.” once; a reload
 * keeps the todos and says so when it joins a reply mid-stream.
 */
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  addInstanceDialog,
  connectedSession,
  expectInstanceState,
  instanceTab,
  logText,
  messageLog,
  sendMessage,
  useApp,
  useFakeModel,
  useServer,
  waitForLogText,
  waitForReply,
  scrollLogTo,
} from "./harness";

const model = useFakeModel();
const server = useServer(model, { name: "first-hour", permission: { bash: "ask" } });
const app = useApp(() => [server()]);

/** The first reply of a fresh server is slow on a busy 2-core machine. */
const REPLY_MS = 60_000;

const nonce = () => Math.random().toString(36).slice(2, 8);

/** Whether `element` lies wholly inside the visible part of the message log. */
async function withinLog(page: Page, element: Locator): Promise<boolean> {
  const [box, log] = await Promise.all([element.boundingBox(), messageLog(page).boundingBox()]);
  return !!box && !!log && box.y >= log.y && box.y + box.height <= log.y + log.height + 1;
}

describe("the Add instance dialog", () => {
  it("takes a port typed as soon as it opens, knows a server it has, and says what is wrong with an address", async () => {
    const page = await app().open();
    const port = server().port;
    await page.getByRole("button", { name: "Add instance" }).click();
    const dialog = addInstanceDialog(page);
    const address = dialog.getByRole("textbox", { name: "Port or URL" });
    // Focus is on the first field, not the close button: typing goes there, Enter connects.
    await expect.poll(() => address.evaluate((input) => input === document.activeElement)).toBe(true);
    await page.keyboard.type(String(port));
    await page.keyboard.press("Enter");
    await expectInstanceState(page, port, "connected", REPLY_MS);
    await expect.poll(() => dialog.count()).toBe(0);

    // No session open: no empty tab strip drawing a line across the main area.
    await page.getByText("Open a session from the list, or start one with “New session”.").waitFor();
    expect(await page.getByRole("tablist", { name: "Sessions" }).count()).toBe(0);

    // The same server under another loopback name: not a second tab, but “already added”.
    for (const again of [`localhost:${port}`, `http://[::1]:${port}/`]) {
      await page.getByRole("button", { name: "Add instance" }).click();
      await address.fill(again);
      await dialog.getByRole("button", { name: "Connect" }).click();
      await expect.poll(() => dialog.count()).toBe(0);
      await page
        .getByRole("status")
        .filter({ hasText: `Port ${port} is already added; it is selected.` })
        .waitFor();
      // One tab for the server (the "All servers" tab aside).
      await expect.poll(() => page.getByRole("tablist", { name: "Instances" }).getByRole("tab", { name: /:\d+/ }).count()).toBe(1);
      await expect.poll(() => instanceTab(page, port).getAttribute("aria-selected")).toBe("true");
    }

    // Text that is no address, and https to this http server.
    await page.getByRole("button", { name: "Add instance" }).click();
    await address.fill("hello world !!");
    await dialog.getByRole("button", { name: "Connect" }).click();
    await expect
      .poll(() => dialog.getByRole("alert").innerText())
      .toBe("“hello world !!” is not a port or URL. Enter a port (like 4096) or a URL (like http://127.0.0.1:4096).");
    await address.fill(`https://127.0.0.1:${port}`);
    await dialog.getByRole("button", { name: "Connect" }).click();
    await expect
      .poll(() => dialog.getByRole("alert").innerText(), { timeout: 20_000 })
      .toMatch(
        new RegExp(
          `^Nothing answered at https://127\\.0\\.0\\.1:${port} over https, but an OpenCode server answers at http://127\\.0\\.0\\.1:${port}: the server is http, not https\\.`,
        ),
      );
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.count()).toBe(0);
    // Polled: the modal dialog hides the rest of the page from the accessibility tree (aria-hidden) until
    // it has finished closing, a moment after it leaves the DOM.
    await expect.poll(() => page.getByRole("tablist", { name: "Instances" }).getByRole("tab", { name: /:\d+/ }).count()).toBe(1);
  });
});

describe("a request that needs the user", () => {
  it("is followed into view at the bottom of the log, and offered as “Needs you ↓” when scrolled up", async () => {
    const page = await connectedSession(app(), server().port);
    await page.setViewportSize({ width: 1100, height: 640 });
    const stop = page.getByRole("button", { name: "Stop" });
    const id = nonce();
    for (const n of [1, 2]) {
      await sendMessage(page, `say: Reply ${n} ${id}.\\n\\nA second paragraph.\\n\\nA third one.\\n\\nAnd a fourth.`);
      await waitForReply(page, `Reply ${n} ${id}.`, REPLY_MS);
      await expect.poll(() => stop.isDisabled(), { timeout: 20_000 }).toBe(true);
    }
    // A tool that asks, with the reader at the bottom: the whole card comes into view.
    await sendMessage(page, `bash:echo first-${id}`);
    const allow = page.getByRole("button", { name: "Allow once" });
    await allow.waitFor({ timeout: REPLY_MS });
    await expect.poll(() => withinLog(page, allow), { timeout: 5_000 }).toBe(true);
    await allow.click();
    await waitForLogText(page, new RegExp(`Tool finished: first-${id}`), REPLY_MS);
    await expect.poll(() => stop.isDisabled(), { timeout: 20_000 }).toBe(true);

    // Reading further up when the next one comes: the log stays, and says that it needs the user.
    const log = messageLog(page);
    expect(await log.evaluate((element) => element.scrollHeight > element.clientHeight + 200)).toBe(true);
    await scrollLogTo(page, 0);
    await page.getByRole("button", { name: "Jump to latest ↓" }).waitFor();
    await sendMessage(page, `bash:echo second-${id}`);
    const needsYou = page.getByRole("button", { name: "Needs you ↓" });
    await needsYou.waitFor({ timeout: REPLY_MS });
    expect(await page.getByRole("button", { name: "Jump to latest ↓" }).count()).toBe(0);
    expect(await withinLog(page, allow)).toBe(false);
    await needsYou.click();
    await expect.poll(() => withinLog(page, allow), { timeout: 5_000 }).toBe(true);
    await allow.click();
    await waitForLogText(page, new RegExp(`Tool finished: second-${id}`), REPLY_MS);
  });
});

describe("Stop", () => {
  it("is a quiet “Stopped.”, said once, with no error badge anywhere", async () => {
    const page = await connectedSession(app(), server().port);
    const prompt = `slow:300:100 ${nonce()}`;
    await sendMessage(page, prompt);
    await waitForLogText(page, /word3\b/, REPLY_MS);
    await page.getByRole("button", { name: "Stop" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: /^Stopped\.$/ })
      .first()
      .waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByRole("button", { name: "Stop" }).isDisabled(), { timeout: 20_000 }).toBe(true);
    // Both the session and its reply carry the abort: still one sentence, and no “error” badge on
    // the session's row, tab or header.
    await expect.poll(async () => (await logText(page)).split("Stopped.").length - 1, { timeout: 5_000 }).toBe(1);
    const errorBadges = await page.evaluate(
      () => [...document.querySelectorAll("span")].filter((span) => span.textContent?.trim().toLowerCase() === "error").length,
    );
    expect(errorBadges).toBe(0);
    expect(await page.getByRole("alert").count()).toBe(0);
    // Message headings read “You, 10:42 AM”, not “You , 10:42 AM”.
    expect(await page.getByRole("heading", { name: /^You, \d/ }).count()).toBeGreaterThan(0);
    expect(await page.getByRole("heading", { name: /^You ,/ }).count()).toBe(0);
  });
});

describe("a reload", () => {
  it("keeps the todo panel, loaded with the session", async () => {
    const page = await connectedSession(app(), server().port);
    await sendMessage(page, "todo");
    const todos = page.getByRole("region", { name: "Todos" });
    await todos.getByText("First fake todo").waitFor({ timeout: REPLY_MS });
    await waitForLogText(page, /Tool finished/, REPLY_MS);
    await page.reload();
    await expectInstanceState(page, server().port, "connected");
    await todos.getByText("First fake todo").waitFor({ timeout: 20_000 });
    expect(await todos.getByText("Second fake todo").count()).toBe(1);
  });

  it("says in place that earlier text arrives when the reply completes, when it joins one mid-stream", async () => {
    const page = await connectedSession(app(), server().port);
    // Long enough (40 s) to outlast a reload and a reconnect on a busy machine.
    const prompt = `slow:400:100 ${nonce()}`;
    await sendMessage(page, prompt);
    await waitForLogText(page, /word5\b/, REPLY_MS);
    await page.reload();
    await expectInstanceState(page, server().port, "connected");
    const note = messageLog(page).getByText("… earlier text of this reply arrives when it completes.");
    await note.waitFor({ timeout: 20_000 });
    expect(await logText(page)).not.toMatch(/\bword0\b/);
    // At the end the server sends the whole text: the note goes, and the reply starts at its start.
    await waitForLogText(page, /word399\b/, REPLY_MS);
    await expect.poll(() => note.count(), { timeout: 20_000 }).toBe(0);
    expect(await logText(page)).toMatch(/\bword0 word1 word2\b/);
  });
});
