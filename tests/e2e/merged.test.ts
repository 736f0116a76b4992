/**
 * The merged view against two real servers: the sessions of both in one "All sessions" list, one
 * opened from there on the server that owns it and replied to; a permission raised on the server the
 * person is not looking at shows in "Needs you" and is answered there, and the tool then runs; a
 * broadcast to three projects on the two servers streams three replies side by side and exports them.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  OpencodeRest,
  addInstance,
  expectInstanceState,
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

const nonce = () => Math.random().toString(36).slice(2, 8);

/** A page with both servers added and connected. */
async function withBothServers() {
  const page = await app().open();
  await addInstance(page, serverA().port);
  await expectInstanceState(page, serverA().port, "connected");
  await addInstance(page, serverB().port);
  await expectInstanceState(page, serverB().port, "connected");
  return page;
}

describe("All servers", () => {
  it("lists the sessions of both servers in one list, and one opened from it takes a reply on its own server", async () => {
    const id = nonce();
    const restA = new OpencodeRest(serverA());
    const restB = new OpencodeRest(serverB());
    await restA.createSession({ title: `Alpha ${id}` });
    const beta = await restB.createSession({ title: `Beta ${id}` });

    const page = await withBothServers();
    await page.getByRole("tablist", { name: "Instances" }).getByRole("tab", { name: "All servers" }).click();
    const all = page.getByRole("region", { name: "All sessions" });
    await all.getByRole("link", { name: `Alpha ${id}` }).waitFor({ timeout: 10_000 });
    await all.getByRole("link", { name: `Beta ${id}` }).click();

    await expect.poll(() => instanceTab(page, serverB().port).getAttribute("aria-selected"), { timeout: 10_000 }).toBe("true");
    await expect.poll(() => sessionTab(page, `Beta ${id}`).getAttribute("aria-selected"), { timeout: 10_000 }).toBe("true");
    await sendMessage(page, `say: Merged reply ${id}.`);
    await waitForReply(page, `Merged reply ${id}.`);
    const messages = await restB.waitIdle(beta.id);
    expect(messages.some((m) => m.info.role === "assistant")).toBe(true);
  });

  it("shows a permission from the server not being looked at in Needs you, and Allow once there lets the tool run", async () => {
    const page = await withBothServers();
    await instanceTab(page, serverA().port).click();
    await expect.poll(() => instanceTab(page, serverA().port).getAttribute("aria-selected")).toBe("true");

    const restB = new OpencodeRest(serverB());
    const word = `merged-${nonce()}`;
    const session = await restB.createSession({ title: `Needs ${word}` });
    await restB.prompt(session.id, `bash:echo ${word}`);

    const allTab = page.getByRole("tablist", { name: "Instances" }).getByRole("tab", { name: /All servers/ });
    await expect.poll(() => allTab.textContent(), { timeout: 20_000 }).toMatch(/1 waiting for you/);
    await expect.poll(() => page.title()).toBe("(1) OpenCode Switchboard");
    await allTab.click();
    const needsYou = page.getByRole("region", { name: "Needs you" });
    expect(await needsYou.getByRole("link", { name: `Needs ${word}` }).count()).toBe(1);
    await needsYou.getByRole("button", { name: "Allow once" }).click();

    await expect.poll(() => needsYou.getByRole("button", { name: "Allow once" }).count(), { timeout: 10_000 }).toBe(0);
    const messages = await restB.waitIdle(session.id);
    const tool = messages.flatMap((m) => m.parts).find((p) => p.type === "tool");
    expect(tool?.type === "tool" && tool.state.status).toBe("completed");
    await expect.poll(() => page.title()).toBe("OpenCode Switchboard");
  });

  it("broadcasts one prompt to three projects on two servers, streams the replies side by side, and exports them", async () => {
    const [alpha, beta] = serverA().projectDirs;
    const [gamma] = serverB().projectDirs;
    // A server lists a project once a session was made in it.
    await new OpencodeRest(serverA()).in(beta).createSession({ title: "Beta project" });
    const page = await withBothServers();
    await page.getByRole("tablist", { name: "Instances" }).getByRole("tab", { name: "All servers" }).click();
    await page.getByRole("button", { name: "Broadcast" }).click();
    const dialog = page.getByRole("dialog");
    const word = nonce();
    for (const [port, dir] of [[serverA().port, alpha], [serverA().port, beta], [serverB().port, gamma]] as const) {
      await dialog.getByRole("checkbox", { name: `:${port} ${dir}` }).check();
    }
    await dialog.getByRole("textbox", { name: "Prompt" }).fill(`say: Broadcast ${word} done.`);
    await dialog.getByRole("button", { name: "Send to all" }).click();

    const results = page.getByRole("region", { name: "Broadcast results" });
    const cards = results.getByRole("listitem");
    await expect.poll(() => cards.count(), { timeout: 10_000 }).toBe(3);
    await expect
      .poll(async () => (await cards.allInnerTexts()).filter((text) => text.includes(`Broadcast ${word} done.`) && /done/i.test(text)).length, { timeout: 30_000 })
      .toBe(3);

    const [markdown] = await Promise.all([page.waitForEvent("download"), results.getByRole("button", { name: "Export Markdown" }).click()]);
    const text = readFileSync((await markdown.path())!, "utf8");
    for (const dir of [alpha, beta, gamma]) expect(text).toContain(dir);
    expect(text.split(`Broadcast ${word} done.`).length).toBeGreaterThanOrEqual(4);
    const [json] = await Promise.all([page.waitForEvent("download"), results.getByRole("button", { name: "Export JSON" }).click()]);
    const data = JSON.parse(readFileSync((await json.path())!, "utf8"));
    expect(data.results.map((r: { status: string }) => r.status)).toEqual(["done", "done", "done"]);
    expect(data.results.every((r: { messages: unknown[] }) => r.messages.length >= 2)).toBe(true);
  });
});
