/**
 * The connection state machine for ONE OpenCode instance: its single EventSource, its two timers
 * (retry wait, watchdog) and its status. The SSEManager owns one of these per instance and adds
 * the page-wide signals. Internal to src/transport: the app talks to SSEManager.
 */
import { authHeaders, basicAuthToken } from "../lib/basic-auth";
import { count } from "../lib/count";
import { reconnectDelay, type BackoffOptions } from "./backoff";
import { MALFORMED, SKIPPED, routeGlobalMessage } from "./global-event";
import type {
  ConnectionDiagnosis,
  ConnectionStatus,
  EventSourceFactory,
  EventSourceInit,
  EventSourceLike,
  RoutedEvent,
  StreamFailure,
  TransportInstance,
  TransportTimers,
} from "./types";

/** The SSEManager's options with every default filled in. */
export interface ConnectionSettings {
  eventSourceFactory: EventSourceFactory;
  maxAttempts: number;
  backoff: BackoffOptions;
  stableAfterMs: number;
  watchdogMs: number;
  openTimeoutMs: number;
  random: () => number;
  now: () => number;
  timers: TransportTimers;
  diagnose?: (instance: TransportInstance) => Promise<ConnectionDiagnosis | null>;
  onEvent?: (event: RoutedEvent) => void;
  onStatus?: (instanceId: string, status: ConnectionStatus) => void;
  onMalformed?: (instanceId: string, raw: string) => void;
  onConnected?: (instanceId: string) => void;
  onStreamFailure?: (instanceId: string, message: string) => void;
}

/** The `/global/event` URL of an instance. The password is not in it: see streamInit. */
export function globalEventUrl(instance: Pick<TransportInstance, "baseUrl">): string {
  return `${instance.baseUrl}/global/event`;
}

/**
 * The stream is read with fetch, which can send headers: the password goes in an `Authorization`
 * header, as on every REST call (a URL with a token ends up in logs and history). The server already
 * allows that header in its CORS preflight, since every REST call sends it.
 */
export function streamInit(instance: Pick<TransportInstance, "username" | "password">): EventSourceInit {
  return { headers: authHeaders(instance) };
}

/**
 * For a factory that makes a real EventSource, which cannot send headers: the URL with the token in
 * the `auth_token` query parameter instead, base64("user:password") URL-encoded, which the server
 * accepts on its SSE routes (SERVER.md, Basic auth). Only there; anything built on fetch sends the header.
 */
export function withQueryAuth(url: string, init: EventSourceInit): string {
  const header = init.headers.Authorization ?? init.headers.authorization;
  const token = header?.startsWith("Basic ") ? header.slice(6) : undefined;
  return token ? `${url}${url.includes("?") ? "&" : "?"}auth_token=${encodeURIComponent(token)}` : url;
}

/** What makes two connections to an instance the same: address and credentials. */
function connectionKey(instance: TransportInstance): string {
  return JSON.stringify([instance.baseUrl, basicAuthToken(instance) ?? ""]);
}

/** One instance's EventSource plus the reconnect policy around it. See SSEManager for the rules. */
export class InstanceConnection {
  private source: EventSourceLike | null = null;
  private open = false;
  /** Number of the current (or last) connection attempt in this streak; 0 once a connection proved stable. */
  private attempt = 0;
  private lastHeardAt = 0;
  private openedAt = 0;
  /** Bumped for every new EventSource, so handlers of a replaced source do nothing. */
  private generation = 0;
  /** Bumped when an answer from `diagnose` would be stale: a user restart, a successful open, disposal. */
  private epoch = 0;
  private diagnosingEpoch: number | undefined;
  /** The last "unreachable" sentence from diagnose, shown while reconnecting and when giving up. */
  private problem: string | undefined;
  private retryTimer: unknown;
  private watchdogTimer: unknown;
  private disposed = false;
  private current: ConnectionStatus = { state: "connecting", attempt: 1 };

  constructor(
    public instance: TransportInstance,
    private readonly settings: ConnectionSettings,
  ) {}

  get status(): ConnectionStatus {
    return this.current;
  }

  /** Opens the first connection, or starts over from attempt 1 (retryNow, update, online, visible). */
  restart(): void {
    this.epoch++;
    this.attempt = 0;
    this.problem = undefined;
    this.connect();
  }

