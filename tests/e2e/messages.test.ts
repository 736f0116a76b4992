/**
 * Messages, attachments and sharing (issue 11) against a real `opencode serve` and the fake model:
 * attach a pasted image and a dropped text file and see the model receive both; fork from a message,
 * revert to one and redo, copy a reply; and Share, against a stand-in share service (fake-share.ts)
 * that the server's config points to, so nothing is published and no internet is needed.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeShareService, type FakeShareService } from "./fake-share";
import {
  OpencodeRest,
  connectedSession,
  logText,
  messageLog,
  sendMessage,
  startOpencodeServer,
  useApp,
  useFakeModel,
  waitForLogText,
  type OpencodeServer,
} from "./harness";

const model = useFakeModel();
let share: FakeShareService | undefined;
let opencode: OpencodeServer | undefined;
// The share service must be up before the server starts: its address is in the server's config.
beforeAll(async () => {
  share = await startFakeShareService();
  opencode = await startOpencodeServer({
    fakeModelUrl: model().url,
    name: "messages",
    config: { share: "manual", enterprise: { url: share.url } },
  });
});
afterAll(async () => {
  await opencode?.dispose();
  await share?.close();
});
const server = () => opencode!;
const app = useApp(() => (opencode ? [opencode] : []));

/** A valid 2×2 PNG: the server decodes images, and answers 400 to one it cannot decode. */
const PNG_BASE64 = Buffer.from(
  "89504e470d0a1a0a0000000d494844520000000200000002080600000072b60d240000001149444154789c63f8cfc0f01f8419600c0047ca07f967596eb70000000049454e44ae426082",
  "hex",
).toString("base64");

const shownSessionId = (page: Page) => decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
const userMessage = (page: Page, text: string) => messageLog(page).getByRole("article", { name: /^You/ }).filter({ hasText: text });

/** A new session with two finished exchanges: "say: First exchange" and "say: Second exchange". */
async function twoExchanges(page: Page): Promise<{ rest: OpencodeRest; sessionId: string }> {
  const rest = new OpencodeRest(server());
  await sendMessage(page, "say: First exchange");
  // The first model call in a fresh sandbox waits for the provider's set-up (up to ~15 s seen).
  await waitForLogText(page, /First exchange[^]*First exchange/, 45_000);
  const sessionId = shownSessionId(page);
  await rest.waitIdle(sessionId);
  await sendMessage(page, "say: Second exchange");
  await waitForLogText(page, /Second exchange[^]*Second exchange/);
  await rest.waitIdle(sessionId);
  return { rest, sessionId };
}

describe("attachments", () => {
  it("sends a pasted image and a dropped text file to the model, and leaves out the one removed", async () => {
    const page = await connectedSession(app(), server().port);
    const box = page.getByRole("textbox", { name: "Message" });
    await box.evaluate((element, base64) => {
      const data = new DataTransfer();
      data.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], "dot.png", { type: "image/png" }));
      element.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }, PNG_BASE64);
    await box.evaluate((element) => {
      const data = new DataTransfer();
      data.items.add(new File(["hello attachment contents\n"], "notes.md", { type: "text/markdown" }));
      const form = element.closest("form")!;
      form.dispatchEvent(new DragEvent("dragover", { dataTransfer: data, bubbles: true, cancelable: true }));
      form.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.getByRole("button", { name: "Attach file" }).click()]);
    await chooser.setFiles({ name: "left-out.txt", mimeType: "text/plain", buffer: Buffer.from("this file was removed") });

    const list = page.getByRole("list", { name: "Attachments" });
    await expect.poll(() => list.getByRole("listitem").count(), { timeout: 10_000 }).toBe(3);
    expect(await list.getByRole("img", { name: "Preview of dot.png" }).getAttribute("src")).toMatch(/^data:image\/png;base64,/);
    await page.getByRole("button", { name: "Remove left-out.txt" }).click();
    await expect.poll(() => list.getByRole("listitem").count()).toBe(2);
    expect(await list.innerText()).toMatch(/notes\.md[^]*\d+ B/);

    await box.fill("look at these");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    const received = () =>
      model()
        .requests.map((request) => JSON.stringify(request.content))
        .find((content) => content.includes("look at these"));
    await expect.poll(received, { timeout: 45_000 }).toBeTruthy();
    const content = received()!;
    expect(content).toContain(`"image_url":{"url":"data:image/png;base64,${PNG_BASE64}"}`);
    expect(content).toContain("hello attachment contents");
    expect(content).not.toContain("this file was removed");
    // The prompt box is empty again, and the message shows the picture it carried.
    await expect.poll(() => list.count()).toBe(0);
    await messageLog(page).getByRole("img", { name: "dot.png" }).waitFor({ timeout: 10_000 });
  });
});

