import { describe, expect, it } from "vitest";
import { makeConnectionLog } from "../../../src/app/connection-log";

describe("makeConnectionLog", () => {
  it("counts connections opened, lost, failed attempts and stream failures from the statuses it sees", () => {
    const log = makeConnectionLog(() => 5);
    log.noteStatus({ state: "connecting", attempt: 1 });
    log.noteStatus({ state: "connected", since: 1 });
    log.noteEvent();
    log.noteEvent();
    log.noteStatus({ state: "reconnecting", attempt: 2, maxAttempts: 8, nextAttemptAt: 2 }); // lost
    log.noteStatus({ state: "connecting", attempt: 2 });
    log.noteStatus({ state: "reconnecting", attempt: 3, maxAttempts: 8, nextAttemptAt: 3 }); // failed
    log.noteStatus({ state: "connecting", attempt: 3 });
    log.noteStatus({ state: "connected", since: 4 });
    for (let i = 0; i < 7; i++) log.noteStreamFailure(`failure ${i}`);
    const counts = log.read();
    expect(counts).toMatchObject({ received: 2, connections: 2, drops: 1, failedAttempts: 1, streamFailures: 7 });
    expect(counts.lastStreamFailures.map((f) => f.message)).toEqual(["failure 2", "failure 3", "failure 4", "failure 5", "failure 6"]);
  });
});