  /** Takes new connection details; reconnects only when they change the URL or the instance has given up. */
  update(instance: TransportInstance): void {
    const changed = connectionKey(instance) !== connectionKey(this.instance);
    this.instance = instance;
    if (changed || this.current.state === "error" || this.current.state === "offline") this.restart();
  }

  /**
   * The page came back (network online, or tab visible again). A waiting or given-up connection
   * tries again at once; a "connected" one that has been silent past the watchdog (the laptop slept
   * and timers were frozen) is treated as dead now instead of whenever the watchdog wakes up.
   */
  wake(): void {
    const state = this.current.state;
    if (state === "reconnecting" || state === "offline") this.restart();
    else if (state === "connected" && this.settings.now() - this.lastHeardAt >= this.settings.watchdogMs) {
      this.fail();
    }
  }

  /** Closes the EventSource and clears every timer; later callbacks from anything in flight are ignored. */
  dispose(): void {
    this.disposed = true;
    this.epoch++;
    this.generation++;
    this.closeSource();
    this.clearTimers();
  }

  private connect(): void {
    this.closeSource();
    this.clearTimers();
    this.attempt++;
    const generation = ++this.generation;
    this.setStatus({ state: "connecting", attempt: this.attempt });
    // A status callback may have restarted or removed this instance; then this attempt is stale.
    if (generation !== this.generation || this.disposed) return;
    let source: EventSourceLike;
    try {
      source = this.settings.eventSourceFactory(globalEventUrl(this.instance), streamInit(this.instance));
    } catch (error) {
      // A factory can throw (no EventSource in this runtime, a URL the browser rejects): a failed attempt.
      this.problem = error instanceof Error ? error.message : String(error);
      this.fail();
      return;
    }
    this.source = source;
    this.lastHeardAt = this.settings.now();
    source.onopen = () => {
      if (generation !== this.generation) return;
      this.lastHeardAt = this.settings.now();
      if (!this.open) this.markOpen();
    };
    source.onmessage = (message) => {
      if (generation !== this.generation) return;
      this.lastHeardAt = this.settings.now();
      if (!this.open) this.markOpen();
      this.deliver(message.data);
    };
    source.onerror = (event) => {
      if (generation !== this.generation) return;
      const failure = event as Partial<StreamFailure> | null | undefined;
      const message = typeof failure?.message === "string" ? failure.message : undefined;
      if (message) {
        this.problem = message;
        this.settings.onStreamFailure?.(this.instance.id, message);
      }
      if (message && failure?.retryable === false) this.giveUp(message);
      else this.fail();
    };
    // Armed from creation, not from open: it also catches a server that accepts and never answers
    // (SERVER.md saw a starting server do that), with the shorter open timeout until the stream opens.
    this.armWatchdog(this.settings.openTimeoutMs);
  }

  private deliver(data: string): void {
    const id = this.instance.id;
    const routed = routeGlobalMessage(id, data);
    if (routed === SKIPPED) return;
    if (routed === MALFORMED) this.settings.onMalformed?.(id, data);
    else this.settings.onEvent?.(routed);
  }

  private markOpen(): void {
    this.open = true;
    this.epoch++;
    this.problem = undefined;
    this.openedAt = this.settings.now();
    this.setStatus({ state: "connected", since: this.openedAt });
    // The server replays nothing after a reconnect, so the app reloads over REST on every open.
    this.settings.onConnected?.(this.instance.id);
  }

  /** An attempt failed or a stream died: close it ourselves (no browser retry) and back off, or give up. */
  private fail(): void {
    if (this.disposed) return;
    // Stability is judged by the clock when the stream ends rather than by a timer, so it also holds
    // after the machine slept with timers frozen, and costs no timer per connection.
    if (this.open && this.settings.now() - this.openedAt >= this.settings.stableAfterMs) this.attempt = 0;
    this.generation++;
    this.closeSource();
    this.clearTimers();
    const { maxAttempts, now, timers } = this.settings;
    if (this.attempt >= maxAttempts) {
      this.setStatus({ state: "offline", message: this.offlineMessage() });
    } else {
      const delay = reconnectDelay(Math.max(1, this.attempt), this.settings.backoff, this.settings.random);
      const status: ConnectionStatus = {
        state: "reconnecting",
        attempt: this.attempt + 1,
        maxAttempts,
        nextAttemptAt: now() + delay,
      };
      if (this.problem) status.message = this.problem;
      this.retryTimer = timers.setTimeout(() => {
        this.retryTimer = undefined;
        this.connect();
      }, delay);
      this.setStatus(status);
    }
    this.diagnose();
  }