describe("message actions", () => {
  it("Fork from here opens a new tab with the conversation before that message, and the message in the prompt box", async () => {
    const page = await connectedSession(app(), server().port);
    const { rest, sessionId } = await twoExchanges(page);
    const prompt = userMessage(page, "say: Second exchange");
    await prompt.getByRole("button", { name: "Fork from here" }).click();
    // The new session is shown, or the toolbar says why not (its request has a 10 s limit of its own).
    const outcome = async () => {
      const failure = await prompt.getByRole("alert").allInnerTexts();
      return failure.length ? `failed: ${failure.join(" ")}` : shownSessionId(page) === sessionId ? "waiting" : "shown";
    };
    await expect.poll(outcome, { timeout: 30_000 }).not.toBe("waiting");
    expect(await outcome()).toBe("shown");
    const forkId = shownSessionId(page);
    expect((await rest.sessions()).find((session) => session.id === forkId)?.title).toMatch(/fork #1/);
    await expect
      .poll(() => page.getByRole("tablist", { name: "Sessions" }).getByRole("tab", { selected: true }).innerText(), { timeout: 10_000 })
      .toMatch(/fork #1/);
    await waitForLogText(page, /First exchange[^]*First exchange/);
    expect(await logText(page)).not.toMatch(/Second exchange/);
    expect(await page.getByRole("textbox", { name: "Message" }).inputValue()).toBe("say: Second exchange");
    expect((await rest.messages(forkId)).map((message) => message.info.role)).toEqual(["user", "assistant"]);
  });

  it("Revert to here undoes that message and what followed; Redo brings them back", async () => {
    const page = await connectedSession(app(), server().port);
    const { rest, sessionId } = await twoExchanges(page);
    const secondPrompt = (await rest.messages(sessionId)).filter((message) => message.info.role === "user")[1].info.id;
    await userMessage(page, "say: Second exchange").getByRole("button", { name: "Revert to here" }).click();
    await expect.poll(() => logText(page), { timeout: 10_000 }).not.toMatch(/Second exchange/);
    expect(await logText(page)).toMatch(/First exchange/);
    await expect
      .poll(async () => (await rest.sessions()).find((session) => session.id === sessionId)?.revert?.messageID)
      .toBe(secondPrompt);

    await page.getByRole("button", { name: "Redo", exact: true }).click();
    await waitForLogText(page, /Second exchange[^]*Second exchange/, 10_000);
    await expect.poll(async () => (await rest.sessions()).find((session) => session.id === sessionId)?.revert).toBeUndefined();
  });

  it("Copy puts a reply's words on the clipboard and says Copied", async () => {
    const page = await connectedSession(app(), server().port);
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: app().url });
    await sendMessage(page, "say: Words worth copying");
    await waitForLogText(page, /Words worth copying[^]*Words worth copying/, 45_000);
    await new OpencodeRest(server()).waitIdle(shownSessionId(page));
    const reply = messageLog(page)
      .getByRole("article", { name: /^Assistant/ })
      .filter({ hasText: "Words worth copying" });
    await reply.getByRole("button", { name: "Copy" }).click();
    await reply.getByRole("status").filter({ hasText: "Copied" }).waitFor({ timeout: 5_000 });
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("Words worth copying");
  });
});

describe("sharing", () => {
  it("says it publishes on the internet first; a failure is a sentence; then shows the link and Unshare takes it down", async () => {
    const page = await connectedSession(app(), server().port);
    const sessionId = shownSessionId(page);
    share!.failing = true;
    await page.getByRole("button", { name: "Share", exact: true }).click();
    const dialog = page.getByRole("alertdialog");
    await expect.poll(() => dialog.innerText(), { timeout: 10_000 }).toMatch(/internet/);
    // The server's config names the stand-in service: once it is read, the dialog says that is where it goes.
    await expect.poll(() => dialog.innerText(), { timeout: 30_000 }).toContain(`share service at ${share!.url}`);
    expect(share!.requests).toEqual([]);

    await dialog.getByRole("button", { name: "Publish" }).click();
    const alert = dialog.getByRole("alert");
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.innerText()).toMatch(
      /^Could not share the session \(HTTP \d+\).*Nothing was published\. The OpenCode server must reach its share service on the internet/,
    );
    expect(share!.requests).toContain("POST /api/share");
    expect((await new OpencodeRest(server()).sessions()).find((session) => session.id === sessionId)?.share).toBeUndefined();

    share!.failing = false;
    await dialog.getByRole("button", { name: "Publish" }).click();
    const link = page.getByRole("link", { name: /^Shared:/ });
    await link.waitFor({ timeout: 30_000 });
    const url = (await new OpencodeRest(server()).sessions()).find((session) => session.id === sessionId)?.share?.url;
    expect(url).toMatch(new RegExp(`^${share!.url}/s/shr_fake`));
    expect(await link.getAttribute("href")).toBe(url);

    await page.getByRole("button", { name: "Unshare" }).click();
    await page.getByRole("button", { name: "Share", exact: true }).waitFor({ timeout: 10_000 });
    expect(await link.count()).toBe(0);
    expect(share!.requests.some((request) => request.startsWith("DELETE /api/share/shr_fake"))).toBe(true);
  });
});
