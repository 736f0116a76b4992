/**
 * Desktop notifications in a real Chromium against a real server: "Notify me" asks the browser (the
 * "notifications" permission is granted to the context, so the real requestPermission answers), a
 * permission raised while the page is hidden notifies once with the session's title, the favicon
 * carries the count as a drawn badge, a click opens the session, and nothing notifies while the page
 * is visible and shows that session; a run finishing while hidden notifies again.
 *
 * Headless Chromium reports every page visible whatever is in front (playwright#2286), so an init
 * script lets the test set `document.visibilityState` and fires `visibilitychange` as a browser
 * would; it also records `new Notification(...)` calls, which a headless browser shows nowhere.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { OpencodeRest, addInstance, expectInstanceState, sendMessage, sessionTab, useApp, useFakeModel, useServer } from "./harness";

const model = useFakeModel();
const server = useServer(model, { name: "notify", permission: { bash: "ask" } });
const app = useApp(() => [server()]);

const SLOW = 60_000;
const nonce = () => Math.random().toString(36).slice(2, 8);

interface Recorded {
  title: string;
  body: string;
  tag: string;
}
type TestWindow = Window & { __notifications: Recorded[]; __setHidden(hidden: boolean): void; __clickNotification(index: number): void };

/** Runs in the page before the app: settable visibility, and a Notification that records (permission stays the browser's). */
function pageSetup() {
  let hidden = false;
  Object.defineProperty(Document.prototype, "visibilityState", { configurable: true, get: () => (hidden ? "hidden" : "visible") });
  Object.defineProperty(Document.prototype, "hidden", { configurable: true, get: () => hidden });
  const win = window as unknown as TestWindow;
  win.__setHidden = (value) => {
    hidden = value;
    document.dispatchEvent(new Event("visibilitychange"));
  };
  const Real = window.Notification;
  const shown: Array<Recorded & { onclick: ((event: Event) => void) | null }> = [];
  win.__notifications = shown;
  class RecordedNotification extends EventTarget {
    title: string;
    body: string;
    tag: string;
    onclick: ((event: Event) => void) | null = null;
    constructor(title: string, options: NotificationOptions = {}) {
      super();
      this.title = title;
      this.body = options.body ?? "";
      this.tag = options.tag ?? "";
      shown.push(this);
    }
    static get permission() {
      return Real.permission;
    }
    static requestPermission() {
      return Real.requestPermission();
    }
    close() {}
  }
  (window as unknown as { Notification: unknown }).Notification = RecordedNotification;
  win.__clickNotification = (index) => shown[index].onclick?.(new Event("click", { cancelable: true }));
}

const notifications = (page: Page) =>
  page.evaluate(() => (window as unknown as TestWindow).__notifications.map(({ title, body, tag }) => ({ title, body, tag })));
const setHidden = (page: Page, hidden: boolean) => page.evaluate((value) => (window as unknown as TestWindow).__setHidden(value), hidden);

/** The favicon as the browser draws it, 32 px: the badge's red, the icon's dark corner, white text in the badge, and its SVG. */
function drawnFavicon(page: Page) {
  return page.evaluate(async () => {
    const link = document.querySelector<HTMLLinkElement>('link[rel="icon"]')!;
    const image = new Image();
    image.src = link.href;
    await image.decode();
    const canvas = Object.assign(document.createElement("canvas"), { width: 32, height: 32 });
    const context = canvas.getContext("2d")!;
    context.drawImage(image, 0, 0, 32, 32);
    const at = (x: number, y: number) => Array.from(context.getImageData(x, y, 1, 1).data);
    let white = 0;
    for (let x = 16; x < 31; x++)
      for (let y = 2; y < 17; y++)
        if (
          at(x, y)
            .slice(0, 3)
            .every((c) => c > 200)
        )
          white++;
    return { badge: at(16, 9), corner: at(4, 28), white, svg: decodeURIComponent(link.href) };
  });
}

describe("desktop notifications", () => {
  it(
    "notifies a permission raised while the page is hidden once, with the session's title; a click opens it; none while it is shown",
    { timeout: 240_000 },
    async () => {
      const page = await app().open();
      await page.context().grantPermissions(["notifications"], { origin: app().url });
      await page.addInitScript(pageSetup);
      await page.reload();
      await addInstance(page, server().port);
      await expectInstanceState(page, server().port, "connected", SLOW);

      const rest = new OpencodeRest(server());
      const word = nonce();
      const title = `Notify ${word}`;
      const session = await rest.request<{ id: string }>("POST", "/session", { title }, SLOW);
      await page
        .getByRole("tablist", { name: "Instances" })
        .getByRole("tab", { name: /All servers/ })
        .click();
      await page.getByRole("region", { name: "All sessions" }).getByRole("link", { name: title }).waitFor({ timeout: SLOW });
      const notifyMe = page.getByRole("region", { name: "Needs you" }).getByRole("button", { name: "Notify me" });
      await notifyMe.click();
      await expect.poll(() => notifyMe.getAttribute("aria-pressed")).toBe("true");

      // Another tab in front: the fake model asks to run bash.
      await setHidden(page, true);
      await rest.request("POST", `/session/${session.id}/prompt_async`, { parts: [{ type: "text", text: `bash:echo ${word}` }] }, SLOW);
      await expect
        .poll(() => notifications(page), { timeout: SLOW })
        .toEqual([expect.objectContaining({ title, body: expect.stringContaining(`echo ${word}`) })]);
      await expect.poll(() => page.title()).toBe("(1) OpenCode Switchboard");
      // The favicon really carries the count: a red badge over the icon, with a white "1" in it.
      const favicon = await drawnFavicon(page);
      expect(favicon.svg).toContain(">1</text></svg>");
      expect(favicon.badge[0]).toBeGreaterThan(180);
      expect(favicon.badge[1]).toBeLessThan(90);
      expect(favicon.corner.slice(0, 3).every((c) => c < 80)).toBe(true);
      expect(favicon.white).toBeGreaterThan(3);

      // A click on it brings the window up and opens the session on its server.
      await page.evaluate(() => (window as unknown as TestWindow).__clickNotification(0));
      await setHidden(page, false);
      await expect.poll(() => new URL(page.url()).pathname, { timeout: SLOW }).toMatch(new RegExp(`/s/${session.id}$`));
      await expect.poll(() => sessionTab(page, title).getAttribute("aria-selected"), { timeout: SLOW }).toBe("true");
      await page.getByRole("button", { name: "Allow once" }).click();
      await rest.waitIdle(session.id, SLOW);

      // Visible and showing the session: a second permission is on screen, not in a notification.
      await sendMessage(page, `bash:echo again-${word}`);
      await page.getByRole("button", { name: "Allow once" }).waitFor({ timeout: SLOW });
      await expect.poll(() => page.title()).toBe("(1) OpenCode Switchboard");
      expect(await notifications(page)).toHaveLength(1);

      // Hidden again while the run ends: it says the session finished.
      await setHidden(page, true);
      await page.getByRole("button", { name: "Allow once" }).click();
      await expect
        .poll(() => notifications(page), { timeout: SLOW })
        .toEqual([expect.anything(), expect.objectContaining({ title, body: expect.stringMatching(/^Finished/) })]);
    },
  );
});
