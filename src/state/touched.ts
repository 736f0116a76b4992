/**
 * Which pieces of state an event changed, so a REST snapshot fetched after a (re)connect does not
 * overwrite them. The argument: the stream is complete from `server.connected` on, so for anything
 * an event changed since then the local value is at least as new as a snapshot taken at any later
 * moment; for everything else the snapshot is newer. Keys are raw ids (`ses_…`, `msg_…`, `prt_…`) for
 * sessions, messages and parts, and `kind:sessionID` for per-session lists and statuses.
 *
 * What each event touches is declared beside how it is applied, in event-rules.ts, so the two
 * cannot drift apart.
 */
import { isRecord } from "./guards";
import { DELTA_RULE, EVENT_RULES, type StreamEvent } from "./event-rules";

export { sessionKey } from "./event-rules";

/** Adds the key of what `event` changes to `touched`. Never throws; ignores what it cannot read. */
export function recordTouched(touched: Set<string>, event: StreamEvent): void {
  if (!isRecord(event) || typeof event.type !== "string" || !isRecord(event.properties)) return;
  const rule = event.type === "message.part.delta" ? DELTA_RULE : EVENT_RULES.get(event.type);
  const key = rule?.touches?.(event.properties);
  if (key !== undefined) touched.add(key);
}
