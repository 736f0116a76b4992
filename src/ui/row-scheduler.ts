/**
 * Who gets drawn first when many rows of the message log appear at once, and how many per task.
 *
 * A row of the log costs one to two milliseconds to build (markdown parsed and sanitised, a dozen
 * components) and about as much again to lay out. A wheel fling through a 2,000-message session
 * brings ten to fifteen new rows into range on every frame, and building them all in that frame made
 * tasks of 50–130 ms. So a new row first shows an empty box of its known (or estimated) height, and
 * asks this scheduler to build it: the rows that matter most are built in the same task, before the
 * browser paints, until `budgetMs` has gone by; the rest are built in later tasks, a budget each, so
 * the page keeps answering. Rows out of view (the list's overscan) that miss their turn wait for idle
 * time.
 *
 * While the reader moves fast the list says what waits (`hold`):
 * - a fling (`"out-of-view"`) moves further than the overscan in a frame, so a row built ahead of it
 *   was thrown away unseen, and the garbage of thousands of them was what made the collector pause
 *   the page: rows out of view wait whatever the budget;
 * - a race (`"all"`: each scroll a viewport or more, a scrollbar dragged, a fling through thousands of
 *   messages) replaces every row in view on every frame, too fast for any of them to be read: rows in
 *   view wait too, as their boxes, and are built when the list calls `resume()` after the race.
 *   Building them cost 20–45 ms a frame in layout and paint, and on a busy machine those frames
 *   were the long tasks.
 *
 * Plain TypeScript with injectable clock and timers, so it is tested without Solid or a DOM.
 */

/** Ranks from here up are rows out of view: after their first chance they wait for idle time. */
export const OUT_OF_VIEW = 1_000_000;

/** What waits while the reader scrolls: nothing, rows out of view, or every row (see above). */
export type RowHold = "none" | "out-of-view" | "all";

/** A pending build: `rank` is read when its turn might come (lower goes first; below 0, now, whatever the budget). */
interface Request {
  rank: () => number;
  build: () => void;
  done: boolean;
}

export interface RowSchedulerOptions {
  /** Milliseconds of building per task once the rows ranked below 0 are built. */
  budgetMs: number;
  now?: () => number;
  /** Runs `run` at the end of the current task (before the browser paints). */
  soon?: (run: () => void) => void;
  /** Runs `run` in a later task. */
  later?: (run: () => void) => void;
  /** Runs `run` when the page is idle, with the milliseconds it may take. */
  idle?: (run: (remainingMs: () => number) => void) => void;
  /**
   * When the work of the current task began, if something before the rows did work that counts
   * (`taskWorkStartedAt`: the shared frame applying events): the first turn's budget counts from
   * there, and a task that has spent it already builds no row of rank 0 or more, not even its first;
   * they get a task of their own.
   */
  startedAt?: () => number | undefined;
  /**
   * What waits, read at each turn: rows out of view held by a fling are built in the first idle
   * time after it says otherwise; rows in view held by a race, at `resume()`. Rows ranked below 0
   * are never held.
   */
  hold?: () => RowHold;
}

export interface RowScheduler {
  /**
   * Asks for `build` to run: in this task if its rank and the budget allow, else in a later one.
   * Returns a cancel function for a row that goes away before it was built.
   */
  request(rank: () => number, build: () => void): () => void;
  /** Gives the rows held by a race their turn, in a later task (the reader has slowed down or stopped). */
  resume(): void;
  /** Drops everything pending (the log is going away). */
  dispose(): void;
}

