/**
 * What the benchmark installs in the page before the app's own scripts (playwright addInitScript),
 * as `window.__bench`:
 * - chunks: `[time, N]` for every read of the `/global/event` stream that completed the event of a
 *   delta `tokN ` later than any before: the `performance.now()` at which those bytes reached the
 *   page, before the app parsed them (the app reads the stream with fetch: FetchEventSource).
 * - frames: once started, a requestAnimationFrame loop posts a MessageChannel message from each
 *   frame's rAF callback. That message runs right after the frame's rendering task (rAF callbacks,
 *   style, layout, paint, commit), so its time is when that frame's pixels were handed to the
 *   compositor, and the DOM it reads then is what that frame painted. There it evaluates `watch()`
 *   and records `[time, value]` whenever the value changed.
 * - longtasks: every `longtask` entry (main-thread task over 50 ms), with start and duration.
 * - frames over 50 ms (`long-animation-frame` entries) with what ran in them: start, duration, time
 *   blocked, when rendering and style began, and each script's invoker, function and duration
 *   (`BENCH_DEBUG=1` prints the burst's; where a long task comes from, without a profiler).
 * - quiet() and whenValue(): waits that resolve in the page (for the harness through one evaluate,
 *   and for a page nobody is attached to, unattached-page.ts), so nothing polls it meanwhile.
 * Everything is plain JS with no closure over module scope: playwright sends its source text.
 */

/** What the page holds under `window.__bench`. */
export interface PageProbe {
  chunks: Array<[number, number]>;
  /** `[time, value]` pairs: when `watch()` first returned each new value, at a frame's end. */
  changes: Array<[number, unknown]>;
  longtasks: Array<[number, number]>;
  /** One line per long animation frame: `start+duration block… render@… style@… :: invoker|function@file:char|ms|forced-layout ms ; …`. */
  loafs: string[];
  watch: () => unknown;
  framing: boolean;
  frames: number;
  startFrames(): void;
  stopFrames(): void;
  /**
   * Resolves once the page has nothing left to do: `runs` idle periods in a row with at least
   * `freeMs` of free time each (the browser hands out up to 50 ms when no frame or task is due).
   */
  quiet(options?: { freeMs?: number; runs?: number; timeoutMs?: number }): Promise<void>;
  /** Resolves when the last recorded value equals `want` (or, for numbers, reached it). */
  whenValue(want: unknown, timeoutMs: number): Promise<void>;
}

/**
 * Saves `instances` the way the app saves them, once per browser profile: later loads must not undo
 * what the page itself saved (removals). Plain JS, sent as source text like the probe.
 */
export function seedInstances(instances: ReadonlyArray<{ id: string; baseUrl: string }>): void {
  try {
    if (localStorage.getItem("switchboard.bench.seeded")) return;
    localStorage.setItem("switchboard.instances", JSON.stringify(instances));
    localStorage.setItem("switchboard.bench.seeded", "1");
  } catch {
    /* about:blank has no storage */
  }
}

