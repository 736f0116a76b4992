/**
 * The harness itself, without a browser: a sandboxed real server, the fake model and the raw event
 * stream agree. If this fails, every scenario would fail for reasons that have nothing to do with the app.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeModel, type FakeModel } from "./fake-model";
import { OpencodeRest, openGlobalEvents, sessionEvent, startOpencodeServer, transcriptText, type OpencodeServer } from "./harness";

describe("e2e harness", () => {
  let model: FakeModel;
  let server: OpencodeServer;

  beforeAll(async () => {
    model = await startFakeModel();
    server = await startOpencodeServer({ fakeModelUrl: model.url, name: "smoke" });
  });
  afterAll(async () => {
    await server?.dispose();
    await model?.close();
  });

  it("streams a scripted reply from the fake model through a real server", async () => {
    const rest = new OpencodeRest(server);
    const events = await openGlobalEvents(server);
    try {
      const session = await rest.createSession();
      await rest.prompt(session.id, "[Smoke chat] say: Hello from the fake model! This is a streamed reply.");
      await events.waitFor(sessionEvent("session.idle", session.id), 30_000, "session.idle");
      const messages = await rest.waitIdle(session.id);
      expect(transcriptText(messages).at(-1)).toBe("Hello from the fake model! This is a streamed reply.");
      const deltas = events.events.filter((e) => e.payload.type === "message.part.delta" && e.payload.properties?.sessionID === session.id);
      expect(deltas.length).toBeGreaterThanOrEqual(3);
      expect(events.raw()).toMatch(/^data: \{"payload":\{"id":"evt_[^"]+","type":"server.connected"/);
      const titled = await rest.waitFor(async () => (await rest.sessions()).find((s) => s.id === session.id)?.title === "Smoke chat");
      expect(titled).toBe(true);
    } finally {
      events.close();
    }
  });

  it("restarts on the same port with the same sessions", async () => {
    const rest = new OpencodeRest(server);
    const before = await rest.sessions();
    const port = server.port;
    await server.kill();
    expect(server.running()).toBe(false);
    await expect(fetch(`${server.url}/global/health`, { signal: AbortSignal.timeout(1_000) })).rejects.toThrow();
    await server.restart();
    expect(server.port).toBe(port);
    expect((await rest.sessions()).map((s) => s.id).sort()).toEqual(before.map((s) => s.id).sort());
  });
});
