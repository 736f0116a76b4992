/**
 * A new user's tour, with screenshots: add a server by port, stream a reply with reasoning, markdown
 * and code, see a subagent's tab open by itself, and answer a permission request. Every step asserts
 * what the person sees. Screenshots go to test-results/screenshots/, or to docs/screenshots/ with
 * SCREENSHOT_DIR=docs/screenshots (npm run screenshots) for the README.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  expectInstanceState,
  newSession,
  REPO_ROOT,
  resultsDir,
  sendMessage,
  sessionTab,
  useApp,
  useFakeModel,
  useServer,
  waitForLogText,
} from "./harness";

const model = useFakeModel();
const server = useServer(model, { name: "tour", projects: ["webshop", "docs-site"], permission: { bash: "ask" } });
const app = useApp(() => [server()]);

const shotDir = process.env.SCREENSHOT_DIR ? join(REPO_ROOT, process.env.SCREENSHOT_DIR) : join(resultsDir(), "screenshots");

async function shot(page: Page, name: string) {
  mkdirSync(shotDir, { recursive: true });
  await page.screenshot({ path: join(shotDir, `${name}.png`) });
}

describe("a new user's tour", () => {
  it("adds a server, streams a reply, opens a subagent's tab and answers a permission", async () => {
    const page = await app().open();
    await page.setViewportSize({ width: 1280, height: 800 });
    await shot(page, "01-empty");
    await page.getByRole("button", { name: "Add instance" }).click();
    await page.getByRole("textbox", { name: "Port or URL" }).fill(String(server().port));
    await shot(page, "02-add-instance");
    await page.getByRole("button", { name: "Connect" }).click();
    await expectInstanceState(page, server().port, "connected");

    await newSession(page);
    await sendMessage(
      page,
      "[Explain the cart module] think: The user wants an overview of the cart. say: ## Cart module\\n\\nThe cart keeps **line items** and totals.\\n\\n```ts\\nexport function total(items: Item[]) {\\n  return items.reduce((sum, i) => sum + i.price * i.qty, 0);\\n}\\n```\\n\\n- add items\\n- remove items",
    );
    await waitForLogText(page, /line items/);
    await page.getByRole("tab", { name: /Explain the cart module/ }).waitFor();
    await waitForLogText(page, /remove items/);
    // Markdown became structure: a heading, a code block (highlighted once its language loads), a list.
    const log = page.getByRole("log", { name: "Messages" });
    await log.getByRole("heading", { name: "Cart module" }).waitFor();
    await log.locator("pre code.hljs").first().waitFor({ timeout: 10_000 });
    await expect(log.getByRole("listitem").filter({ hasText: "remove items" }).count()).resolves.toBe(1);
    await expect.poll(() => page.getByRole("button", { name: "Send" }).isDisabled()).toBe(true);
    await shot(page, "03-streamed-reply");

    await sendMessage(page, "task:Check the checkout flow::say: The checkout flow validates the address, then charges the card.");
    const child = sessionTab(page, /Check the checkout flow/);
    await child.waitFor({ timeout: 20_000 });
    await waitForLogText(page, /Tool finished/);
    await shot(page, "04-subagent-link");
    await child.click();
    // The child's view is the one with a parent link (the parent's log says "charges the card" too).
    await page.getByRole("link", { name: /Parent session/ }).waitFor();
    await waitForLogText(page, /charges the card/);
    await expect(page.getByRole("link", { name: /Parent session/ }).count()).resolves.toBe(1);
    await shot(page, "05-subagent-tab");

    // A reload (or a shared link) opens the same tab again: /i/:instance/s/:session.
    const deepLink = new URL(page.url()).pathname;
    expect(deepLink).toMatch(/^\/i\/[^/]+\/s\/ses_/);
    await page.reload();
    await expectInstanceState(page, server().port, "connected");
    await expect.poll(() => child.getAttribute("aria-selected"), { timeout: 10_000 }).toBe("true");
    expect(new URL(page.url()).pathname).toBe(deepLink);
    await waitForLogText(page, /charges the card/);

    await page.getByRole("tab", { name: /Explain the cart module/ }).click();
    await sendMessage(page, "bash:ls -la");
    const allow = page.getByRole("button", { name: "Allow once" });
    await allow.waitFor({ timeout: 20_000 });
    await shot(page, "06-permission");
    await allow.click();
    await page.getByRole("group", { name: /bash tool, Completed/ }).waitFor({ timeout: 20_000 });
    await expect.poll(() => allow.count(), { timeout: 10_000 }).toBe(0);

    // The system's dark theme, in a phone-wide window: still readable, the prompt box still reachable.
    await page.emulateMedia({ colorScheme: "dark" });
    await page.setViewportSize({ width: 420, height: 860 });
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).not.toBe("rgb(255, 255, 255)");
    await expect(page.getByRole("textbox", { name: "Message" }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole("log", { name: "Messages" }).isVisible()).resolves.toBe(true);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, "07-dark-narrow");
  });
});
