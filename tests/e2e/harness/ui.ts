/**
 * What a person does in the app, written once with the accessible names the UI promises (roles and
 * labels, never CSS classes), so each scenario reads like the steps a user takes.
 */
import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";
import type { AppBrowser, PageOptions } from "./browser";

/** Connection states as the status element's `data-state` says them. */
export type ConnectionState = "connected" | "connecting" | "reconnecting" | "offline" | "error";

/** Escapes text for use inside a RegExp. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Opens "Add instance", fills "Port or URL" (and "Password"), presses "Connect". */
export async function addInstance(page: Page, address: string | number, password?: string): Promise<void> {
  await page.getByRole("button", { name: "Add instance" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("textbox", { name: "Port or URL" }).fill(String(address));
  if (password !== undefined) await dialog.getByLabel("Password", { exact: true }).fill(password);
  await dialog.getByRole("button", { name: "Connect" }).click();
}

/** The open "Add instance" dialog. */
export function addInstanceDialog(page: Page): Locator {
  return page.getByRole("dialog");
}

/** The instance tab for a loopback port (named ":PORT", maybe after a label) or a host. */
export function instanceTab(page: Page, portOrHost: number | string): Locator {
  const name = typeof portOrHost === "number" ? new RegExp(`:${portOrHost}(?!\\d)`) : new RegExp(escapeRegExp(portOrHost));
  return page.getByRole("tablist", { name: "Instances" }).getByRole("tab", { name });
}

/** The `role=status` connection indicator inside an instance tab. */
export function instanceStatus(page: Page, portOrHost: number | string): Locator {
  return instanceTab(page, portOrHost).getByRole("status");
}

/** Waits until the instance's status says `state` (both its data-state and its first word). */
export async function expectInstanceState(
  page: Page,
  portOrHost: number | string,
  state: ConnectionState,
  timeout = 20_000,
): Promise<void> {
  const status = instanceStatus(page, portOrHost);
  await expect.poll(() => status.getAttribute("data-state").catch(() => null), { timeout, interval: 100 }).toBe(state);
  const word = state[0].toUpperCase() + state.slice(1);
  expect((await status.textContent())?.trim().startsWith(word)).toBe(true);
}

/** The tab of an open session, named by its title. */
export function sessionTab(page: Page, title: string | RegExp): Locator {
  const name = typeof title === "string" ? new RegExp(escapeRegExp(title)) : title;
  return page.getByRole("tablist", { name: "Sessions" }).getByRole("tab", { name });
}

/**
 * The entry for a session in the sessions list (a link or button whose name starts with the title).
 * A task tool's link to a child may carry the same name, but it sits in the message log, which
 * comes after the sessions list in the page, so the first match is the list's.
 */
export function sessionListEntry(page: Page, title: string): Locator {
  const name = new RegExp(`^\\s*${escapeRegExp(title)}`);
  return page.getByRole("link", { name }).or(page.getByRole("button", { name })).first();
}

/** Opens a session from the sessions list and waits for its tab to be selected. */
export async function openSession(page: Page, title: string): Promise<void> {
  await sessionListEntry(page, title).click();
  await expect
    .poll(
      () =>
        sessionTab(page, title)
          .getAttribute("aria-selected")
          .catch(() => null),
      { timeout: 10_000 },
    )
    .toBe("true");
}

/** The open session's `role=log` named "Messages". */
export function messageLog(page: Page): Locator {
  return page.getByRole("log", { name: "Messages" });
}

/**
 * Scrolls the message log to `top` as the reader does: with input (a wheel turn over it), which is
 * what tells the log a move up is the reader's and not layout's.
 */
export async function scrollLogTo(page: Page, top: number): Promise<void> {
  const log = messageLog(page);
  await log.hover();
  await page.mouse.wheel(0, -1);
  await log.evaluate((element, to) => (element.scrollTop = to), top);
}

/** The text of every message (`article`) in the log, in order. */
export async function messageTexts(page: Page): Promise<string[]> {
  return messageLog(page).getByRole("article").allInnerTexts();
}

/** The whole visible text of the log (empty string when there is no log yet). */
export async function logText(page: Page): Promise<string> {
  const log = messageLog(page);
  if ((await log.count()) === 0) return "";
  return (await log.innerText()).replace(/\s+/g, " ");
}

/** Types into "Message" and presses "Send". */
export async function sendMessage(page: Page, text: string): Promise<void> {
  await page.getByRole("textbox", { name: "Message" }).fill(text);
  await page.getByRole("button", { name: "Send" }).click();
}

/** Presses "New session" and waits until a session tab is selected. */
export async function newSession(page: Page): Promise<void> {
  const before = await page
    .getByRole("tablist", { name: "Sessions" })
    .getByRole("tab")
    .count()
    .catch(() => 0);
  await page.getByRole("button", { name: "New session" }).click();
  await expect
    .poll(
      () =>
        page
          .getByRole("tablist", { name: "Sessions" })
          .getByRole("tab")
          .count()
          .catch(() => 0),
      { timeout: 10_000 },
    )
    .toBeGreaterThan(before);
}

export interface ConnectedPageOptions {
  /** How the page is opened (e.g. its reconnect tuning). */
  page?: PageOptions;
  /** How long each server may take to say Connected. */
  timeout?: number;
}

/** A fresh page of `app` with the servers on `ports` added in that order, each connected. */
export async function connectedPage(
  app: Pick<AppBrowser, "open">,
  ports: number | number[],
  options: ConnectedPageOptions = {},
): Promise<Page> {
  const page = await app.open(options.page);
  for (const port of Array.isArray(ports) ? ports : [ports]) {
    await addInstance(page, port);
    await expectInstanceState(page, port, "connected", options.timeout);
  }
  return page;
}

/** A fresh page of `app` with the server on `port` added, connected, and a new session open. */
export async function connectedSession(app: Pick<AppBrowser, "open">, port: number, options: ConnectedPageOptions = {}): Promise<Page> {
  const page = await connectedPage(app, port, options);
  await newSession(page);
  return page;
}

/** Waits until the message log's text matches `pattern`; returns that text. */
export async function waitForLogText(page: Page, pattern: RegExp, timeout = 20_000): Promise<string> {
  await expect.poll(() => logText(page), { timeout, interval: 50 }).toMatch(pattern);
  return logText(page);
}

/**
 * Waits until an answer containing `text` is on screen: an article with the text that is not the
 * prompt itself (a `say:` prompt quotes the very words the model will answer).
 */
export async function waitForReply(page: Page, text: string, timeout = 20_000): Promise<void> {
  const isReply = (article: string) => article.includes(text) && !/\bsay:/.test(article);
  await expect.poll(async () => (await messageTexts(page).catch(() => [])).some(isReply), { timeout, interval: 50 }).toBe(true);
}
