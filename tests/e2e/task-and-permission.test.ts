/**
 * Scenarios 3 and 4: a task tool call opens its child session in a tab of its own that streams, with
 * links both ways; a permission prompt answered "Allow once" lets the tool finish, "Reject" ends it
 * in an error the person can read. One server (bash asks for permission) serves the file.
 */
import { describe, expect, it } from "vitest";
import {
  OpencodeRest,
  escapeRegExp,
  logText,
  messageLog,
  sendMessage,
  sessionTab,
  useApp,
  useFakeModel,
  useServer,
  waitForLogText,
  connectedSession,
} from "./harness";

const model = useFakeModel();
const server = useServer(model, { name: "task-permission", permission: { bash: "ask" } });
const app = useApp(() => [server()]);

/** A word unique to one test, so texts and titles from earlier tests never match. */
const nonce = () => Math.random().toString(36).slice(2, 8);

describe("task tool", () => {
  it("opens the child session's tab by itself, streams it, and links parent and child", async () => {
    const page = await connectedSession(app(), server().port);
    const id = nonce();
    const parentTitle = `Parent ${id}`;
    const childTitle = `Child job ${id}`;
    // 50 words 150 ms apart: the child streams for 7.5 s, long enough to be watched mid-stream on a
    // loaded machine (the parent's own log shows every word once the child is done).
    await sendMessage(page, `[${parentTitle}] task:${childTitle}::slow:50:150`);

    // The child's tab appears without the person doing anything.
    const childTab = sessionTab(page, childTitle);
    await childTab.waitFor({ timeout: 20_000 });
    await childTab.click();
    await expect.poll(() => childTab.getAttribute("aria-selected"), { timeout: 10_000 }).toBe("true");
    await page.getByRole("region", { name: childTitle }).waitFor({ timeout: 10_000 });
    const partial = await waitForLogText(page, /word3\b/);
    expect(partial).not.toMatch(/word49\b/);
    await waitForLogText(page, /word49\b/);

    // The child links back to its parent.
    const back = page.getByRole("link", { name: new RegExp(`Parent session|${escapeRegExp(parentTitle)}`) }).first();
    await back.click();
    await expect.poll(() => sessionTab(page, parentTitle).getAttribute("aria-selected"), { timeout: 10_000 }).toBe("true");
    await waitForLogText(page, /Tool finished: word0/);

    // The parent's task call links to the child.
    const toChild = messageLog(page).getByRole("link", { name: new RegExp(escapeRegExp(childTitle)) });
    await toChild.first().click();
    await expect.poll(() => childTab.getAttribute("aria-selected"), { timeout: 10_000 }).toBe("true");
    expect(await logText(page)).toMatch(/word49\b/);
  });
});

describe("permission prompts", () => {
  it("runs the tool after Allow once", async () => {
    const page = await connectedSession(app(), server().port);
    const word = `allowed-${nonce()}`;
    const prompt = `bash:echo ${word}`;
    await sendMessage(page, prompt);
    const allow = page.getByRole("button", { name: "Allow once" });
    await allow.waitFor({ timeout: 20_000 });
    expect(await page.getByRole("button", { name: "Always allow" }).isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "Reject" }).isVisible()).toBe(true);
    await allow.click();

    // The model only says this after the tool ran and returned its output.
    await waitForLogText(page, new RegExp(`Tool finished: ${word}`));
    await expect.poll(() => allow.count(), { timeout: 10_000 }).toBe(0);
    const rest = new OpencodeRest(server());
    const messages = await rest.waitIdle((await rest.sessionWithPrompt(prompt)).id);
    const tool = messages.flatMap((m) => m.parts).find((p) => p.type === "tool");
    expect(tool?.type === "tool" && tool.state.status).toBe("completed");
  });

  it("shows the tool's error after Reject", async () => {
    const page = await connectedSession(app(), server().port);
    // Not "rejected-…": what says "rejected" on screen must be the tool's error, not the command.
    const prompt = `bash:echo denied-${nonce()}`;
    await sendMessage(page, prompt);
    const reject = page.getByRole("button", { name: "Reject" });
    await reject.waitFor({ timeout: 20_000 });
    await reject.click();

    // A reject without feedback ends the turn (the server does not call the model again).
    await waitForLogText(page, /rejected/i);
    await expect.poll(() => page.getByRole("button", { name: "Allow once" }).count(), { timeout: 10_000 }).toBe(0);
    const rest = new OpencodeRest(server());
    const messages = await rest.messages((await rest.sessionWithPrompt(prompt)).id);
    const tool = messages.flatMap((m) => m.parts).find((p) => p.type === "tool");
    expect(tool?.type === "tool" && tool.state.status).toBe("error");
    await page.getByRole("textbox", { name: "Message" }).fill("say: next");
    await expect.poll(() => page.getByRole("button", { name: "Send" }).isEnabled(), { timeout: 10_000 }).toBe(true);
  });
});
