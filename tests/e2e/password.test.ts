/**
 * Scenario 6: a password-protected server. A wrong password gets a sentence in the "Add instance"
 * dialog that says what is wrong; the right one connects, and sessions stream. The event stream,
 * read with fetch, authenticates with the Authorization header like REST: the password is never in a URL.
 */
import { describe, expect, it } from "vitest";
import {
  OpencodeRest,
  addInstanceDialog,
  expectInstanceState,
  newSession,
  sendMessage,
  useApp,
  useFakeModel,
  useServer,
  waitForLogText,
} from "./harness";

const PASSWORD = "correct horse battery staple";
const model = useFakeModel();
const server = useServer(model, { name: "password", password: PASSWORD });
const app = useApp(() => [server()]);

describe("password-protected server", () => {
  it("explains a wrong password, then connects and streams with the right one", async () => {
    // The server really refuses requests without the password.
    const anonymous = await fetch(`${server().url}/global/health`, { signal: AbortSignal.timeout(5_000) });
    expect(anonymous.status).toBe(401);

    const page = await app().open();
    const streams: Array<{ url: string; authorization: string | undefined }> = [];
    page.on("request", (request) => {
      if (new URL(request.url()).pathname !== "/global/event") return;
      void request.allHeaders().then((headers) => streams.push({ url: request.url(), authorization: headers.authorization }));
    });
    await page.getByRole("button", { name: "Add instance" }).click();
    const dialog = addInstanceDialog(page);
    await dialog.getByRole("textbox", { name: "Port or URL" }).fill(String(server().port));
    await dialog.getByLabel("Password", { exact: true }).fill("wrong password");
    await dialog.getByRole("button", { name: "Connect" }).click();

    const alert = dialog.getByRole("alert");
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.innerText()).toMatch(/password/i);
    expect(await alert.innerText()).not.toMatch(/\{|stack|undefined/);

    await dialog.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await dialog.getByRole("button", { name: "Connect" }).click();
    await expectInstanceState(page, server().port, "connected");
    await expect.poll(() => dialog.count(), { timeout: 5_000 }).toBe(0);

    await newSession(page);
    await sendMessage(page, "slow:40:60");
    const partial = await waitForLogText(page, /word3\b/);
    expect(partial).not.toMatch(/word39\b/);
    await waitForLogText(page, /word39\b/);

    expect(streams.length).toBeGreaterThan(0);
    const expected = `Basic ${Buffer.from(`opencode:${PASSWORD}`).toString("base64")}`;
    for (const stream of streams) {
      expect(stream.url).toBe(`${server().url}/global/event`);
      expect(stream.authorization).toBe(expected);
    }

    const rest = new OpencodeRest(server());
    expect((await rest.sessionWithPrompt("slow:40:60")).id).toMatch(/^ses_/);
  });
});
