/**
 * Scenario 2: three projects on two servers. Server A serves two project directories, server B one.
 * The app lists every project's sessions of a server, and each open session shows its own messages
 * only, also while other projects' sessions stream at the same time.
 */
import { describe, expect, it } from "vitest";
import {
  OpencodeRest,
  connectedPage,
  instanceTab,
  logText,
  openSession,
  sessionListEntry,
  useApp,
  useFakeModel,
  useServer,
  waitForReply,
} from "./harness";

const model = useFakeModel();
const serverA = useServer(model, { name: "projects-a", projects: ["alpha", "beta"] });
const serverB = useServer(model, { name: "projects-b", projects: ["gamma"] });
const app = useApp(() => [serverA(), serverB()]);

/** Creates a titled session in one project directory and waits for its scripted reply. */
async function sessionWithReply(rest: OpencodeRest, title: string, text: string): Promise<string> {
  const session = await rest.createSession({ title });
  await rest.prompt(session.id, `say: ${text}`);
  await rest.waitIdle(session.id);
  return session.id;
}

describe("several projects on several servers", () => {
  it("shows each session's own messages, whichever project and server it belongs to", async () => {
    const [alphaDir, betaDir] = serverA().projectDirs;
    const restA = new OpencodeRest(serverA());
    const alpha = restA.in(alphaDir);
    const beta = restA.in(betaDir);
    const gamma = new OpencodeRest(serverB()).in(serverB().projectDirs[0]);
    await sessionWithReply(alpha, "Alpha chat", "Alpha says hello.");
    const betaID = await sessionWithReply(beta, "Beta chat", "Beta says hello.");
    await sessionWithReply(gamma, "Gamma chat", "Gamma says hello.");

    const page = await connectedPage(app(), [serverA().port, serverB().port]);

    await instanceTab(page, serverA().port).click();
    await sessionListEntry(page, "Beta chat").waitFor();
    await openSession(page, "Alpha chat");
    await waitForReply(page, "Alpha says hello.");

    // Beta's session streams while Alpha's is open: none of it may land in Alpha's log.
    await beta.prompt(betaID, "say: Beta streams again while Alpha is open.");
    await beta.waitIdle(betaID);
    await page.waitForTimeout(300);
    expect(await logText(page)).not.toMatch(/Beta/);

    await openSession(page, "Beta chat");
    await waitForReply(page, "Beta streams again while Alpha is open.");
    await waitForReply(page, "Beta says hello.");
    const betaText = await logText(page);
    expect(betaText).not.toMatch(/Alpha says|Gamma says/);

    await instanceTab(page, serverB().port).click();
    // Server B has only one project; A's sessions are not listed under it.
    await sessionListEntry(page, "Gamma chat").waitFor();
    expect(await sessionListEntry(page, "Alpha chat").count()).toBe(0);
    await openSession(page, "Gamma chat");
    await waitForReply(page, "Gamma says hello.");
    expect(await logText(page)).not.toMatch(/Alpha says|Beta says/);
  });
});
