/**
 * Tabs follow the user, in a real browser against a real server: open, switch, close by × and by
 * Delete, come back through the instance tab, a second New session, and a prompt sent twice. Each
 * check is made again after the page has had time to undo it (the old bugs did so within a second).
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  OpencodeRest,
  connectedPage,
  connectedSession,
  expectInstanceState,
  instanceTab,
  newSession,
  sendMessage,
  sessionListEntry,
  sessionTab,
  useApp,
  useFakeModel,
  useServer,
  waitForReply,
} from "./harness";

const model = useFakeModel();
const server = useServer(model, { name: "tabs" });
const app = useApp(() => [server()]);

const sessionTabs = (page: Page) => page.getByRole("tablist", { name: "Sessions" }).getByRole("tab");
const selectedTitle = (page: Page) =>
  page
    .getByRole("tablist", { name: "Sessions" })
    .locator('[role="tab"][aria-selected="true"]')
    .innerText()
    .catch(() => null);
const openTitles = async (page: Page) => (await sessionTabs(page).allInnerTexts()).map((t) => t.trim());

/** Waits until `read` gives `expected`, then checks it still does after a second (a late owner would have changed it by then). */
async function holds<T>(read: () => Promise<T>, expected: T) {
  await expect.poll(read, { timeout: 10_000 }).toEqual(expected);
  const stable = Date.now() + 1_000;
  while (Date.now() < stable) {
    expect(await read()).toEqual(expected);
    await new Promise((done) => setTimeout(done, 100));
  }
}

describe("tabs follow the user", () => {
  it("opens, switches, closes by × and by Delete, and each choice stays", async () => {
    const rest = new OpencodeRest(server());
    for (const title of ["Tab one", "Tab two", "Tab three", "Tab four"]) await rest.createSession({ title });
    const page = await connectedPage(app(), server().port);
    for (const title of ["Tab one", "Tab two", "Tab three", "Tab four"]) await sessionListEntry(page, title).click();
    await holds(() => selectedTitle(page), "Tab four");
    expect(await openTitles(page)).toEqual(["Tab one", "Tab two", "Tab three", "Tab four"]);

    await sessionTab(page, "Tab two").click();
    await holds(() => selectedTitle(page), "Tab two");

    // × on the shown tab: it closes and the tab after it is shown.
    await page.getByTitle("Close Tab two (Delete)").click();
    await holds(() => openTitles(page), ["Tab one", "Tab three", "Tab four"]);
    await holds(() => selectedTitle(page), "Tab three");
    expect(page.url()).toMatch(/\/s\/ses_/);

    // Delete on the shown, focused tab: the same from the keyboard, and the focus follows.
    await sessionTab(page, "Tab three").focus();
    await page.keyboard.press("Delete");
    await holds(() => openTitles(page), ["Tab one", "Tab four"]);
    await holds(() => selectedTitle(page), "Tab four");
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe("Tab four");

    // The instance tab, then one click in the list: that session is shown and stays shown.
    await page.goto(new URL(page.url()).origin + new URL(page.url()).pathname.replace(/\/s\/.*$/, ""));
    await expectInstanceState(page, server().port, "connected");
    await sessionListEntry(page, "Tab three").click();
    await holds(() => selectedTitle(page), "Tab three");
    await sessionListEntry(page, "Tab one").click();
    await holds(() => selectedTitle(page), "Tab one");

    // After a reload the same tabs are open and the same one shown.
    await page.reload();
    await expectInstanceState(page, server().port, "connected");
    await holds(() => selectedTitle(page), "Tab one");
    expect(await openTitles(page)).toEqual(["Tab one", "Tab four", "Tab three"]);
    await instanceTab(page, server().port).click();
    await holds(() => selectedTitle(page), "Tab one");
  });

  it("a second New session is shown, the next prompt goes to it, and Send stays off from the moment it is sent", async () => {
    const page = await connectedSession(app(), server().port);
    const first = new URL(page.url()).pathname;
    await sendMessage(page, "say: First session reply.");
    await waitForReply(page, "First session reply.", 60_000);

    await newSession(page);
    await expect.poll(() => new URL(page.url()).pathname).not.toBe(first);
    const second = decodeURIComponent(new URL(page.url()).pathname.split("/s/")[1]);
    await holds(
      async () =>
        (await sessionTabs(page).count()) === 2 &&
        (await page.getByRole("log", { name: "Messages" }).innerText()).includes("No messages yet"),
      true,
    );

    // A reply that takes a while: Send must be off from the click on, before the server's first status event.
    await sendMessage(page, "slow:20:100");
    expect(await page.getByRole("button", { name: "Send" }).isDisabled()).toBe(true);
    expect(await page.getByRole("button", { name: "Stop" }).isEnabled()).toBe(true);
    await page.getByRole("textbox", { name: "Message" }).fill("a second prompt");
    await page.getByRole("textbox", { name: "Message" }).press("Enter");
    await expect.poll(() => page.getByRole("log", { name: "Messages" }).innerText(), { timeout: 15_000 }).toMatch(/word19/);

    const rest = new OpencodeRest(server());
    const userTexts = async (id: string) =>
      (await rest.messages(id))
        .filter((m) => m.info.role === "user")
        .flatMap((m) => m.parts.flatMap((p) => (p.type === "text" ? [p.text] : [])));
    expect(await userTexts(second)).toEqual(["slow:20:100"]);
    const firstId = decodeURIComponent(first.split("/s/")[1]);
    expect(await userTexts(firstId)).toEqual(["say: First session reply."]);
  });
});