  /**
   * A failure retrying cannot fix (the address answers with something that is not an event stream):
   * the error state, with the reason, until the user retries or changes the address.
   */
  private giveUp(message: string): void {
    this.generation++;
    this.closeSource();
    this.clearTimers();
    this.setStatus({ state: "error", reason: "not-opencode", message });
  }

  // The probe's sentence already names the address and what to check: said once, after the count.
  private offlineMessage(): string {
    const tries = count(this.settings.maxAttempts, "attempt");
    if (this.problem) return `Gave up after ${tries}. ${this.problem}`;
    return `Gave up reaching ${this.instance.baseUrl} after ${tries}. Check that \`opencode serve\` is running there, then retry.`;
  }

  /**
   * An EventSource error carries no status code, so ask the app's REST probe what went wrong. A
   * wrong password or a server that is not OpenCode will not fix itself: stop retrying and say so.
   * Anything else keeps the backoff going, with the probe's sentence shown beside it.
   */
  private diagnose(): void {
    const diagnose = this.settings.diagnose;
    const epoch = this.epoch;
    if (!diagnose || this.disposed || this.diagnosingEpoch === epoch) return;
    this.diagnosingEpoch = epoch;
    const instance = this.instance;
    Promise.resolve()
      .then(() => diagnose(instance))
      .catch(() => null)
      .then((found) => {
        if (this.diagnosingEpoch === epoch) this.diagnosingEpoch = undefined;
        if (this.disposed || epoch !== this.epoch || !found) return;
        if (found.reason === "unauthorized" || found.reason === "not-opencode") {
          this.generation++;
          this.closeSource();
          this.clearTimers();
          this.setStatus({ state: "error", reason: found.reason, message: found.message });
          return;
        }
        this.problem = found.message;
        if (this.current.state === "reconnecting") this.setStatus({ ...this.current, message: found.message });
      });
  }

  private armWatchdog(ms: number): void {
    this.watchdogTimer = this.settings.timers.setTimeout(() => {
      this.watchdogTimer = undefined;
      // One timer per stream, re-armed for the remainder, instead of resetting a timer per message.
      const silent = this.settings.now() - this.lastHeardAt;
      const limit = this.open ? this.settings.watchdogMs : this.settings.openTimeoutMs;
      if (silent >= limit) {
        this.problem = this.open
          ? `No data from ${this.instance.baseUrl} for ${Math.round(silent / 1000)} s.`
          : `${this.instance.baseUrl} accepted the connection but did not answer within ${Math.round(silent / 1000)} s.`;
        this.fail();
      } else this.armWatchdog(limit - silent);
    }, ms);
  }

  private closeSource(): void {
    const source = this.source;
    this.open = false;
    if (!source) return;
    this.source = null;
    source.onopen = null;
    source.onmessage = null;
    source.onerror = null;
    source.close();
  }

  private clearTimers(): void {
    const { clearTimeout } = this.settings.timers;
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    if (this.watchdogTimer !== undefined) clearTimeout(this.watchdogTimer);
    this.retryTimer = this.watchdogTimer = undefined;
  }

  private setStatus(status: ConnectionStatus): void {
    this.current = status;
    if (!this.disposed) this.settings.onStatus?.(this.instance.id, status);
  }
}

/**
 * How many EventSources (0 or 1) and timers a connection holds, for leak tests. A function beside the
 * class rather than a method, so that the app, which never calls it, does not ship it.
 */
export function connectionCounts(connection: InstanceConnection): { sources: number; timers: number } {
  const timers = (connection["retryTimer"] === undefined ? 0 : 1) + (connection["watchdogTimer"] === undefined ? 0 : 1);
  return { sources: connection["source"] ? 1 : 0, timers };
}
