/**
 * The merged view against two real servers: the sessions of both in one "All sessions" list, one
 * opened from there on the server that owns it and replied to; a permission raised on the server the
 * person is not looking at shows in "Needs you" and is answered there, and the tool then runs; a
 * broadcast to three projects on the two servers streams three replies side by side and exports them.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  OpencodeRest,
  REPO_ROOT,
  connectedPage,
  resultsDir,
  instanceTab,
  sendMessage,
  sessionTab,
  useApp,
  useFakeModel,
  useServer,
  waitForReply,
} from "./harness";

const model = useFakeModel();
const serverA = useServer(model, { name: "merged-a", permission: { bash: "ask" }, projects: ["alpha", "beta"] });
const serverB = useServer(model, { name: "merged-b", permission: { bash: "ask" } });
const app = useApp(() => [serverA(), serverB()]);

// Like the tour: README screenshots with SCREENSHOT_DIR=docs/screenshots, else test-results.
const shotDir = process.env.SCREENSHOT_DIR ? join(REPO_ROOT, process.env.SCREENSHOT_DIR) : join(resultsDir(), "screenshots");
async function shot(page: Page, name: string) {
  mkdirSync(shotDir, { recursive: true });
  await page.screenshot({ path: join(shotDir, `${name}.png`) });
}

/**
 * Generous waits: two servers, a browser and a fake model share a 2-core machine, and the first
 * request in a directory starts that project on the server. Each wait still ends as soon as its
 * condition holds.
 */
const SLOW = 60_000;
const createSession = (rest: OpencodeRest, title: string) => rest.request<{ id: string }>("POST", "/session", { title }, SLOW);

const nonce = () => Math.random().toString(36).slice(2, 8);

/** A page with both servers added and connected. */
const withBothServers = () => connectedPage(app(), [serverA().port, serverB().port], { timeout: SLOW });

describe("All servers", () => {
  it(
    "lists the sessions of both servers in one list, and one opened from it takes a reply on its own server",
    { timeout: 240_000 },
    async () => {
      const id = nonce();
      const restA = new OpencodeRest(serverA());
      const restB = new OpencodeRest(serverB());
      await createSession(restA, `Alpha ${id}`);
      const beta = await createSession(restB, `Beta ${id}`);

      const page = await withBothServers();
      await page.getByRole("tablist", { name: "Instances" }).getByRole("tab", { name: "All servers" }).click();
      const all = page.getByRole("region", { name: "All sessions" });
      await all.getByRole("link", { name: `Alpha ${id}` }).waitFor({ timeout: SLOW });
      await all.getByRole("link", { name: `Beta ${id}` }).click();

      await expect.poll(() => instanceTab(page, serverB().port).getAttribute("aria-selected"), { timeout: SLOW }).toBe("true");
      await expect.poll(() => sessionTab(page, `Beta ${id}`).getAttribute("aria-selected"), { timeout: SLOW }).toBe("true");
      await sendMessage(page, `say: Merged reply ${id}.`);
      await waitForReply(page, `Merged reply ${id}.`, SLOW);
      const messages = await restB.waitIdle(beta.id, SLOW);
      expect(messages.some((m) => m.info.role === "assistant")).toBe(true);
    },
  );

  it(
    "shows a permission from the server not being looked at in Needs you, and Allow once there lets the tool run",
    { timeout: 240_000 },
    async () => {
      const page = await withBothServers();
      await instanceTab(page, serverA().port).click();
      await expect.poll(() => instanceTab(page, serverA().port).getAttribute("aria-selected")).toBe("true");

      const restB = new OpencodeRest(serverB());
      const word = `merged-${nonce()}`;
      const session = await createSession(restB, `Needs ${word}`);
      await restB.request("POST", `/session/${session.id}/prompt_async`, { parts: [{ type: "text", text: `bash:echo ${word}` }] }, SLOW);

      const allTab = page.getByRole("tablist", { name: "Instances" }).getByRole("tab", { name: /All servers/ });
      await expect.poll(() => allTab.textContent(), { timeout: SLOW }).toMatch(/1 waiting for you/);
      await expect.poll(() => page.title()).toBe("(1) OpenCode Switchboard");
      await allTab.click();
      const needsYou = page.getByRole("region", { name: "Needs you" });
      expect(await needsYou.getByRole("link", { name: `Needs ${word}` }).count()).toBe(1);
      await shot(page, "08-all-servers");
      await needsYou.getByRole("button", { name: "Allow once" }).click();

      await expect.poll(() => needsYou.getByRole("button", { name: "Allow once" }).count(), { timeout: SLOW }).toBe(0);
      const messages = await restB.waitIdle(session.id, SLOW);
      const tool = messages.flatMap((m) => m.parts).find((p) => p.type === "tool");
      expect(tool?.type === "tool" && tool.state.status).toBe("completed");
      await expect.poll(() => page.title()).toBe("OpenCode Switchboard");
    },
  );

  it(
    "broadcasts one prompt to three projects on two servers, streams the replies side by side, and exports them",
    { timeout: 240_000 },
    async () => {
      const [alpha, beta] = serverA().projectDirs;
      const [gamma] = serverB().projectDirs;
      // A server lists a project once a session was made in it.
      await createSession(new OpencodeRest(serverA()).in(beta), "Beta project");
      const page = await withBothServers();
      await page.getByRole("tablist", { name: "Instances" }).getByRole("tab", { name: "All servers" }).click();
      await page.getByRole("button", { name: "Broadcast" }).click();
      const dialog = page.getByRole("dialog");
      const word = nonce();
      for (const [port, dir] of [
        [serverA().port, alpha],
        [serverA().port, beta],
        [serverB().port, gamma],
      ] as const) {
        await dialog.getByRole("checkbox", { name: `:${port} ${dir}` }).check();
      }
      await dialog.getByRole("textbox", { name: "Prompt" }).fill(`say: Broadcast ${word} done.`);
      await dialog.getByRole("button", { name: "Send to all" }).click();

      const results = page.getByRole("region", { name: "Broadcast results" });
      const cards = results.getByRole("listitem");
      await expect.poll(() => cards.count(), { timeout: SLOW }).toBe(3);
      await expect
        .poll(
          async () =>
            (await cards.allInnerTexts()).filter((text) => text.includes(`Broadcast ${word} done.`) && /\bDONE\b/.test(text)).length,
          { timeout: SLOW },
        )
        .toBe(3);
      await shot(page, "09-broadcast");

      const [markdown] = await Promise.all([
        page.waitForEvent("download"),
        results.getByRole("button", { name: "Export Markdown" }).click(),
      ]);
      const text = readFileSync((await markdown.path())!, "utf8");
      for (const dir of [alpha, beta, gamma]) expect(text).toContain(dir);
      expect(text.split(`Broadcast ${word} done.`).length).toBeGreaterThanOrEqual(4);
      const [json] = await Promise.all([page.waitForEvent("download"), results.getByRole("button", { name: "Export JSON" }).click()]);
      const data = JSON.parse(readFileSync((await json.path())!, "utf8"));
      expect(data.results.map((r: { status: string }) => r.status)).toEqual(["done", "done", "done"]);
      expect(data.results.every((r: { messages: unknown[] }) => r.messages.length >= 2)).toBe(true);
    },
  );
});
