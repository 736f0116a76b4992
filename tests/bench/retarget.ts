/**
 * Real captured `/global/event` traffic, moved into the session the page has open. A capture is a
 * reply in its own session; replaying it as-is would stream into a session nobody looks at, and
 * replaying it twice would reuse message and part ids the store already holds (ended parts ignore
 * deltas). So every replay gets the open session's id and its own message and part ids, and the
 * payloads are otherwise byte-for-byte what the server sent.
 */
import { readFixtureText } from "../fixtures/load";

/** A capture's envelopes as raw JSON lines, without the `server.connected` the fake server sends itself. */
export function readCaptureLines(path: string): string[] {
  return readFixtureText(path)
    .split("\n")
    .filter((line) => line.startsWith("data: "))
    .map((line) => line.slice(6))
    .filter((line) => !line.includes('"type":"server.connected"'));
}

/** The session the capture streams into (the one its `session.created` announces). */
export function capturedSession(lines: readonly string[]): string {
  for (const line of lines) {
    const payload = (JSON.parse(line) as { payload: { type: string; properties?: { sessionID?: string } } }).payload;
    if (payload.type === "session.created" && payload.properties?.sessionID) return payload.properties.sessionID;
  }
  throw new Error("capture has no session.created");
}

/**
 * Rewrites `lines` for session `sessionID`, replay number `generation` (1–7). Captured ids start
 * `msg_1…`/`prt_1…`; generation g makes them `msg_{g+1}…`, which sort after the captured ones and
 * after every earlier generation, as a newer reply's ids would.
 */
export function retarget(lines: readonly string[], sessionID: string, generation: number): string[] {
  if (generation < 1 || generation > 7) throw new Error("retarget: generation must be 1..7");
  const from = capturedSession(lines);
  const prefix = String(generation + 1);
  return lines.map((line) => line.split(from).join(sessionID).replace(/\b(msg|prt)_1/g, `$1_${prefix}`));
}

/** How many `message.part.delta` events the lines hold. */
export function countDeltas(lines: readonly string[]): number {
  return lines.filter((line) => line.includes('"type":"message.part.delta"')).length;
}