/** A scheduler that builds rows best-ranked first, `budgetMs` per task. */
export function makeRowScheduler(options: RowSchedulerOptions): RowScheduler {
  const now = options.now ?? (() => performance.now());
  const soon = options.soon ?? queueMicrotask;
  const later = options.later ?? ((run: () => void) => void setTimeout(run, 0));
  const idle = options.idle ?? idleCallback;
  let queue: Request[] = [];
  let soonQueued = false;
  let laterQueued = false;
  let idleQueued = false;
  let disposed = false;
  // One budget per task, shared by every flush in it: a frame that builds rows, lays them out and
  // then (their measured sizes having moved the range) builds more must not spend a budget twice.
  let windowOpen = false;
  let windowEnd = 0;
  let builtInWindow = 0;
  // The window began before the first row (see `startedAt`): its first row is not built for free.
  let sharedWindow = false;

  const openWindow = (budgetMs: number, from?: number) => {
    const at = now();
    sharedWindow = from !== undefined && from < at;
    windowEnd = (sharedWindow ? from! : at) + budgetMs;
    builtInWindow = 0;
    if (windowOpen) return;
    windowOpen = true;
    later(() => void (windowOpen = false));
  };

  const flushLater = () => {
    if (laterQueued) return;
    laterQueued = true;
    later(() => {
      laterQueued = false;
      openWindow(options.budgetMs);
      flush();
    });
  };

  const flush = () => {
    if (disposed) return;
    const ranked = queue.filter((request) => !request.done).map((request) => ({ request, rank: request.rank() }));
    ranked.sort((a, b) => a.rank - b.rank);
    queue = [];
    const hold = options.hold?.() ?? "none";
    for (const { request, rank } of ranked) {
      if (request.done) continue;
      if (rank >= 0 && (hold === "all" || (hold === "out-of-view" && rank >= OUT_OF_VIEW))) {
        queue.push(request);
        continue;
      }
      // The first row of a task is always built, so each makes progress however slow the machine is
      // (unless other work of the task spent the budget: then a later task, with a window of its own).
      if (rank >= 0 && (builtInWindow > 0 || sharedWindow) && now() >= windowEnd) {
        queue.push(request);
        continue;
      }
      request.done = true;
      builtInWindow++;
      request.build();
    }
    if (queue.length === 0) return;
    // Held by a race, the rows in view wait for resume(); the idle call below is only a fallback.
    if (hold !== "all" && queue.some((request) => !request.done && request.rank() < OUT_OF_VIEW)) flushLater();
    else if (!idleQueued) {
      idleQueued = true;
      idle((remainingMs) => {
        idleQueued = false;
        openWindow(Math.min(options.budgetMs, remainingMs()));
        flush();
      });
    }
  };

  return {
    request(rank, build) {
      const request: Request = { rank, build, done: false };
      queue.push(request);
      if (!soonQueued) {
        soonQueued = true;
        soon(() => {
          soonQueued = false;
          if (!windowOpen) openWindow(options.budgetMs, options.startedAt?.());
          flush();
        });
      }
      return () => void (request.done = true);
    },
    resume() {
      if (!disposed && queue.some((request) => !request.done)) flushLater();
    },
    dispose() {
      disposed = true;
      queue = [];
    },
  };
}

/** requestIdleCallback where there is one (Chromium, Firefox); elsewhere a short timer. */
function idleCallback(run: (remainingMs: () => number) => void): void {
  if (typeof requestIdleCallback === "function") requestIdleCallback((deadline) => run(() => deadline.timeRemaining()), { timeout: 1000 });
  else setTimeout(() => run(() => 8), 50);
}

/**
 * How fast the reader moves through the list, from its scroll events.
 *
 * `flinging()`: the scroll moved more than `flingPx` in the last `windowMs`. Rows out of view are
 * worth building ahead of a slower scroll (they come into view built), not ahead of a fling, which
 * passes them unseen. Measured over a window, not per event: a smooth-scrolled fling ends in small
 * steps, and those are still the fling.
 *
 * `racing(viewportPx)`: the reader's last two scroll events each moved a viewport or more, the
 * first less than `2 × windowMs` before the second and the second less than `windowMs` ago. Every
 * row in view is then new on every frame and gone on the next. Counted per event, not per window, so
 * that a busy machine's slower frames do not turn a race into a read; two events, so that a single
 * jump (Home, End, a link to a message) is drawn at once.
 *
 * Scrolls the page makes itself (`own`: keeping a re-measured row in place, older messages arriving
 * above) move the baseline and count as neither.
 */
export function makeScrollPace(flingPx: number, windowMs: number, now: () => number = () => performance.now()) {
  let lastTop: number | undefined;
  // How far each recent scroll event moved, and when.
  let moves: Array<{ at: number; by: number }> = [];
  // The reader's last two moves, however old.
  let previous: { at: number; by: number } | undefined;
  let last: { at: number; by: number } | undefined;
  const recent = () => {
    const since = now() - windowMs;
    if (moves.length && moves[0].at < since) moves = moves.filter((move) => move.at >= since);
    return moves;
  };
  return {
    /** Notes the scroll position after a scroll event; `own` when the page moved it, not the reader. */
    note(top: number, own = false) {
      if (lastTop !== undefined && !own) {
        const move = { at: now(), by: Math.abs(top - lastTop) };
        recent().push(move);
        previous = last;
        last = move;
      }
      lastTop = top;
    },
    flinging: () => recent().reduce((sum, move) => sum + move.by, 0) > flingPx,
    racing(viewportPx: number) {
      if (!last || !previous || viewportPx <= 0) return false;
      return last.by >= viewportPx && previous.by >= viewportPx && last.at - previous.at < 2 * windowMs && now() - last.at < windowMs;
    },
  };
}
