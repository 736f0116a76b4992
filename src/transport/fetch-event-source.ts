/**
 * The EventSource the app uses: the same `text/event-stream` request, read with fetch and parsed
 * here (sse-parser.ts), so that a burst never blocks the page.
 *
 * Why not the browser's own: Chromium's EventSource dispatches everything that reached the page in
 * one task, and in a burst that is a lot. Measured with the 20,000-delta capture (npm run bench):
 * each task dispatched ~3,000 events and ran 65–70 ms, of which two thirds were the browser's own
 * parsing and event objects, so no handler, however cheap, could bring it under the 50 ms a task may
 * take before the page janks. Here a chunk is parsed in pieces and its events are handed on in
 * slices of `sliceMs`, yielding to the page (rendering, input) between slices.
 *
 * It behaves as an EventSource that never reconnects by itself, which is what the SSEManager wants:
 * `onopen` once a 200 `text/event-stream` answer arrives; `onmessage` for every event of type
 * "message"; `onerror` (then CLOSED) when the request fails, the answer is not an event stream, the
 * stream sends an event past the parser's limit (sse-parser.ts), or it ends or breaks. Unlike a
 * browser's, its `onerror` says why (a StreamFailure). After `close()` nothing more is called.
 * It also sends headers (`Authorization`), which a browser EventSource cannot.
 */
import type { EventSourceLike, StreamFailure } from "./types";
import { makeSseParser, SseLimitError } from "./sse-parser";

export const CONNECTING = 0;
export const OPEN = 1;
export const CLOSED = 2;

/** Hand the rest of a long chunk's events on in slices of at most about this long. */
export const DEFAULT_SLICE_MS = 8;

/**
 * A chunk is decoded and parsed in pieces of this many bytes, with delivery (and maybe a yield) in
 * between, so decoding is sliced too: a 2 MB chunk took 5-10 ms to decode at once, before the first
 * slice had even begun.
 */
const PIECE_BYTES = 32_768;

/**
 * Where the body is a byte stream (fetch in Chromium and Firefox), it is read into one buffer of this
 * size, used again for every read. The default reader hands over each chunk in a fresh buffer as big
 * as what had arrived: up to 2 MB in a burst, and a fresh buffer costs its page faults (5-7 ms for
 * 2 MB on a 2-core machine), inside the task that reads it.
 */
export const READ_BYTES = 65_536;

export interface FetchEventSourceOptions {
  /** Default: the global fetch, looked up at call time. */
  fetch?: typeof fetch;
  /** Sent with the request besides `Accept: text/event-stream` (the app sends Basic auth here). */
  headers?: Record<string, string>;
  /** The longest line or event, in characters (default sse-parser's MAX_EVENT_LENGTH, 16 MB). */
  maxEventLength?: number;
  /** Longest run of `onmessage` calls before yielding to the page. Default 8 ms. */
  sliceMs?: number;
  /** Lets the page run (render, handle input) and then resolves. Default: a new task. */
  yieldToPage?: () => Promise<void>;
  /** Clock for the slices. Default performance.now. */
  now?: () => number;
}

/** A fresh task, without setTimeout's 4 ms clamp for nested timers where `scheduler` exists. */
function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { postTask?: (task: () => void) => Promise<void> } }).scheduler;
  if (scheduler?.postTask) return scheduler.postTask(() => undefined);
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function report(error: unknown): void {
  if (typeof reportError === "function") reportError(error);
  else
    setTimeout(() => {
      throw error;
    });
}