/** The init script. Call `window.__bench.startFrames()` after setting `watch`. */
export function installPageProbe(): void {
  const bench = {
    chunks: [] as Array<[number, number]>,
    changes: [] as Array<[number, unknown]>,
    longtasks: [] as Array<[number, number]>,
    loafs: [] as string[],
    watch: (() => undefined) as () => unknown,
    framing: false,
    frames: 0,
    last: undefined as unknown,
    startFrames() {
      // A new watch starts from nothing, even while the loop is already running.
      bench.last = undefined;
      if (bench.framing) return;
      bench.framing = true;
      requestAnimationFrame(frame);
    },
    stopFrames() {
      bench.framing = false;
    },
    /** Called after each recorded change: whenValue's waiter. */
    onChange: undefined as (() => void) | undefined,
    quiet({ freeMs = 45, runs = 3, timeoutMs = 10_000 } = {}) {
      return new Promise<void>((resolve, reject) => {
        let streak = 0;
        const giveUp = setTimeout(() => reject(new Error(`the page was not quiet within ${timeoutMs} ms`)), timeoutMs);
        const check = (deadline: IdleDeadline) => {
          streak = deadline.timeRemaining() >= freeMs ? streak + 1 : 0;
          if (streak < runs) return void requestIdleCallback(check);
          clearTimeout(giveUp);
          resolve();
        };
        requestIdleCallback(check);
      });
    },
    whenValue(want: unknown, timeoutMs: number) {
      return new Promise<void>((resolve, reject) => {
        const reached = () => {
          const changes = bench.changes;
          if (changes.length === 0) return false;
          const value = changes[changes.length - 1][1];
          return typeof want === "number" && typeof value === "number" ? value >= want : value === want;
        };
        if (reached()) return resolve();
        const timer = setTimeout(() => {
          bench.onChange = undefined;
          reject(new Error(`the page did not show ${JSON.stringify(want)} within ${timeoutMs} ms`));
        }, timeoutMs);
        bench.onChange = () => {
          if (!reached()) return;
          bench.onChange = undefined;
          clearTimeout(timer);
          resolve();
        };
      });
    },
  };
  (window as unknown as { __bench: typeof bench }).__bench = bench;

  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    const value = bench.watch();
    if (value !== bench.last) {
      bench.last = value;
      bench.changes.push([performance.now(), value]);
      bench.onChange?.();
    }
  };
  function frame() {
    if (!bench.framing) return;
    bench.frames++;
    channel.port2.postMessage(0);
    requestAnimationFrame(frame);
  }

  // Arrival is when the bytes reach the page, before the app parses them: every read the app makes
  // of the `/global/event` answer's body is noted, with the time and the last token whose event is
  // complete in what was read. A token arrived with the first read whose last complete token is at
  // least it (tokens grow along the stream). The app's own stream and reader are kept (a byte
  // stream stays one, so the app can read it into its own buffer); only `read` is wrapped.
  const nativeFetch = window.fetch.bind(window);
  const marker = '"delta":"tok';
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await nativeFetch(input, init);
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const body = response.body;
    if (!url.includes("/global/event") || !body) return response;
    // Bytes only, and only near the end of each read: a read can hold megabytes while a burst
    // arrives, and decoding all of it here (as the app does once itself) put the probe's own work
    // into the very tasks the burst figure counts. Nor is a read copied whole: a fresh 2 MB buffer
    // costs 5-7 ms on this machine (its pages are faulted in as they are written).
    const decoder = new TextDecoder();
    const NL = 10;
    let tail: Uint8Array = new Uint8Array(0); // what came after the last complete event, not yet ended
    let lastToken = -1;
    const join = (a: Uint8Array, b: Uint8Array) => {
      const both = new Uint8Array(a.length + b.length);
      both.set(a);
      both.set(b, a.length);
      return both;
    };
    /** Index of the first `\n` of the last `\n\n` in `bytes` (looking back from `to`), or -1. */
    const lastEnd = (bytes: Uint8Array, to: number) => {
      for (let i = to - 2; i >= 0; i--) if (bytes[i] === NL && bytes[i + 1] === NL) return i;
      return -1;
    };
    /** The last `tokN` marker in `bytes[0, end)`, decoding windows from the end backwards. */
    const lastMarkerToken = (bytes: Uint8Array, end: number) => {
      for (let width = 4_096; ; width *= 4) {
        const from = Math.max(0, end - width);
        const text = decoder.decode(bytes.subarray(from, end));
        const found = text.lastIndexOf(marker);
        if (found >= 0) return parseInt(text.slice(found + marker.length, found + marker.length + 8), 10);
        if (from === 0) return -1;
      }
    };
    const note = (chunk: Uint8Array) => {
      const at = performance.now();
      let token = -1;
      const end = lastEnd(chunk, chunk.length);
      if (end >= 0) {
        // The last complete event ends in this read. Its marker is almost always in it too; when it
        // is not (or is cut at the start), it is looked for again with the tail in front.
        token = lastMarkerToken(chunk, end);
        if (token < 0 && tail.length > 0) token = lastMarkerToken(join(tail, chunk.subarray(0, end)), tail.length + end);
        // A copy: the app may read the next bytes into this same buffer.
        tail = chunk.slice(end + 2);
      } else {
        // No event ends inside this read, but one may end across the seam (`\n` | `\n`).
        const bytes = join(tail, chunk);
        const seam = lastEnd(bytes, bytes.length);
        if (seam >= 0) token = lastMarkerToken(bytes, seam);
        tail = seam >= 0 ? bytes.slice(seam + 2) : bytes;
      }
      if (token > lastToken) {
        lastToken = token;
        bench.chunks.push([at, token]);
      }
    };
    const getReader = body.getReader.bind(body) as (options?: { mode?: "byob" }) => ReadableStreamDefaultReader<Uint8Array>;
    Object.defineProperty(body, "getReader", {
      value: (options?: { mode?: "byob" }) => {
        const reader = getReader(options);
        const read = reader.read.bind(reader) as (view?: Uint8Array) => Promise<ReadableStreamReadResult<Uint8Array>>;
        Object.defineProperty(reader, "read", {
          value: async (view?: Uint8Array) => {
            const result = await read(view);
            if (!result.done && result.value) note(result.value);
            return result;
          },
        });
        return reader;
      },
    });
    return response;
  };

  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) bench.longtasks.push([entry.startTime, entry.duration]);
    }).observe({ type: "longtask", buffered: true });
    new PerformanceObserver((list) => {
      const ms = (value: unknown) => Math.round(Number(value));
      for (const entry of list.getEntries() as unknown as Array<Record<string, unknown>>) {
        const start = Number(entry.startTime);
        const scripts = ((entry.scripts ?? []) as Array<Record<string, unknown>>).map(
          (script) =>
            `${String(script.invoker).slice(0, 60)}|${String(script.sourceFunctionName || "-")}@${String(script.sourceURL ?? "")
              .split("/")
              .pop()}:${String(script.sourceCharPosition)}|${ms(script.duration)}ms|${ms(script.forcedStyleAndLayoutDuration)}`,
        );
        bench.loafs.push(
          `${ms(start)}+${ms(entry.duration)} block${ms(entry.blockingDuration)} render@${ms(Number(entry.renderStart) - start)} style@${ms(Number(entry.styleAndLayoutStart) - start)} :: ${scripts.join(" ; ")}`,
        );
      }
    }).observe({ type: "long-animation-frame", buffered: true });
  } catch {
    /* no longtask support: the node side reports the figure as not measured */
  }
}

/**
 * A `watch` for streaming: the largest N such that `tokN` is in the last message of the log, or -1.
 * Reads only the tail of the text, so it stays cheap when the reply is 169 KB long.
 */
export function watchLastToken(): unknown {
  const articles = document.querySelectorAll('[role="log"] article');
  const last = articles[articles.length - 1];
  const text = last?.textContent ?? "";
  const at = text.lastIndexOf("tok");
  if (at < 0) return -1;
  const match = /^tok(\d+)/.exec(text.slice(at, at + 16));
  return match ? Number(match[1]) : -1;
}
