/**
 * SSEManager: exactly one `/global/event` event stream per OpenCode instance, with a reconnect policy
 * we own instead of the browser's. The stream is read by FetchEventSource (an EventSource built on
 * fetch that never blocks the page in a burst: see fetch-event-source.ts); any EventSourceLike fits.
 * Plain TypeScript (no solid-js): the app feeds `onEvent` into its reducers and `onStatus` into its
 * store.
 */
import { DEFAULT_BASE_DELAY_MS, DEFAULT_JITTER, DEFAULT_MAX_DELAY_MS } from "./backoff";
import { browserEnvironment, globalTimers } from "./environment";
import { FetchEventSource } from "./fetch-event-source";
import { connectionCounts, InstanceConnection, type ConnectionSettings } from "./instance-connection";

export { withQueryAuth } from "./instance-connection";
import type {
  ConnectionDiagnosis,
  ConnectionStatus,
  EventSourceFactory,
  RoutedEvent,
  TransportEnvironment,
  TransportInstance,
  TransportTimers,
} from "./types";

export const DEFAULT_MAX_ATTEMPTS = 8;
export const DEFAULT_STABLE_AFTER_MS = 10_000;
/** The server sends `server.heartbeat` every 10 s; a stream silent for ~3 of them is dead. */
export const DEFAULT_WATCHDOG_MS = 35_000;
/** A stream that has not opened this long is dropped and retried (a starting server may accept and hang). */
export const DEFAULT_OPEN_TIMEOUT_MS = 10_000;

/** Everything is optional; the defaults are the browser's EventSource, timers and page. */
export interface SSEManagerOptions {
  /** Makes the EventSource for a URL. Default: a FetchEventSource sending `init.headers`. */
  eventSourceFactory?: EventSourceFactory;
  /** Connection attempts in a streak before giving up as `offline`. Default 8. */
  maxAttempts?: number;
  /** Wait before the first retry, doubling each time. Default 1000 ms. */
  baseDelayMs?: number;
  /** Cap on any wait. Default 30000 ms. */
  maxDelayMs?: number;
  /** Fraction of a wait that jitter may remove (see reconnectDelay). Default 0.3. */
  jitter?: number;
  /** A connection up this long resets the attempt count. Default 10000 ms. */
  stableAfterMs?: number;
  /** A stream silent this long (no open, no message) is closed and retried. Default 35000 ms. */
  watchdogMs?: number;
  /** A stream that has not opened (no open, no message) this long is closed and retried. Default 10000 ms. */
  openTimeoutMs?: number;
  /** Source of jitter, [0, 1). Default Math.random. */
  random?: () => number;
  /** Clock for `since` / `nextAttemptAt` and the watchdog. Default Date.now. */
  now?: () => number;
  /** Default: the global setTimeout/clearTimeout, looked up at call time. */
  timers?: TransportTimers;
  /** Page signals (online, visibility). Default: window/document when present; `null` for none. */
  environment?: TransportEnvironment | null;
  /** Asked after every failure; `unauthorized` / `not-opencode` stop retrying until retryNow/update. */
  diagnose?: (instance: TransportInstance) => Promise<ConnectionDiagnosis | null>;
  /** Every forwarded event, one call per message (no `sync` duplicates, no heartbeats). */
  onEvent?: (event: RoutedEvent) => void;
  /** Every status change of an instance. */
  onStatus?: (instanceId: string, status: ConnectionStatus) => void;
  /** Data that is not a `/global/event` envelope; never thrown. */
  onMalformed?: (instanceId: string, raw: string) => void;
  /** Every successful open or reopen: nothing is replayed, so reload state over REST now. */
  onConnected?: (instanceId: string) => void;
  /**
   * A stream failed for a reason that can be told (an answer that is not an event stream, an HTTP
   * error, an event past the size limit): for counting. The status carries the same sentence.
   */
  onStreamFailure?: (instanceId: string, message: string) => void;
}

/**
 * Keeps one EventSource on `${baseUrl}/global/event` per added instance, with an `Authorization`
 * header when it has a password (`withQueryAuth` for a factory that makes a real EventSource). The rules:
 * - Status never lies: `connecting {attempt}` → `connected {since}` only after `onopen` or the first
 *   message. On `onerror` (or watchdog silence) the manager closes the EventSource itself, so the
 *   browser never retries on its own, and goes `reconnecting {attempt, maxAttempts, nextAttemptAt}`
 *   after a wait of reconnectDelay(attempts failed so far): 1 s, 2 s, 4 s … capped at 30 s.
 * - Attempts are numbered from 1 per streak; after attempt `maxAttempts` fails the instance is
 *   `offline` until retryNow/update, or the page comes online/visible again. A connection that stays
 *   up `stableAfterMs` ends the streak, so its next drop starts again at attempt 1.
 * - After each failure `diagnose` (the app's REST probe) may put the instance in `error` state.
 * - Window `online` and the page turning visible retry waiting/offline instances at once.
 * - Messages: `sync` duplicates and `server.heartbeat` are dropped (heartbeats only feed the
 *   watchdog); everything else goes to `onEvent` with its directory; bad data goes to `onMalformed`.
 * Page listeners exist only while at least one instance is added.
 */
