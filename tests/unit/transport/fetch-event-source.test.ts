/**
 * FetchEventSource: an EventSource read with fetch. Driven by a fetch whose answer body is a stream
 * the test writes into, chunk by chunk, as a server's socket would deliver it.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { CLOSED, CONNECTING, FetchEventSource, OPEN, READ_BYTES } from "../../../src/transport/fetch-event-source";

const URL = "http://127.0.0.1:4096/global/event";
const encoder = new TextEncoder();

/** A fetch answering with a body stream the test controls; `requests` records what was asked. */
function streamingFetch(init: ResponseInit = { status: 200, headers: { "content-type": "text/event-stream" } }) {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    start: (c) => void (controller = c),
    cancel: () => void (cancelled = true),
  });
  const requests: Array<{ url: string; init?: RequestInit }> = [];
  const fetchImpl = (async (url: string, requestInit?: RequestInit) => {
    requests.push({ url, init: requestInit });
    return new Response(body, init);
  }) as unknown as typeof fetch;
  return {
    fetchImpl,
    requests,
    write: (text: string | Uint8Array) => controller.enqueue(typeof text === "string" ? encoder.encode(text) : text),
    end: () => controller.close(),
    break: () => controller.error(new TypeError("network error")),
    cancelled: () => cancelled,
  };
}

