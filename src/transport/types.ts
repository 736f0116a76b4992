/**
 * The contract between the transport layer and the rest of the app. Nothing here imports solid-js:
 * the SSEManager is plain TypeScript, driven in tests by a fake EventSource and fake timers.
 */

/** The subset of the browser EventSource that the manager uses; tests provide a fake. */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: string }) => void) | null;
  /** A browser EventSource passes an Event that says nothing; FetchEventSource passes a StreamFailure. */
  onerror: ((ev: unknown) => void) | null;
  close(): void;
}

/**
 * What FetchEventSource's `onerror` carries, which a browser EventSource cannot: why the stream
 * failed, in a sentence, and whether trying again can help (an answer that is not an event stream
 * at all will not turn into one by itself).
 */
export interface StreamFailure {
  type: "error";
  message?: string;
  retryable?: boolean;
}

/** How to open the stream: the request headers (Basic auth, when the instance has a password). */
export interface EventSourceInit {
  headers: Record<string, string>;
}

/**
 * Makes the stream for a URL. A factory built on fetch sends `init.headers`; one that makes a
 * real EventSource (which cannot send headers) puts them in the URL with `withQueryAuth`.
 */
export type EventSourceFactory = (url: string, init: EventSourceInit) => EventSourceLike;

/** Why a connection is in the error state; each maps to a sentence in the UI. */
export type ConnectionErrorReason = "unauthorized" | "not-opencode" | "unreachable";

export type ConnectionStatus =
  | { state: "connecting"; attempt: number }
  | { state: "connected"; since: number }
  | { state: "reconnecting"; attempt: number; maxAttempts: number; nextAttemptAt: number; message?: string }
  | { state: "offline"; message: string }
  | { state: "error"; reason: ConnectionErrorReason; message: string };

/** The instance as the transport needs it (a subset of InstanceConfig). */
export interface TransportInstance {
  id: string;
  baseUrl: string;
  username?: string;
  password?: string;
}

/** One event from `/global/event`, unwrapped: `directory` is undefined for server-wide events. */
export interface RoutedEvent {
  instanceId: string;
  directory: string | undefined;
  /** `{ id, type, properties }` as the server sent it; not validated here (the reducer does that). */
  event: { id?: string; type: string; properties?: unknown };
}

/** What `diagnose` found after an EventSource error (which carries no HTTP status of its own). */
export interface ConnectionDiagnosis {
  reason: ConnectionErrorReason;
  message: string;
}

/**
 * The page signals the manager reacts to: window `online` and document `visibilitychange`.
 * Tests pass a fake; in node there is none and those reconnect shortcuts simply never fire.
 */
export interface TransportEnvironment {
  addEventListener(type: "online" | "visibilitychange", listener: () => void): void;
  removeEventListener(type: "online" | "visibilitychange", listener: () => void): void;
  /** Whether the page is visible now (document.visibilityState === "visible"). */
  isVisible(): boolean;
}

/** The timer functions the manager uses, injectable so tests can count and drive them. */
export interface TransportTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}
