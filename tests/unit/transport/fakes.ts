/**
 * Test doubles for the transport: a fake EventSource the test drives by hand, a fake page
 * environment, and a `setup` that wires an SSEManager to both and records every callback.
 */
import { SSEManager, type SSEManagerOptions } from "../../../src/transport/sse-manager";
import type { ConnectionStatus, EventSourceInit, EventSourceLike, RoutedEvent, TransportEnvironment } from "../../../src/transport/types";

/** An EventSource whose open/message/error the test fires itself. */
export class FakeEventSource implements EventSourceLike {
  readyState = 0;
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: string }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  closed = false;

  /** The headers the manager asked this source to send. */
  readonly headers: Record<string, string>;

  constructor(
    readonly url: string,
    init?: EventSourceInit,
  ) {
    this.headers = init?.headers ?? {};
  }

  close(): void {
    this.closed = true;
    this.readyState = 2;
  }

  open(): void {
    this.readyState = 1;
    this.onopen?.({ type: "open" });
  }

  /** Sends raw `data` as one message. */
  message(data: string): void {
    this.onmessage?.({ data });
  }

  /** Sends one `/global/event` envelope. */
  send(payload: { type: string; id?: string; properties?: unknown }, directory?: string): void {
    this.message(JSON.stringify(directory === undefined ? { payload } : { directory, project: "global", payload }));
  }

  heartbeat(): void {
    this.send({ id: "evt_hb", type: "server.heartbeat", properties: {} });
  }

  /** Fails the stream; `why` is what a FetchEventSource tells (a browser EventSource tells nothing). */
  error(why?: { message: string; retryable?: boolean }): void {
    // Like a browser that lost the stream: CONNECTING, and it would retry unless closed.
    this.readyState = 0;
    this.onerror?.({ type: "error", ...why });
  }
}

/** A page whose `online` and `visibilitychange` the test fires itself. */
export class FakeEnvironment implements TransportEnvironment {
  visible = true;
  readonly listeners = new Map<string, Set<() => void>>();

  addEventListener(type: string, listener: () => void): void {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(listener);
  }

  removeEventListener(type: string, listener: () => void): void {
    this.listeners.get(type)?.delete(listener);
  }

  isVisible(): boolean {
    return this.visible;
  }

  emit(type: "online" | "visibilitychange"): void {
    for (const listener of [...(this.listeners.get(type) ?? [])]) listener();
  }

  count(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }
}

export const LOCAL = { id: "local", baseUrl: "http://127.0.0.1:4096" };

/** An SSEManager on fakes, with everything it reports collected in arrays. */
export function setup(options: SSEManagerOptions = {}) {
  const sources: FakeEventSource[] = [];
  const statuses: Array<[string, ConnectionStatus]> = [];
  const events: RoutedEvent[] = [];
  const malformed: Array<[string, string]> = [];
  const connected: string[] = [];
  const environment = new FakeEnvironment();
  const manager = new SSEManager({
    eventSourceFactory: (url, init) => {
      const source = new FakeEventSource(url, init);
      sources.push(source);
      return source;
    },
    random: () => 0,
    environment,
    onStatus: (id, status) => statuses.push([id, status]),
    onEvent: (event) => events.push(event),
    onMalformed: (id, raw) => malformed.push([id, raw]),
    onConnected: (id) => connected.push(id),
    ...options,
  });
  const latest = (): FakeEventSource => {
    const source = sources[sources.length - 1];
    if (!source) throw new Error("no EventSource was created");
    return source;
  };
  /** Statuses reported for one instance, in order. */
  const statesOf = (id: string): ConnectionStatus[] => statuses.filter(([sid]) => sid === id).map(([, s]) => s);
  return { manager, sources, statuses, events, malformed, connected, environment, latest, statesOf };
}

/** Lets pending promise callbacks (diagnose answers) run; fake timers do not touch microtasks. */
export async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}
