/**
 * What the benchmark installs in the page before the app's own scripts (playwright addInitScript),
 * as `window.__bench`:
 * - arrival: for every `/global/event` message whose delta is `tokN `, the `performance.now()` at
 *   which the EventSource delivered it. The listener is added in the constructor, so it runs just
 *   before the app's `onmessage` for the same event.
 * - frames: once started, a requestAnimationFrame loop posts a MessageChannel message from each
 *   frame's rAF callback. That message runs right after the frame's rendering task (rAF callbacks,
 *   style, layout, paint, commit), so its time is when that frame's pixels were handed to the
 *   compositor, and the DOM it reads then is what that frame painted. There it evaluates `watch()`
 *   and records `[time, value]` whenever the value changed.
 * - longtasks: every `longtask` entry (main-thread task over 50 ms), with start and duration.
 * Everything is plain JS with no closure over module scope: playwright sends its source text.
 */

/** What the page holds under `window.__bench`. */
export interface PageProbe {
  arrival: Record<number, number>;
  /** `[time, value]` pairs: when `watch()` first returned each new value, at a frame's end. */
  changes: Array<[number, unknown]>;
  longtasks: Array<[number, number]>;
  watch: () => unknown;
  framing: boolean;
  frames: number;
  startFrames(): void;
  stopFrames(): void;
}

/** The init script. Call `window.__bench.startFrames()` after setting `watch`. */
export function installPageProbe(): void {
  const bench = {
    arrival: {} as Record<number, number>,
    changes: [] as Array<[number, unknown]>,
    longtasks: [] as Array<[number, number]>,
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
  };
  (window as unknown as { __bench: typeof bench }).__bench = bench;

  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    const value = bench.watch();
    if (value !== bench.last) {
      bench.last = value;
      bench.changes.push([performance.now(), value]);
    }
  };
  function frame() {
    if (!bench.framing) return;
    bench.frames++;
    channel.port2.postMessage(0);
    requestAnimationFrame(frame);
  }

  const Native = window.EventSource;
  const marker = '"delta":"tok';
  class ProbedEventSource extends Native {
    constructor(url: string | URL, init?: EventSourceInit) {
      super(url, init);
      // indexOf + parseInt rather than a regex: this runs for every event, inside the measurement.
      this.addEventListener("message", (event) => {
        const data = (event as MessageEvent<string>).data;
        const at = data.indexOf(marker);
        if (at < 0) return;
        const token = parseInt(data.slice(at + marker.length, at + marker.length + 8), 10);
        if (bench.arrival[token] === undefined) bench.arrival[token] = performance.now();
      });
    }
  }
  window.EventSource = ProbedEventSource;

  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) bench.longtasks.push([entry.startTime, entry.duration]);
    }).observe({ type: "longtask", buffered: true });
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
