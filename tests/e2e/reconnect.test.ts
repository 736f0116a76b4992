/**
 * Scenario 5: the server dies mid-stream. The instance says it is reconnecting and which attempt it
 * is on; when the server is back on the same port with the same data, the app is connected again
 * and the open session shows exactly what the server has stored. Kept down past the last attempt,
 * the instance is offline, and "Retry" brings it back.
 */
import { describe, expect, it } from "vitest";
import {
  OpencodeRest,
  connectedSession,
  expectInstanceState,
  instanceStatus,
  logText,
  newSession,
  sendMessage,
  transcriptText,
  useApp,
  useFakeModel,
  useServer,
  waitForLogText,
  waitForReply,
} from "./harness";

const model = useFakeModel();
const server = useServer(model, { name: "reconnect" });
const app = useApp(() => [server()]);

// Short enough that the test is quick, long enough (~40 s of attempts) to outlast a server restart,
// which takes 2.5 s on an idle machine and up to ~20 s on a busy 2-core CI runner (seen: 20 attempts
// ran out while the restarted server was still loading).
const RECONNECT = { baseDelayMs: 250, maxDelayMs: 1000, maxAttempts: 40 };

/** The streamed tokens ("word12") in a text, in order. */
const words = (text: string) => text.match(/\bword\d+\b/g) ?? [];

describe("server restarts", () => {
  it("reconnects after a crash, shows what the server kept, and goes offline after the last attempt until Retry", async () => {
    const port = server().port;
    const page = await connectedSession(app(), port, { page: { reconnect: RECONNECT } });
    const prompt = "slow:300:40";
    await sendMessage(page, prompt);
    await waitForLogText(page, /word10\b/);

    await server().kill();
    await expectInstanceState(page, port, "reconnecting", 15_000);
    await expect.poll(async () => (await instanceStatus(page, port).textContent()) ?? "", { timeout: 5_000 }).toMatch(/attempt\s*\d+/i);

    await server().restart();
    // A connection made while the server was still starting can hang unanswered (SERVER.md); the app
    // has to give up on it and try again, so allow for its connect timeout here.
    await expectInstanceState(page, port, "connected", 60_000);

    // Whatever the server kept of the interrupted reply is what the page shows: no more, no less.
    const rest = new OpencodeRest(server());
    const session = await rest.sessionWithPrompt(prompt);
    await expect.poll(async () => (await rest.status())[session.id], { timeout: 15_000 }).toBeUndefined();
    const stored = transcriptText(await rest.messages(session.id));
    await expect
      .poll(async () => words(await logText(page)), {
        timeout: 10_000,
        message: "after the reconnect the log should hold exactly the streamed words GET /session/:id/message returns",
      })
      .toEqual(words(stored.join(" ")));
    const shown = await logText(page);
    for (const text of stored) expect(shown).toContain(text.replace(/\s+/g, " ").trim());

    await server().kill();
    await expectInstanceState(page, port, "reconnecting", 15_000);
    await expectInstanceState(page, port, "offline", 75_000);
    await server().restart();
    // Offline means the app stopped trying: it stays offline although the server is back.
    await page.waitForTimeout(1_500);
    expect(await instanceStatus(page, port).getAttribute("data-state")).toBe("offline");
    await page.getByRole("button", { name: "Retry" }).first().click();
    await expectInstanceState(page, port, "connected", 30_000);

    // And it works again: a new prompt streams in.
    await newSession(page);
    await sendMessage(page, "say: Back after the outage.");
    // The first model call after a restart waits for the server to load its provider catalogue again
    // (7-15 s measured on a busy machine).
    await waitForReply(page, "Back after the outage.", 60_000);
  });
});
