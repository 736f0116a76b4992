/**
 * Driving a session as OpenCode's own clients do (issue 11): model and agent pickers, session actions,
 * commands and shell commands, file mentions and the Changes view, against a real `opencode serve`
 * whose fake model offers two models. One server and one browser serve the whole file.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  OpencodeRest,
  connectedSession,
  logText,
  messageTexts,
  sendMessage,
  sessionTab,
  useApp,
  useFakeModel,
  useServer,
  waitForLogText,
} from "./harness";

const model = useFakeModel();
const server = useServer(model, { name: "drive" });
const app = useApp(() => [server()]);

describe("model and agent pickers", () => {
  it("sends the prompt to the chosen model and agent, and remembers the choice for the session", async () => {
    const page = await connectedSession(app(), server().port);
    const modelBox = page.getByRole("combobox", { name: "Model" });
    const agentBox = page.getByRole("combobox", { name: "Agent" });
    // The defaults are what the server would use: its configured model and the build agent. The
    // sandboxed server takes 7-9 s to list providers for a directory the first time (measured).
    await expect.poll(() => modelBox.inputValue(), { timeout: 30_000 }).toBe("fake/fake-model");
    expect(await agentBox.inputValue()).toBe("build");

    await sendMessage(page, "whoami");
    // The first model call in a fresh sandbox waits for the same provider set-up (up to ~15 s seen).
    await waitForLogText(page, /Answered by fake-model\b/, 45_000);

    await modelBox.selectOption({ label: "Fake Model Two" });
    await agentBox.selectOption("plan");
    await expect.poll(() => page.getByRole("button", { name: "Send" }).isDisabled(), { timeout: 20_000 }).toBe(true);
    await page.getByRole("textbox", { name: "Message" }).fill("whoami");
    await expect.poll(() => page.getByRole("button", { name: "Send" }).isEnabled(), { timeout: 20_000 }).toBe(true);
    await page.getByRole("button", { name: "Send" }).click();
    await waitForLogText(page, /Answered by fake-model-2\b/);

    const rest = new OpencodeRest(server());
    const session = await rest.sessionWithPrompt("whoami");
    const messages = await rest.waitIdle(session.id);
    const last = messages[messages.length - 1].info;
    expect(last.role === "assistant" && [last.modelID, last.agent]).toEqual(["fake-model-2", "plan"]);
    // The assistant header says which agent answered.
    expect((await messageTexts(page)).at(-1)).toMatch(/plan/);

    await page.reload();
    await expect.poll(() => page.getByRole("combobox", { name: "Model" }).inputValue(), { timeout: 30_000 }).toBe("fake/fake-model-2");
    expect(await page.getByRole("combobox", { name: "Agent" }).inputValue()).toBe("plan");
    expect(await logText(page)).toContain("Answered by fake-model-2");
  });
});

describe("session actions", () => {
  it("renames, forks and deletes the session through its header", async () => {
    const page = await connectedSession(app(), server().port);
    await sendMessage(page, "[Original title] say: Forked words");
    await waitForLogText(page, /Forked words[^]*Forked words/, 45_000);
    const rest = new OpencodeRest(server());
    const session = await rest.sessionWithPrompt("[Original title] say: Forked words");
    await rest.waitIdle(session.id);

    await page.getByRole("button", { name: "Rename session" }).click();
    await page.getByRole("textbox", { name: "Session title" }).fill("Renamed by hand");
    await page.getByRole("button", { name: "Save" }).click();
    await sessionTab(page, "Renamed by hand").waitFor({ timeout: 10_000 });
    expect((await rest.sessions()).find((s) => s.id === session.id)?.title).toBe("Renamed by hand");

    // Exact: every prompt in the log has a "Fork from here" of its own.
    await page.getByRole("button", { name: "Fork", exact: true }).click();
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 10_000 }).not.toContain(session.id);
    const forkId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
    const fork = (await rest.sessions()).find((s) => s.id === forkId);
    expect(fork?.id).not.toBe(session.id);
    // The fork carries the conversation so far, and shows it.
    await waitForLogText(page, /Forked words/);
    expect((await rest.messages(forkId)).length).toBe((await rest.messages(session.id)).length);

    await page.getByRole("button", { name: "Delete session" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
    await expect.poll(async () => (await rest.sessions()).some((s) => s.id === forkId), { timeout: 10_000 }).toBe(false);
    await expect.poll(() => page.url(), { timeout: 10_000 }).not.toContain(forkId);
    await expect.poll(() => page.getByRole("tablist", { name: "Sessions" }).getByRole("tab").count()).toBe(1);
  });

  it("Share says sharing is turned off when the server's config turns it off, and sends nothing", async () => {
    // The sandbox's config says "share": "disabled" (harness/opencode.ts).
    const page = await connectedSession(app(), server().port);
    const sessionId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
    await page.getByRole("button", { name: "Share", exact: true }).click();
    const dialog = page.getByRole("alertdialog", { name: "Sharing is turned off on this server" });
    // The first request for a fresh directory's config can take seconds; the dialog says so meanwhile.
    await dialog.waitFor({ timeout: 30_000 });
    expect(await dialog.innerText()).toMatch(/Nothing was sent anywhere/);
    await dialog.getByRole("button", { name: "Close" }).click();
    expect((await new OpencodeRest(server()).sessions()).find((s) => s.id === sessionId)?.share).toBeUndefined();
  });

  it("Undo hides the last exchange and Redo brings it back", async () => {
    const page = await connectedSession(app(), server().port);
    await sendMessage(page, "say: First exchange");
    await waitForLogText(page, /First exchange[^]*First exchange/, 45_000);
    const rest = new OpencodeRest(server());
    const session = await rest.sessionWithPrompt("say: First exchange");
    await rest.waitIdle(session.id);
    await expect.poll(() => page.getByRole("button", { name: "Send" }).isDisabled()).toBe(true);
    await sendMessage(page, "say: Second exchange");
    await waitForLogText(page, /Second exchange[^]*Second exchange/);
    await rest.waitIdle(session.id);

    await expect.poll(() => page.getByRole("button", { name: "Undo" }).isEnabled(), { timeout: 10_000 }).toBe(true);
    await page.getByRole("button", { name: "Undo" }).click();
    await expect.poll(() => logText(page), { timeout: 10_000 }).not.toMatch(/Second exchange/);
    expect(await logText(page)).toMatch(/First exchange/);
    await expect.poll(async () => (await rest.sessions()).find((s) => s.id === session.id)?.revert?.messageID).toBeTruthy();

    await page.getByRole("button", { name: "Redo" }).click();
    await waitForLogText(page, /Second exchange/, 10_000);
    await expect.poll(async () => (await rest.sessions()).find((s) => s.id === session.id)?.revert).toBeUndefined();
  });
});

describe("commands, shell and mentions", () => {
  it("runs a server command from the / list, a ! shell command, and sends a mentioned file", async () => {
    writeFileSync(join(server().projectDirs[0], "notes-for-mention.txt"), "mention me\n");
    const page = await connectedSession(app(), server().port);
    const box = page.getByRole("textbox", { name: "Message" });
    await box.fill("/hel");
    await page.getByRole("listbox", { name: "Commands" }).getByRole("option", { name: "hello" }).waitFor({ timeout: 30_000 });
    await box.press("Enter");
    await expect.poll(() => box.inputValue()).toBe("/hello ");
    await box.pressSequentially("world");
    await box.press("Enter");
    await waitForLogText(page, /Hello from a command world/, 45_000);
    const rest = new OpencodeRest(server());
    const sessionId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
    await rest.waitIdle(sessionId);

    await expect.poll(() => page.getByRole("button", { name: "Send" }).isDisabled()).toBe(true);
    await box.fill("!echo shell-said-hi");
    await box.press("Enter");
    await expect
      .poll(async () => JSON.stringify(await rest.messages(sessionId)), { timeout: 20_000 })
      .toMatch(/echo shell-said-hi[^]*shell-said-hi\\n/);
    await waitForLogText(page, /echo shell-said-hi/);

    await box.fill("");
    await box.pressSequentially("read @notes-for");
    const file = page.getByRole("listbox", { name: "Files" }).getByRole("option", { name: "notes-for-mention.txt" });
    await file.waitFor({ timeout: 10_000 });
    await file.click();
    await expect.poll(() => box.inputValue()).toBe("read @notes-for-mention.txt ");
    await expect.poll(() => page.getByRole("button", { name: "Send" }).isEnabled(), { timeout: 20_000 }).toBe(true);
    await box.press("Enter");
    await expect
      .poll(
        async () =>
          (await rest.messages(sessionId)).some((m) => m.parts.some((p) => p.type === "file" && p.filename === "notes-for-mention.txt")),
        {
          timeout: 20_000,
        },
      )
      .toBe(true);
  });
});
