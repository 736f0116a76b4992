/**
 * Unwrapping one `/global/event` message. This runs for every message (up to ~130,000 a second in a
 * burst), so it does one JSON.parse and allocates nothing but the RoutedEvent it returns.
 */
import type { RoutedEvent } from "./types";

/** Returned for messages that are fine but not forwarded: `sync` duplicates and heartbeats. */
export const SKIPPED = 0;
/** Returned for data that is not a `/global/event` envelope (not JSON, no payload, no string type). */
export const MALFORMED = 1;

/**
 * Turns the `data` of one `/global/event` message into a {@link RoutedEvent}, or says why not.
 * The envelope is `{"directory"?, "project"?, "payload": {"id","type","properties"}}`.
 * `payload.type === "sync"` messages are skipped: they duplicate durable events the stream already
 * carried (`session.created.1` beside `session.created`). `server.heartbeat` is skipped too: it only
 * proves the stream is alive, which the caller notes for any message before calling this.
 * `server.connected` has no directory and is forwarded with `directory: undefined`; `global.disposed`
 * and `project.updated` are forwarded with the server's literal `directory: "global"`.
 */
export function routeGlobalMessage(instanceId: string, data: string): RoutedEvent | typeof SKIPPED | typeof MALFORMED {
  let envelope: unknown;
  try {
    envelope = JSON.parse(data);
  } catch {
    return MALFORMED;
  }
  if (typeof envelope !== "object" || envelope === null) return MALFORMED;
  const payload = (envelope as { payload?: unknown }).payload;
  if (typeof payload !== "object" || payload === null) return MALFORMED;
  const type = (payload as { type?: unknown }).type;
  if (typeof type !== "string") return MALFORMED;
  if (type === "sync" || type === "server.heartbeat") return SKIPPED;
  const directory = (envelope as { directory?: unknown }).directory;
  return {
    instanceId,
    directory: typeof directory === "string" ? directory : undefined,
    event: payload as RoutedEvent["event"],
  };
}
