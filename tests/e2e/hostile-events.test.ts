/**
 * A hostile event stream through a real browser. A proxy in front of a real server slips a stream
 * of hostile events into its `/global/event` (the captured permission flow, retargeted into the
 * open session, a third of it mutated: missing fields, wrong types, prototype names, huge strings,
 * nulls, text that is not JSON; see tests/fixtures/hostile.ts). Then the fake model asks for a real
 * bash permission: its card shows, "Allow once" works, and the view still follows the reply.
 */
import { describe, expect, it } from "vitest";
import { hostileStream } from "../fixtures/hostile";
import { loadCapture } from "../fixtures/load";
import {
  connectedPage,
  instanceStatus,
  newSession,
  sendMessage,
  startInjectProxy,
  useApp,
  useFakeModel,
  useServer,
  waitForLogText,
} from "./harness";

const model = useFakeModel();
const server = useServer(model, { name: "hostile-events", permission: { bash: "ask" } });
const app = useApp(() => [server()]);

const nonce = () => Math.random().toString(36).slice(2, 8);

describe("a hostile event stream", () => {
  it("leaves a real permission request answerable and the view live", async () => {
    const proxy = await startInjectProxy(server().url);
    try {
      const page = await connectedPage(app(), proxy.port);
      await expect.poll(() => proxy.openStreams(), { timeout: 10_000 }).toBeGreaterThan(0);
      await newSession(page);
      await expect.poll(() => page.url(), { timeout: 10_000 }).toMatch(/\/s\/ses_/);
      const sessionID = decodeURIComponent(new URL(page.url()).pathname.split("/s/")[1]);
      const directory = server().projectDirs[0];

      // The captured permission flow, moved into the open session and its directory, then made hostile.
      const events = loadCapture("03-permission");
      const captured = (events.find((routed) => routed.event.type === "session.created")!.event.properties as { sessionID: string })
        .sessionID;
      const texts = hostileStream(events, { seed: 11, rate: 0.35, hugeLength: 512 * 1024 }).map((text) =>
        text.split(captured).join(sessionID).split("/home/dev/alpha").join(directory),
      );
      const envelope = (type: string, properties: unknown) => JSON.stringify({ directory, payload: { type, properties } });
      texts.push(
        envelope("message.updated", { info: { id: "msg_0_hostile", sessionID, role: "assistant", time: {} } }),
        envelope("message.part.delta", { sessionID, messageID: "constructor", partID: "prt_x", field: "text", delta: "x" }),
        envelope("message.part.delta", { sessionID: "__proto__", messageID: "__proto__", partID: "prt_y", field: "text", delta: "y" }),
        envelope("permission.asked", { id: "per_0_no_always", sessionID, permission: "bash", patterns: ["ls"], metadata: {} }),
        envelope("session.status", { sessionID: "toString", status: { type: "busy" } }),
      );
      for (const text of texts) expect(proxy.inject(text)).toBeGreaterThan(0);
      await page.getByText(/\d+ events? dropped/).waitFor({ timeout: 15_000 });
      // The request without `always` got its card.
      await page.getByRole("button", { name: "Allow once" }).first().waitFor({ timeout: 10_000 });

      // A real permission request after the garbage.
      const word = `hostile-${nonce()}`;
      await sendMessage(page, `bash:echo ${word}`);
      const card = page.getByRole("region", { name: "Permission request: bash" }).filter({ hasText: `echo ${word}` });
      await card.waitFor({ timeout: 30_000 });
      await card.getByRole("button", { name: "Allow once" }).click();

      // The tool ran, the model said so, and the view showed it; the answered card is gone.
      await waitForLogText(page, new RegExp(`Tool finished: ${word}`), 30_000);
      await expect.poll(() => card.count(), { timeout: 10_000 }).toBe(0);
      expect(await instanceStatus(page, proxy.port).getAttribute("data-state")).toBe("connected");
      expect(await page.getByText("This part could not be shown").count()).toBe(0);
    } finally {
      await proxy.close();
    }
  });
});
