/**
 * What the diagnostics view tells about one server's connection, counted as it happens: events
 * received, connections opened, attempts that failed, streams dropped with a reason. Plain numbers
 * on purpose: nothing renders them as they change (an event stream changes them thousands of times
 * a second); the diagnostics view reads them when it is open.
 */
import type { ConnectionStatus } from "../transport/types";

/** One stream failure with its reason. */
export interface StreamFailureNote {
  at: number;
  message: string;
}

export interface ConnectionCounts {
  /** Events the transport forwarded (heartbeats and `sync` duplicates are not forwarded). */
  received: number;
  /** Times the stream opened. */
  connections: number;
  /** Times an open stream was lost. */
  drops: number;
  /** Connection attempts that failed before opening. */
  failedAttempts: number;
  /** Streams that failed with a reason (HTTP error, not an event stream, an oversized event). */
  streamFailures: number;
  /** The last few of those, newest last. */
  lastStreamFailures: StreamFailureNote[];
}

const KEPT = 5;

export function makeConnectionLog(now: () => number = Date.now) {
  const counts: ConnectionCounts = { received: 0, connections: 0, drops: 0, failedAttempts: 0, streamFailures: 0, lastStreamFailures: [] };
  let previous: ConnectionStatus["state"] | undefined;
  return {
    noteEvent() {
      counts.received++;
    },
    noteStatus(status: ConnectionStatus) {
      const state = status.state;
      if (state === "connected" && previous !== "connected") counts.connections++;
      else if (state !== "connected" && previous === "connected") counts.drops++;
      else if ((state === "reconnecting" || state === "offline" || state === "error") && previous === "connecting") counts.failedAttempts++;
      previous = state;
    },
    noteStreamFailure(message: string) {
      counts.streamFailures++;
      counts.lastStreamFailures.push({ at: now(), message: message.slice(0, 300) });
      if (counts.lastStreamFailures.length > KEPT) counts.lastStreamFailures.shift();
    },
    /** A copy of the counts as they are now. */
    read(): ConnectionCounts {
      return { ...counts, lastStreamFailures: [...counts.lastStreamFailures] };
    },
  };
}