/** Records every callback of a source in order. */
function watch(source: FetchEventSource) {
  const seen: string[] = [];
  source.onopen = () => seen.push("open");
  source.onmessage = (event) => seen.push(`message ${event.data}`);
  source.onerror = () => seen.push("error");
  return seen;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * A clock that never moves, for tests that are not about slicing: on a busy machine the real one
 * can run out a slice, and the source then hands the rest on in a later task than `settle` waits for.
 */
const still = { now: () => 0 };

afterEach(() => vi.unstubAllGlobals());

describe("FetchEventSource", () => {
  it("asks for an event stream, opens on a 200 text/event-stream answer and delivers each message", async () => {
    const server = streamingFetch();
    const source = new FetchEventSource(URL, { fetch: server.fetchImpl, ...still });
    const seen = watch(source);
    expect(source.readyState).toBe(CONNECTING);
    await settle();
    expect(seen).toEqual(["open"]);
    expect(source.readyState).toBe(OPEN);
    expect(server.requests[0].url).toBe(URL);
    expect(new Headers(server.requests[0].init?.headers).get("accept")).toBe("text/event-stream");
    expect(server.requests[0].init?.cache).toBe("no-store");
    server.write('data: {"n":1}\n\ndata: {"n"');
    await settle();
    expect(seen).toEqual(["open", 'message {"n":1}']);
    server.write(":2}\n\nevent: other\ndata: not a message\n\n");
    await settle();
    expect(seen).toEqual(["open", 'message {"n":1}', 'message {"n":2}']);
    source.close();
  });

  it("decodes a UTF-8 character cut between two chunks", async () => {
    const server = streamingFetch();
    const source = new FetchEventSource(URL, { fetch: server.fetchImpl, ...still });
    const seen = watch(source);
    const bytes = encoder.encode("data: héllo ✓\n\n");
    const cut = bytes.indexOf(0xc3) + 1; // inside the two bytes of "é"
    server.write(bytes.slice(0, cut));
    await settle();
    server.write(bytes.slice(cut));
    await settle();
    expect(seen).toEqual(["open", "message héllo ✓"]);
    source.close();
  });

  it.each([
    [
      "a 401",
      { status: 401, headers: { "content-type": "application/json" } },
      "http://127.0.0.1:4096 answered the event stream with HTTP 401.",
      true,
    ],
    [
      "a web page",
      { status: 200, headers: { "content-type": "text/html; charset=utf-8" } },
      "http://127.0.0.1:4096 answered /global/event with text/html (a web page) instead of an event stream: is this an OpenCode server, or is something in between (a proxy, a login page) answering for it?",
      false,
    ],
    [
      "a 503",
      { status: 503, headers: { "content-type": "text/event-stream" } },
      "http://127.0.0.1:4096 answered the event stream with HTTP 503.",
      true,
    ],
  ])("fails once, without opening, on %s, and says why", async (_, init, message, retryable) => {
    const server = streamingFetch(init);
    const source = new FetchEventSource(URL, { fetch: server.fetchImpl, ...still });
    const failures: unknown[] = [];
    const seen = watch(source);
    const onerror = source.onerror!;
    source.onerror = (event) => (failures.push(event), onerror(event));
    await vi.waitFor(() => expect(seen).toEqual(["error"]));
    expect(source.readyState).toBe(CLOSED);
    expect(failures).toEqual([{ type: "error", message, retryable }]);
  });

  it("sends the headers it was given with the request, beside Accept", async () => {
    const server = streamingFetch();
    const source = new FetchEventSource(URL, { fetch: server.fetchImpl, headers: { Authorization: "Basic b3BlbmNvZGU6cHc=" }, ...still });
    await settle();
    const headers = new Headers(server.requests[0].init?.headers);
    expect(headers.get("authorization")).toBe("Basic b3BlbmNvZGU6cHc=");
    expect(headers.get("accept")).toBe("text/event-stream");
    expect(server.requests[0].url).toBe(URL);
    source.close();
  });

  it("drops a stream that sends an event past the limit, says why, and cancels the body", async () => {
    const server = streamingFetch();
    const source = new FetchEventSource(URL, { fetch: server.fetchImpl, maxEventLength: 1000, ...still });
    const failures: unknown[] = [];
    const seen = watch(source);
    source.onerror = (event) => (failures.push(event), seen.push("error"));
    server.write("data: fine\n\ndata: " + "x".repeat(600));
    server.write("x".repeat(600));
    await vi.waitFor(() => expect(seen).toEqual(["open", "message fine", "error"]));
    expect(failures).toEqual([
      {
        type: "error",
        message: "The server sent an event longer than 1000 characters without finishing it. The stream was dropped and is opened again.",
        retryable: true,
      },
    ]);
    expect(source.readyState).toBe(CLOSED);
    expect(server.requests[0].init?.signal?.aborted).toBe(true);
  });

  it("fails when the request itself fails (nothing listening, CORS)", async () => {
    const refused = (async () => {
      throw new TypeError("Failed to fetch");
    }) as unknown as typeof fetch;
    const source = new FetchEventSource(URL, { fetch: refused, ...still });
    const seen = watch(source);
    await settle();
    expect(seen).toEqual(["error"]);
    expect(source.readyState).toBe(CLOSED);
  });

  it.each([
    ["ends", (server: ReturnType<typeof streamingFetch>) => server.end()],
    ["breaks", (server: ReturnType<typeof streamingFetch>) => server.break()],
  ])("fails once when the stream %s, after delivering what came before", async (_, stop) => {
    const server = streamingFetch();
    const source = new FetchEventSource(URL, { fetch: server.fetchImpl, ...still });
    const seen = watch(source);
    server.write("data: last\n\ndata: cut short");
    await settle();
    stop(server);
    await settle();
    await settle();
    expect(seen).toEqual(["open", "message last", "error"]);
    expect(source.readyState).toBe(CLOSED);
  });

  it("calls nothing after close(), aborts the request and cancels the body", async () => {
    const server = streamingFetch();
    const source = new FetchEventSource(URL, { fetch: server.fetchImpl, ...still });
    const seen = watch(source);
    await settle();
    source.close();
    expect(source.readyState).toBe(CLOSED);
    expect(server.requests[0].init?.signal?.aborted).toBe(true);
    server.write("data: too late\n\n");
    await settle();
    await settle();
    expect(seen).toEqual(["open"]);
    expect(server.cancelled()).toBe(true);
  });

  it("closed before the answer arrives, it never opens", async () => {
    const server = streamingFetch();
    const source = new FetchEventSource(URL, { fetch: server.fetchImpl, ...still });
    const seen = watch(source);
    source.close();
    await settle();
    expect(seen).toEqual([]);
  });

  /**
   * A source whose every message "costs" 1 ms on a fake clock; `slices` records how many messages
   * had been delivered at each yield to the page.
   */
  function slicedSource(server: ReturnType<typeof streamingFetch>, sliceMs: number) {
    let clock = 0;
    const slices: number[] = [];
    const data: string[] = [];
    const source = new FetchEventSource(URL, {
      fetch: server.fetchImpl,
      sliceMs,
      now: () => clock,
      yieldToPage: async () => {
        slices.push(data.length);
        await settle();
      },
    });
    source.onmessage = (event) => {
      clock += 1;
      data.push(event.data);
    };
    return { source, slices, data };
  }

  it("hands a large chunk on in slices, yielding to the page between them, in order", async () => {
    const server = streamingFetch();
    const { source, slices, data } = slicedSource(server, 10);
    server.write(Array.from({ length: 35 }, (_, i) => `data: ${i}\n\n`).join(""));
    await vi.waitFor(() => expect(data).toHaveLength(35));
    expect(data).toEqual(Array.from({ length: 35 }, (_, i) => String(i)));
    expect(slices).toEqual([10, 20, 30]);
    source.close();
  });

  it("keeps one budget across chunks that were already waiting, so a backlog still yields", async () => {
    const server = streamingFetch();
    const { source, slices, data } = slicedSource(server, 10);
    // Five chunks of four events, all queued before the source reads any: read back to back in
    // microtasks, they are one task's work unless the source yields.
    for (let chunk = 0; chunk < 5; chunk++) server.write(Array.from({ length: 4 }, (_, i) => `data: ${chunk * 4 + i}\n\n`).join(""));
    await vi.waitFor(() => expect(data).toHaveLength(20));
    expect(slices).toEqual([10]);
    source.close();
  });

  it("starts on a large chunk that arrived on its own only after yielding, and on a small one at once", async () => {
    const server = streamingFetch();
    let clock = 0;
    const slices: number[] = [];
    const data: string[] = [];
    const source = new FetchEventSource(URL, {
      fetch: server.fetchImpl,
      sliceMs: 8,
      now: () => clock,
      yieldToPage: async () => {
        slices.push(data.length);
        await settle();
      },
    });
    source.onmessage = (event) => void data.push(event.data);
    server.write("data: small\n\n");
    await vi.waitFor(() => expect(data).toEqual(["small"]));
    expect(slices).toEqual([]);
    clock += 1_000; // the page idles until the burst
    // The task that brought 64 KB may have been spent receiving it: nothing is delivered in it.
    const big = Array.from({ length: 640 }, (_, i) => `data: ${String(i).padStart(94, "0")}\n\n`).join("");
    expect(big.length).toBeGreaterThanOrEqual(64_000);
    server.write(big);
    await vi.waitFor(() => expect(data).toHaveLength(641));
    expect(slices).toEqual([1]);
    source.close();
  });

  it("decodes a megabyte chunk in pieces, between its slices, and keeps a character cut between two pieces", async () => {
    const decode = vi.spyOn(TextDecoder.prototype, "decode");
    try {
      const server = streamingFetch();
      const { source, data } = slicedSource(server, 1_000_000);
      // Each event 1,000 bytes long, with a two-byte "é" that a 32 KB cut lands in for some of them.
      const events = Array.from({ length: 1_000 }, (_, i) => `${String(i).padStart(4, "0")}${"é".repeat(495)}`);
      server.write(events.map((event) => `data: ${event}\n\n`).join(""));
      await vi.waitFor(() => expect(data).toHaveLength(1_000));
      expect(data).toEqual(events);
      // Decoding a 2 MB chunk at once took 5-10 ms before its first slice began.
      const sizes = decode.mock.calls.map(([input]) => (input as ArrayBufferView | undefined)?.byteLength ?? 0);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(32_768);
      source.close();
    } finally {
      decode.mockRestore();
    }
  });

  it("reads a byte-stream body into its own buffer, so a burst's megabytes arrive in a buffer used again", async () => {
    // A body like fetch's in a browser: a byte stream, which fills a reader's buffer when asked to
    // (a BYOB read) instead of handing over a fresh buffer of everything that arrived.
    const events = Array.from({ length: 3_000 }, (_, i) => `{"n":${i},"text":"${"x".repeat(90)}"}`);
    const bytes = encoder.encode(events.map((event) => `data: ${event}\n\n`).join(""));
    const asked: number[] = [];
    let sent = 0;
    const body = new ReadableStream({
      type: "bytes",
      pull(controller) {
        const request = controller.byobRequest;
        // A default reader on a byte stream without autoAllocateChunkSize leaves no request to fill.
        if (!request?.view) return void controller.enqueue(bytes.slice(sent, (sent = bytes.length)));
        asked.push(request.view.byteLength);
        const n = Math.min(request.view.byteLength, bytes.length - sent);
        new Uint8Array(request.view.buffer, request.view.byteOffset, n).set(bytes.subarray(sent, sent + n));
        sent += n;
        request.respond(n);
        if (sent === bytes.length) controller.close();
      },
    });
    const fetchImpl = (async () => ({
      status: 200,
      headers: new Headers({ "content-type": "text/event-stream" }),
      body,
    })) as unknown as typeof fetch;
    const source = new FetchEventSource(URL, { fetch: fetchImpl, ...still });
    const seen = watch(source);
    await vi.waitFor(() => expect(seen.at(-1)).toBe("error"));
    expect(seen.slice(1, -1)).toEqual(events.map((event) => `message ${event}`));
    // Every read asked for one buffer of READ_BYTES, never for everything at once.
    expect(asked.length).toBeGreaterThan(4);
    expect(new Set(asked)).toEqual(new Set([READ_BYTES]));
  });

  it("stops mid-chunk when closed while yielding", async () => {
    const server = streamingFetch();
    let clock = 0;
    let delivered = 0;
    const source: FetchEventSource = new FetchEventSource(URL, {
      fetch: server.fetchImpl,
      sliceMs: 5,
      now: () => clock,
      yieldToPage: async () => source.close(),
    });
    source.onmessage = () => {
      clock += 1;
      delivered++;
    };
    server.write(Array.from({ length: 20 }, (_, i) => `data: ${i}\n\n`).join(""));
    await settle();
    await settle();
    expect(delivered).toBe(5);
    expect(server.cancelled()).toBe(true);
  });

  it("reports a throwing handler and goes on with the stream, as a browser EventSource does", async () => {
    const reported: unknown[] = [];
    vi.stubGlobal("reportError", (error: unknown) => reported.push(error));
    const server = streamingFetch();
    const source = new FetchEventSource(URL, { fetch: server.fetchImpl, ...still });
    const data: string[] = [];
    source.onmessage = (event) => {
      data.push(event.data);
      if (event.data === "boom") throw new Error("handler bug");
    };
    server.write("data: boom\n\ndata: after\n\n");
    await settle();
    expect(data).toEqual(["boom", "after"]);
    expect(reported).toHaveLength(1);
    expect(source.readyState).toBe(OPEN);
    source.close();
  });
});
