import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MALFORMED, SKIPPED, routeGlobalMessage } from "../../../src/transport/global-event";

const capture = readFileSync(new URL("../../fixtures/captures/01-hi.global-event.txt", import.meta.url), "utf8");
const dataLines = capture
  .split("\n")
  .filter((line) => line.startsWith("data: "))
  .map((line) => line.slice("data: ".length));

describe("routeGlobalMessage", () => {
  it("routes an event with its directory and passes the payload through untouched", () => {
    const data =
      '{"directory":"/home/dev/beta","project":"global","payload":{"id":"evt_1","type":"session.idle","properties":{"sessionID":"ses_1"}}}';
    expect(routeGlobalMessage("i1", data)).toEqual({
      instanceId: "i1",
      directory: "/home/dev/beta",
      event: { id: "evt_1", type: "session.idle", properties: { sessionID: "ses_1" } },
    });
  });

  it('gives server.connected no directory and keeps the literal "global" directory', () => {
    const connected = routeGlobalMessage("i1", '{"payload":{"id":"evt_c","type":"server.connected","properties":{}}}');
    expect(connected).toMatchObject({ directory: undefined, event: { type: "server.connected" } });
    const disposed = routeGlobalMessage("i1", '{"directory":"global","payload":{"type":"global.disposed","properties":{},"id":"evt_d"}}');
    expect(disposed).toMatchObject({ directory: "global", event: { type: "global.disposed" } });
  });

  it("skips sync duplicates and heartbeats", () => {
    expect(routeGlobalMessage("i1", '{"directory":"/a","payload":{"type":"sync","syncEvent":{},"id":"evt_s"}}')).toBe(SKIPPED);
    expect(routeGlobalMessage("i1", '{"payload":{"id":"evt_h","type":"server.heartbeat","properties":{}}}')).toBe(SKIPPED);
  });

  it.each([
    ["not JSON", "data: nope"],
    ["empty", ""],
    ["null", "null"],
    ["a number", "42"],
    ["an array", "[1,2]"],
    ["no payload", '{"directory":"/a"}'],
    ["payload not an object", '{"payload":"session.idle"}'],
    ["payload without type", '{"payload":{"id":"evt_1"}}'],
    ["type not a string", '{"payload":{"type":7}}'],
    ["truncated", '{"payload":{"type":"session.idle"'],
  ])("reports %s as malformed without throwing", (_, data) => {
    expect(routeGlobalMessage("i1", data)).toBe(MALFORMED);
  });

  it("ignores a non-string directory rather than forwarding garbage", () => {
    expect(routeGlobalMessage("i1", '{"directory":5,"payload":{"type":"x"}}')).toMatchObject({ directory: undefined });
  });

  it("forwards every event of a real captured stream except sync and heartbeats", () => {
    const routed = dataLines.map((data) => routeGlobalMessage("local", data));
    expect(routed).not.toContain(MALFORMED);
    const forwarded = routed.filter((r) => r !== SKIPPED && r !== MALFORMED);
    const syncLines = dataLines.filter((line) => line.includes('"payload":{"type":"sync"')).length;
    const heartbeatLines = dataLines.filter((line) => line.includes('"type":"server.heartbeat"')).length;
    expect(syncLines).toBeGreaterThan(0);
    expect(forwarded).toHaveLength(dataLines.length - syncLines - heartbeatLines);
    expect(forwarded[0]).toMatchObject({ instanceId: "local", directory: undefined, event: { type: "server.connected" } });
    for (const event of forwarded.slice(1)) {
      expect(event).toMatchObject({ directory: "/home/dev/alpha" });
      expect(event.event.type).not.toBe("sync");
    }
    expect(forwarded.map((e) => e.event.type)).toContain("message.part.delta");
  });
});