export class FetchEventSource implements EventSourceLike {
  readyState = CONNECTING;
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: string }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;

  private readonly abort = new AbortController();
  private readonly sliceMs: number;
  private readonly yieldToPage: () => Promise<void>;
  private readonly now: () => number;
  private readonly headers: Record<string, string>;
  private readonly maxEventLength: number | undefined;
  /** When the current slice of work runs out (see deliver). */
  private sliceEnd = Number.NEGATIVE_INFINITY;

  constructor(
    readonly url: string,
    options: FetchEventSourceOptions = {},
  ) {
    this.sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
    this.yieldToPage = options.yieldToPage ?? nextTask;
    this.now = options.now ?? (() => performance.now());
    this.headers = options.headers ?? {};
    this.maxEventLength = options.maxEventLength;
    const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
    void this.run(doFetch).catch((error: unknown) => {
      // A stream past the parser's limit is broken or hostile: dropped, and the manager reconnects.
      if (error instanceof SseLimitError)
        this.fail({ message: `${error.message} The stream was dropped and is opened again.`, retryable: true });
      else this.fail();
    });
  }

  close(): void {
    if (this.readyState === CLOSED) return;
    this.readyState = CLOSED;
    this.abort.abort();
  }

  private get closed(): boolean {
    return this.readyState === CLOSED;
  }

  private async run(doFetch: typeof fetch): Promise<void> {
    const response = await doFetch(this.url, {
      headers: { ...this.headers, Accept: "text/event-stream" },
      cache: "no-store",
      signal: this.abort.signal,
    });
    if (this.closed) return;
    const type = response.headers.get("content-type") ?? "";
    const where = originOf(this.url);
    if (response.status !== 200) {
      void response.body?.cancel().catch(() => undefined);
      return this.fail({ message: `${where} answered the event stream with HTTP ${response.status}.`, retryable: true });
    }
    if (!/^text\/event-stream\b/i.test(type) || !response.body) {
      void response.body?.cancel().catch(() => undefined);
      const what = type ? `${type.split(";")[0].trim()}${/html/i.test(type) ? " (a web page)" : ""}` : "no content type";
      return this.fail({
        message: `${where} answered /global/event with ${what} instead of an event stream: is this an OpenCode server, or is something in between (a proxy, a login page) answering for it?`,
        retryable: false,
      });
    }
    this.readyState = OPEN;
    this.onopen?.({ type: "open" });
    const read = chunkReader(response.body);
    const decoder = new TextDecoder();
    const messages: string[] = [];
    const parser = makeSseParser(
      (event) => {
        if (event.type === "message") messages.push(event.data);
      },
      { maxLength: this.maxEventLength },
    );
    for (;;) {
      const { done, value } = await read.next();
      if (this.closed) return void read.cancel();
      if (done) break;
      // A chunk this big is a backlog that arrived at once (a burst, or a page that was busy). Unless
      // it was read inside one of our own slices, the task it resolved in is the browser's, which
      // spent it receiving the bytes (40-60 ms for the first megabytes a fresh page receives): the
      // work on it starts in a task of its own.
      if (value.length >= PIECE_BYTES && this.now() >= this.sliceEnd && !(await this.nextSlice())) return void read.cancel();
      // A chunk can hold two megabytes (6,000 events) when the page fell behind: it is decoded and
      // parsed in pieces, each piece's events delivered before the next is decoded, so that work is
      // sliced too. The decoder keeps a character cut between two pieces for the next.
      for (let start = 0; start < value.length; start += PIECE_BYTES) {
        parser.push(decoder.decode(value.subarray(start, start + PIECE_BYTES), { stream: true }));
        await this.deliver(messages);
        messages.length = 0;
        if (this.closed) return void read.cancel();
      }
    }
    this.fail();
  }

  /**
   * Calls onmessage for each of `messages`, yielding to the page whenever the slice has run out.
   * The slice carries over from one call to the next: queued chunks are read in microtasks of the
   * same task, so a fresh budget per call would let a backlog run as one long task. A slice that
   * ended well before now belongs to an earlier task (the page ran in between), so a new one starts.
   */
  private async deliver(messages: readonly string[]): Promise<void> {
    if (messages.length === 0) return;
    const now = this.now();
    if (now > this.sliceEnd + this.sliceMs) this.sliceEnd = now + this.sliceMs;
    for (let i = 0; i < messages.length; i++) {
      if (this.now() >= this.sliceEnd && !(await this.nextSlice())) return;
      try {
        this.onmessage?.({ data: messages[i] });
      } catch (error) {
        // As with a browser EventSource, a throwing handler is reported and the stream goes on.
        report(error);
      }
    }
  }

  /** Lets the page run, then starts a new slice; false when the source was closed meanwhile. */
  private async nextSlice(): Promise<boolean> {
    await this.yieldToPage();
    if (this.closed) return false;
    this.sliceEnd = this.now() + this.sliceMs;
    return true;
  }

  /** The stream failed or ended: CLOSED, then one `onerror`, unless it was closed on purpose. */
  private fail(why: Omit<StreamFailure, "type"> = {}): void {
    if (this.closed) return;
    this.readyState = CLOSED;
    this.abort.abort();
    const failure: StreamFailure = { type: "error", ...why };
    this.onerror?.(failure);
  }
}

/**
 * Reads a body chunk by chunk: into one reused buffer of READ_BYTES where the body is a byte stream,
 * else with the default reader. A chunk is valid until the next `next()`.
 */
function chunkReader(body: ReadableStream<Uint8Array>): { next(): Promise<ReadableStreamReadResult<Uint8Array>>; cancel(): void } {
  let byob: ReadableStreamBYOBReader | undefined;
  try {
    byob = body.getReader({ mode: "byob" });
  } catch {
    // Not a byte stream (a Response built from a plain ReadableStream, an older browser).
  }
  if (byob) {
    const reader = byob;
    let buffer = new ArrayBuffer(READ_BYTES);
    return {
      async next() {
        const result = await reader.read(new Uint8Array(buffer));
        // The buffer was handed to the stream and comes back, detached from its old view, as this one's.
        if (result.value) buffer = result.value.buffer as ArrayBuffer;
        return result as ReadableStreamReadResult<Uint8Array>;
      },
      cancel: () => void reader.cancel().catch(() => undefined),
    };
  }
  const reader = body.getReader();
  return {
    next: () => reader.read(),
    cancel: () => void reader.cancel().catch(() => undefined),
  };
}

/** `http://host:port` of a URL, for sentences; the URL itself when it cannot be read. */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
