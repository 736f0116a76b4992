/**
 * Coalescing server events into one store write per animation frame. A burst reply delivers up to
 * ~133,000 deltas a second (EVENTS.md, run 10); writing each into the store would re-render per
 * chunk. This module knows nothing about Solid: it queues, merges and hands a batch to `apply`.
 */
import type { RoutedEvent } from "../transport/types";

/** Schedules `callback` once and returns a function that cancels it. */
export type ScheduleFrame = (callback: () => void) => () => void;

/** Options for makeEventBatcher; `schedule` is injectable so tests can drive frames by hand. */
export interface EventBatcherOptions {
  /** Receives each non-empty batch, in arrival order, with consecutive deltas merged. */
  apply: (events: RoutedEvent[]) => void;
  /** Defaults to {@link animationFrame}. */
  schedule?: ScheduleFrame;
  /** Flush at once when this many events wait (a hidden tab may not run frames for a long time). */
  maxQueued?: number;
}

/** The handle makeEventBatcher returns. */
export interface EventBatcher {
  /** Queues an event and makes sure a flush is scheduled. Ignored after dispose. */
  push(event: RoutedEvent): void;
  /** Applies everything queued now (e.g. before a REST snapshot is merged) and cancels the pending frame. */
  flush(): void;
  /** Cancels the pending frame and drops the queue; later pushes are ignored. */
  dispose(): void;
}

/**
 * The next animation frame, or 100 ms, whichever comes first: browsers stop animation frames in
 * background tabs, and a dashboard of many servers is often in one. Outside a browser: a timeout.
 */
export const animationFrame: ScheduleFrame = (callback) => {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    cancel();
    callback();
  };
  const timer = setTimeout(run, 100);
  const frame = typeof requestAnimationFrame === "function" ? requestAnimationFrame(run) : undefined;
  const cancel = () => {
    done = true;
    clearTimeout(timer);
    if (frame !== undefined) cancelAnimationFrame(frame);
  };
  return cancel;
};

/**
 * Creates a batcher: events pushed between two frames are applied together, and CONSECUTIVE
 * `message.part.delta` events for the same part and field are merged into one whose `delta` is the
 * concatenation. Only neighbours merge, so the order of everything else is kept exactly (a part's
 * final `message.part.updated` between two deltas still lands between them).
 */
export function makeEventBatcher(options: EventBatcherOptions): EventBatcher {
  const schedule = options.schedule ?? animationFrame;
  const maxQueued = options.maxQueued ?? 10_000;
  let queue: RoutedEvent[] = [];
  let cancelFrame: (() => void) | undefined;
  let disposed = false;
  // Merged events are our own copies, so later deltas can be appended to them in place.
  const merged = new WeakSet<RoutedEvent>();

  const flush = () => {
    cancelFrame?.();
    cancelFrame = undefined;
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    options.apply(batch);
  };

  const push = (routed: RoutedEvent) => {
    if (disposed) return;
    const last = queue[queue.length - 1];
    if (last && mergeInto(last, routed, merged, queue)) return;
    queue.push(routed);
    if (queue.length >= maxQueued) flush();
    else if (!cancelFrame) {
      cancelFrame = schedule(() => {
        cancelFrame = undefined;
        flush();
      });
    }
  };

  return {
    push,
    flush,
    dispose() {
      disposed = true;
      cancelFrame?.();
      cancelFrame = undefined;
      queue = [];
    },
  };
}

interface DeltaProperties {
  sessionID?: unknown;
  messageID: string;
  partID: string;
  field: string;
  delta: string;
}

function deltaOf(routed: RoutedEvent): DeltaProperties | undefined {
  if (typeof routed?.event !== "object" || routed.event === null || routed.event.type !== "message.part.delta") return undefined;
  const p = routed.event.properties as Partial<DeltaProperties> | null | undefined;
  if (!p || typeof p !== "object") return undefined;
  if (typeof p.partID !== "string" || typeof p.messageID !== "string") return undefined;
  if (typeof p.field !== "string" || typeof p.delta !== "string") return undefined;
  return p as DeltaProperties;
}

// Replaces the queue's last event with a merged copy (once), then appends to that copy.
function mergeInto(last: RoutedEvent, next: RoutedEvent, merged: WeakSet<RoutedEvent>, queue: RoutedEvent[]): boolean {
  const a = deltaOf(last);
  if (!a) return false;
  const b = deltaOf(next);
  if (!b || a.partID !== b.partID || a.messageID !== b.messageID || a.field !== b.field) return false;
  if (last.directory !== next.directory || a.sessionID !== b.sessionID) return false;
  if (merged.has(last)) {
    a.delta += b.delta;
    return true;
  }
  const copy: RoutedEvent = { ...last, event: { ...last.event, properties: { ...a, delta: a.delta + b.delta } } };
  merged.add(copy);
  queue[queue.length - 1] = copy;
  return true;
}
