/**
 * Scenarios 1, 8 and 9: one person, one server. Add it by port, start a session, watch a reply stream
 * in; hostile model output stays inert; model errors show up as words (retrying with its attempt,
 * a 400 as an error sentence). One server and one browser serve the whole file; each test starts
 * from a fresh page and a new session.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import {
  OpencodeRest,
  logText,
  messageLog,
  sendMessage,
  transcriptText,
  useApp,
  useFakeModel,
  useServer,
  waitForLogText,
  connectedSession,
} from "./harness";

const model = useFakeModel();
const server = useServer(model, { name: "streaming" });
const app = useApp(() => [server()]);

describe("streaming a reply", () => {
  it("adds a server by port, shows the reply while it streams and all of it at the end", async () => {
    const page = await connectedSession(app(), server().port);
    const prompt = "slow:40:60";
    await sendMessage(page, prompt);

    // Part of the answer is on screen while the model is still sending it.
    const partial = await waitForLogText(page, /word3\b/);
    expect(partial).not.toMatch(/word39\b/);
    await page.getByRole("textbox", { name: "Message" }).fill("a follow-up");
    expect(await page.getByRole("button", { name: "Send" }).isDisabled()).toBe(true);

    await waitForLogText(page, /word39\b/);
    const rest = new OpencodeRest(server());
    const session = await rest.sessionWithPrompt(prompt);
    const expected = transcriptText(await rest.waitIdle(session.id))
      .join(" ")
      .replace(/\s+/g, " ")
      .trim();
    expect(expected).toContain("word0 word1 word2");
    expect(await logText(page)).toContain(expected.slice(expected.indexOf("word0")));
    await expect.poll(() => page.getByRole("button", { name: "Send" }).isEnabled(), { timeout: 10_000 }).toBe(true);
  });
});

describe("a long reply", () => {
  // The log's distance from its end: 0 when its bottom is in view.
  const gap = (page: Page) => messageLog(page).evaluate((log) => log.scrollHeight - log.scrollTop - log.clientHeight);

  it("streams to the end of the log, and opens at its end again after a reload", async () => {
    const page = await connectedSession(app(), server().port);
    // 12,000 tokens in one write: ~100 KB that the page draws over several tasks.
    await sendMessage(page, "long:12000");
    await waitForLogText(page, /tok11999\b/, 60_000);
    // The reply is done (its caret gone, its footer in) when Stop turns off.
    await expect.poll(() => page.getByRole("button", { name: "Stop" }).isDisabled(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => gap(page), { timeout: 5_000 }).toBeLessThan(2);
    expect(await page.getByRole("button", { name: /Jump to latest/ }).count()).toBe(0);
    // Still there a moment later: nothing turned following off on its way.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 500)));
    expect(await gap(page)).toBeLessThan(2);

    await page.reload();
    await waitForLogText(page, /tok11999\b/);
    await expect.poll(() => gap(page), { timeout: 5_000 }).toBeLessThan(2);
    expect(await page.getByRole("button", { name: /Jump to latest/ }).count()).toBe(0);
  });
});

describe("model output is shown, never run", () => {
  it("renders HTML from the model inert", async () => {
    const page = await connectedSession(app(), server().port);
    await sendMessage(page, "html");
    await waitForLogText(page, /End of hostile output\./);
    // Give a broken <img> time to fire its onerror, if it were ever in the DOM.
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    const log = messageLog(page);
    expect(await log.locator("script, iframe, object, embed, [onerror], [onload]").count()).toBe(0);
    const hrefs = await log.locator("a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
    expect(hrefs.filter((href) => /^\s*javascript:/i.test(href))).toEqual([]);
    expect(await logText(page)).toContain("Here is some hostile output.");
  });
});

describe("model errors", () => {
  it("shows that a failing model is being retried, with the attempt, and Stop ends it", async () => {
    const page = await connectedSession(app(), server().port);
    await sendMessage(page, "fail500");
    const retrying = page.getByText(/Retrying/).first();
    await retrying.waitFor({ timeout: 20_000 });
    await expect.poll(async () => (await retrying.innerText()).replace(/\s+/g, " "), { timeout: 20_000 }).toMatch(/Retrying\D*\d/);

    await page.getByRole("button", { name: "Stop" }).click();
    const rest = new OpencodeRest(server());
    const session = await rest.sessionWithPrompt("fail500");
    await expect.poll(async () => (await rest.status())[session.id], { timeout: 15_000 }).toBeUndefined();
    await expect.poll(() => page.getByText(/Retrying/).count(), { timeout: 10_000 }).toBe(0);
    // The reply is empty (no part, no error: EVENTS.md): it says why instead of showing a blank.
    await waitForLogText(
      page,
      /Stopped before the model answered\. The model provider was failing \(attempt \d+\): fake upstream error 500/,
    );
  });

  it("says in words why a request the model rejected failed", async () => {
    const page = await connectedSession(app(), server().port);
    await sendMessage(page, "fail400");
    await expect
      .poll(async () => (await page.locator("main, body").first().innerText()).replace(/\s+/g, " "), { timeout: 20_000 })
      .toMatch(/fake upstream error 400|\b400\b/);
    // The sentence, not the raw JSON body the model server sent.
    expect(await logText(page)).not.toContain('{"error"');
    // Once: the reply carries the error and so does the session; one alert, one sentence.
    const sentence = "The model provider returned an error: fake upstream error 400";
    // The reply's own error arrives last (after session.error and idle): once it is shown, the
    // session's is not shown beside it.
    await messageLog(page).getByRole("article").getByRole("alert").filter({ hasText: sentence }).waitFor({ timeout: 10_000 });
    expect(await page.getByRole("alert").count()).toBe(1);
    expect((await logText(page)).split(sentence).length - 1).toBe(1);
    await page.getByRole("textbox", { name: "Message" }).fill("say: still here");
    await expect.poll(() => page.getByRole("button", { name: "Send" }).isEnabled(), { timeout: 10_000 }).toBe(true);
  });
});