export class SSEManager {
  private readonly connections = new Map<string, InstanceConnection>();
  private readonly settings: ConnectionSettings;
  private readonly environment: TransportEnvironment | undefined;
  private listening = false;

  constructor(options: SSEManagerOptions = {}) {
    this.settings = {
      eventSourceFactory: options.eventSourceFactory ?? ((url, init) => new FetchEventSource(url, { headers: init.headers })),
      maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      backoff: {
        baseMs: options.baseDelayMs ?? DEFAULT_BASE_DELAY_MS,
        maxMs: options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS,
        jitter: options.jitter ?? DEFAULT_JITTER,
      },
      stableAfterMs: options.stableAfterMs ?? DEFAULT_STABLE_AFTER_MS,
      watchdogMs: options.watchdogMs ?? DEFAULT_WATCHDOG_MS,
      openTimeoutMs: Math.min(options.openTimeoutMs ?? DEFAULT_OPEN_TIMEOUT_MS, options.watchdogMs ?? DEFAULT_WATCHDOG_MS),
      random: options.random ?? Math.random,
      now: options.now ?? (() => Date.now()),
      timers: options.timers ?? globalTimers,
      diagnose: options.diagnose,
      onEvent: options.onEvent,
      onStatus: options.onStatus,
      onMalformed: options.onMalformed,
      onConnected: options.onConnected,
      onStreamFailure: options.onStreamFailure,
    };
    this.environment = options.environment === undefined ? browserEnvironment() : (options.environment ?? undefined);
  }

  /** Starts watching an instance (connecting at once). Adding an id that is already there acts as update. */
  add(instance: TransportInstance): void {
    const existing = this.connections.get(instance.id);
    if (existing) return existing.update({ ...instance });
    const connection = new InstanceConnection({ ...instance }, this.settings);
    this.connections.set(instance.id, connection);
    this.listen();
    connection.restart();
  }

  /**
   * New details for an added instance. A changed URL, user name or password reconnects from attempt 1,
   * as does any update while `error` or `offline`; other changes keep the current stream. Unknown ids are ignored.
   */
  update(instance: TransportInstance): void {
    this.connections.get(instance.id)?.update({ ...instance });
  }

  /** Stops watching an instance: closes its EventSource and clears its timers. No status is reported after this. */
  remove(id: string): void {
    const connection = this.connections.get(id);
    if (!connection) return;
    this.connections.delete(id);
    connection.dispose();
    if (this.connections.size === 0) this.unlisten();
  }

  /** Drops any wait, error or offline state and connects now, from attempt 1. Unknown ids are ignored. */
  retryNow(id: string): void {
    this.connections.get(id)?.restart();
  }

  /** The current status of an instance, or undefined if it is not added. */
  status(id: string): ConnectionStatus | undefined {
    return this.connections.get(id)?.status;
  }

  /** Ids of the instances being watched, in the order they were added. */
  ids(): string[] {
    return [...this.connections.keys()];
  }

  /** Removes every instance. The manager can be used again afterwards. */
  dispose(): void {
    for (const id of [...this.connections.keys()]) this.remove(id);
  }

  private readonly onOnline = (): void => {
    for (const connection of [...this.connections.values()]) connection.wake();
  };

  private readonly onVisibilityChange = (): void => {
    if (!this.environment?.isVisible()) return;
    for (const connection of [...this.connections.values()]) connection.wake();
  };

  private listen(): void {
    if (this.listening || !this.environment) return;
    this.environment.addEventListener("online", this.onOnline);
    this.environment.addEventListener("visibilitychange", this.onVisibilityChange);
    this.listening = true;
  }

  private unlisten(): void {
    if (!this.listening || !this.environment) return;
    this.environment.removeEventListener("online", this.onOnline);
    this.environment.removeEventListener("visibilitychange", this.onVisibilityChange);
    this.listening = false;
  }
}

/**
 * Open EventSources, pending timers and page listeners a manager holds right now (all 0 after
 * dispose()), for leak tests. Not a method: nothing in the app calls it, so the bundle leaves it out.
 */
export function managerCounts(manager: SSEManager): { sources: number; timers: number; listeners: number } {
  let sources = 0;
  let timers = 0;
  for (const connection of manager["connections"].values()) {
    const counts = connectionCounts(connection);
    sources += counts.sources;
    timers += counts.timers;
  }
  return { sources, timers, listeners: manager["listening"] ? 2 : 0 };
}
