/**
 * Reads `GET /global/event` raw with node's streaming fetch: keeps every `data:` line exactly as
 * received (for recorded fixtures) and the parsed events (for waiting on them in tests).
 */
import type { GlobalEvent } from "@opencode-ai/sdk/v2/client";
import type { ServerTarget } from "./rest";

/** One parsed `/global/event` envelope; `payload.type == "sync"` duplicates are kept as they came. */
export type GlobalEnvelope = GlobalEvent & { payload: { type: string; properties?: Record<string, unknown> } };

/** An open `/global/event` stream. */
export interface GlobalEventStream {
  /** The stream as received: `data: …` lines each followed by a blank line. */
  raw(): string;
  events: GlobalEnvelope[];
  /** Resolves with the first event (already seen or future) matching `match`. */
  waitFor(match: (event: GlobalEnvelope) => boolean, timeoutMs?: number, what?: string): Promise<GlobalEnvelope>;
  close(): void;
}

/** Opens `/global/event` and resolves once `server.connected` has arrived. */
export async function openGlobalEvents(target: ServerTarget): Promise<GlobalEventStream> {
  const controller = new AbortController();
  const res = await fetch(`${target.url}/global/event`, { headers: target.headers(), signal: controller.signal });
  if (!res.ok || !res.body) throw new Error(`/global/event → HTTP ${res.status}`);
  let raw = "";
  let pending = "";
  const events: GlobalEnvelope[] = [];
  const waiters = new Set<() => void>();
  const decoder = new TextDecoder();

  const read = async () => {
    const reader = res.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      const text = decoder.decode(value, { stream: true });
      raw += text;
      pending += text;
      let end: number;
      while ((end = pending.indexOf("\n\n")) >= 0) {
        const block = pending.slice(0, end);
        pending = pending.slice(end + 2);
        for (const line of block.split("\n")) {
          if (!line.startsWith("data:")) continue;
          try {
            events.push(JSON.parse(line.slice(5).trim()));
          } catch {
            // A malformed line stays in raw(); it is simply not an event to wait on.
          }
        }
      }
      for (const wake of waiters) wake();
    }
  };
  read().catch(() => undefined);

  const stream: GlobalEventStream = {
    raw: () => raw,
    events,
    waitFor(match, timeoutMs = 30_000, what = "event") {
      return new Promise((ok, fail) => {
        let index = 0;
        const check = () => {
          for (; index < events.length; index++) {
            if (match(events[index])) {
              cleanup();
              ok(events[index]);
              return;
            }
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          fail(new Error(`no ${what} on /global/event within ${timeoutMs} ms`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close: () => controller.abort(),
  };
  await stream.waitFor((e) => e.payload?.type === "server.connected", 10_000, "server.connected");
  return stream;
}

/** Matches a payload of `type` whose `properties.sessionID` is `sessionID`. */
export function sessionEvent(type: string, sessionID: string): (event: GlobalEnvelope) => boolean {
  return (event) => event.payload?.type === type && event.payload.properties?.sessionID === sessionID;
}
