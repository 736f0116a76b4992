/**
 * Scenario 7: things that are not a working OpenCode server. A port where nothing listens and an
 * HTTP server that is something else each get their own sentence in the "Add instance" dialog.
 * Garbage in the event stream (one malformed event, one of an unknown type, slipped in by a proxy
 * in front of a real server) is counted, shown as "2 events dropped", and the app keeps working.
 */
import { describe, expect, it } from "vitest";
import {
  addInstance,
  addInstanceDialog,
  connectedPage,
  expectInstanceState,
  freePort,
  newSession,
  sendMessage,
  startInjectProxy,
  startNotOpencodeServer,
  useApp,
  useFakeModel,
  useServer,
  waitForReply,
} from "./harness";

const model = useFakeModel();
const server = useServer(model, { name: "bad-input" });
const app = useApp(() => [server()]);

/** Adds `address` and returns the text of the dialog's alert. */
async function probeError(address: string | number): Promise<string> {
  const page = await app().open();
  await addInstance(page, address);
  const alert = addInstanceDialog(page).getByRole("alert");
  await alert.waitFor({ timeout: 20_000 });
  const text = (await alert.innerText()).trim();
  expect(await page.getByRole("tablist", { name: "Instances" }).getByRole("tab").count()).toBe(0);
  return text;
}

describe("bad input", () => {
  it("says what is wrong with a port where nothing listens and with a server that is not OpenCode", async () => {
    const port = await freePort();
    const nothing = await probeError(port);
    expect(nothing).toContain(String(port));

    const other = await startNotOpencodeServer();
    try {
      const notOpencode = await probeError(other.port);
      expect(notOpencode).toMatch(/OpenCode/);
      // Two different problems, two different sentences.
      expect(notOpencode).not.toBe(nothing.replace(String(port), String(other.port)));
    } finally {
      await other.close();
    }
  });

  it("counts a malformed and an unknown event as dropped and keeps working", async () => {
    const proxy = await startInjectProxy(server().url);
    try {
      const page = await connectedPage(app(), proxy.port);
      await expect.poll(() => proxy.openStreams(), { timeout: 10_000 }).toBeGreaterThan(0);
      const directory = server().projectDirs[0];
      proxy.inject(`{"directory":${JSON.stringify(directory)},"payload":{"type":"session.status","properties":`);
      proxy.inject(JSON.stringify({ directory, project: "global", payload: { id: "evt_fake", type: "made.up.event", properties: {} } }));

      await page.getByText(/\b2 events? dropped/).waitFor({ timeout: 10_000 });
      await expectInstanceState(page, proxy.port, "connected");
      await newSession(page);
      await sendMessage(page, "say: Still working after the garbage.");
      await waitForReply(page, "Still working after the garbage.");
    } finally {
      await proxy.close();
    }
  });
});
