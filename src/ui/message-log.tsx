/**
 * The scrolling list of a session's messages (`role=log`, named "Messages"). Only the messages near
 * the viewport are in the DOM (a virtual list), so a 2,000-message session costs what a 20-message
 * one does. While the reader is at the bottom the log follows the stream, and brings a request that
 * needs the user into view; scrolling up stops that and offers "Jump to latest", or "Needs you" while
 * a request waits.
 */
import { createVirtualizer, elementScroll, measureElement, type VirtualItem } from "@tanstack/solid-virtual";
import { createComputed, createEffect, createMemo, createSignal, For, on, onCleanup, Show, untrack, type JSX } from "solid-js";
import { makeRowScheduler, makeScrollPace, OUT_OF_VIEW, type RowHold } from "./row-scheduler";
import { taskWorkStartedAt } from "../lib/task-work";

export interface MessageLogProps {
  /** Message ids in order; the key of each row. */
  ids: readonly string[];
  renderMessage: (id: string) => JSX.Element;
  /** Changes whenever the content grows (e.g. the length of the streaming text), to keep following. */
  tail?: unknown;
  /** Shown after the last message (pending permissions, errors, retry status). */
  footer?: JSX.Element;
  /**
   * How many requests in the footer wait for the user (permissions, questions). While there are
   * any and the reader is scrolled up, the log offers “Needs you ↓” rather than “Jump to latest ↓”.
   */
  needsYou?: number;
  empty?: JSX.Element;
}

/** A row's height until the browser has laid it out. */
const ESTIMATED_ROW_PX = 140;

/** How close to the bottom (px) still counts as "at the bottom". */
const STICKY_PX = 48;

/**
 * A scroll up stops following only this soon after the reader's input (a wheel, a touch, a key, a
 * press on the log or its scrollbar), or while a press lasts. Smooth scrolling (PageUp, a click on the
 * scrollbar's track) goes on for a few hundred milliseconds after its input.
 */
const READER_INPUT_MS = 1000;
/** The reader's input on the log besides a press (which lasts until it is released). */
const READER_INPUTS = ["wheel", "touchstart", "touchmove", "keydown"] as const;

/**
 * Milliseconds of row building per task before the other new rows wait for a later task (see
 * row-scheduler.ts). About a viewport of rows on this project's 2-core machine, leaving room in a
 * 50 ms task for laying them out even when the machine is busy.
 */
const ROW_BUDGET_MS = 6;

/**
 * More than the overscan (4 rows, ~560 px) in 150 ms is a fling: rows built ahead of the reader
 * would go by before they were seen. Two scroll events in a row of a viewport or more each is a
 * race: the rows in view would too. Rows held by a race are built this long after the last of it.
 */
const FLING_PX = 560;
const FLING_WINDOW_MS = 150;

const FLOATING = "absolute bottom-3 left-1/2 -translate-x-1/2 rounded-full px-3 py-1 text-sm font-medium text-white shadow-lg";

export function MessageLog(props: MessageLogProps) {
  let scroller!: HTMLDivElement;
  const [following, setFollowing] = createSignal(true);
  /** Where the log last put its scroll position itself, and where the virtual list is about to. */
  let lastTop = 0;
  let ownTop: number | undefined;
  // The ids the list shows. Older messages arriving above what is on screen (a long session's history
  // loads behind its newest page) move what is there down by their height: the scroll position moves
  // with it, in the same update, so the reader sees no jump and the list draws the same rows.
  const [ids, setIds] = createSignal<readonly string[]>(props.ids);
  // Where the log put itself when it opened (see `placed` below); read with the list's count, so
  // that setting it makes the list compute its rows for that position.
  const [placedAt, setPlacedAt] = createSignal(0, { equals: false });
  let shiftedTo: number | undefined;
  createComputed(
    on(
      () => props.ids,
      (next, previous) => {
        const added = previous?.length && scroller ? prependedCount(previous, next) : 0;
        if (added > 0) {
          let height = 0;
          for (let i = 0; i < added; i++) height += virtualizer.itemSizeCache.get(next[i]) ?? ESTIMATED_ROW_PX;
          const top = (virtualizer.scrollOffset ?? scroller.scrollTop) + height;
          // The list computes its rows from this offset at once; the element follows once it is tall enough.
          virtualizer.scrollOffset = top;
          shiftedTo = top;
        }
        setIds(next);
      },
    ),
  );
  const virtualizer = createVirtualizer({
    get count() {
      placedAt();
      return ids().length;
    },
    getScrollElement: () => scroller,
    estimateSize: () => ESTIMATED_ROW_PX,
    // Sizes come from the ResizeObserver only (measured after the browser's own layout, all rows in
    // one pass), never from a getBoundingClientRect per row as it mounts: that forced one layout per
    // row, and a 2,000-message session spent a sixth of its opening in them.
    measureElement: (element, entry, instance) =>
      entry
        ? measureElement(element, entry, instance)
        : (instance.itemSizeCache.get(instance.options.getItemKey(instance.indexFromElement(element))) ?? ESTIMATED_ROW_PX),
    overscan: 4,
    // The list moves the scroll position itself to keep a re-measured row in place: not the reader.
    scrollToFn: (offset, options, instance) => {
      ownTop = offset + (options.adjustments ?? 0);
      elementScroll(offset, options, instance);
    },
    getItemKey: (index: number) => ids()[index] ?? index,
  });
  createEffect(
    on(
      () => virtualizer.getTotalSize(),
      () => {
        if (shiftedTo === undefined) return;
        ownTop = shiftedTo;
        scroller.scrollTop = shiftedTo;
        lastTop = shiftedTo;
        shiftedTo = undefined;
      },
    ),
  );

  // New rows are built best-ranked first, ROW_BUDGET_MS per task; the others show an empty box of
  // their size until their turn. Rank: in view before out of view; in view, the newest first while
  // following (so the reader sees the end of the reply first), else the nearest to the middle.
  // Rows out of view wait while the reader flings through the log, and are built ahead of a slower
  // scroll; every row waits while the reader races through it (see row-scheduler.ts).
  const pace = makeScrollPace(FLING_PX, FLING_WINDOW_MS);
  // The list's own record of the viewport: reading the element's would force a layout mid-update.
  const racing = () => pace.racing(virtualizer.scrollRect?.height ?? 0);
  const hold = (): RowHold => (!virtualizer.isScrolling ? "none" : racing() ? "all" : pace.flinging() ? "out-of-view" : "none");
  const scheduler = makeRowScheduler({ budgetMs: ROW_BUDGET_MS, hold, startedAt: taskWorkStartedAt });
  let resumeTimer: ReturnType<typeof setTimeout> | undefined;
  const resumeAfterRace = () => {
    clearTimeout(resumeTimer);
    resumeTimer = setTimeout(() => scheduler.resume(), FLING_WINDOW_MS + 10);
  };
  onCleanup(() => {
    clearTimeout(resumeTimer);
    scheduler.dispose();
  });
  // While the log opens, every row in view is built before the first paint, whatever the budget:
  // that paint is the session as the reader asked for it, not a frame of empty boxes.
  let opening = false;
  const rankOf = (row: VirtualItem, whole: boolean) => {
    const top = virtualizer.scrollOffset ?? 0;
    const bottom = top + (virtualizer.scrollRect?.height ?? 0);
    if (row.end > top && row.start < bottom) {
      if (whole) return -1;
      // Never below 0 (a row cut by the bottom edge would otherwise skip the budget).
      return following() ? Math.max(0, bottom - row.end) : Math.abs(row.start + row.end - top - bottom) / 2;
    }
    return OUT_OF_VIEW + Math.max(top - row.end, row.start - bottom);
  };

  const toBottom = () => {
    if (!scroller) return;
    const height = scroller.scrollHeight;
    scroller.scrollTop = height;
    lastTop = Math.max(0, height - scroller.clientHeight);
    // Following the stream, or the jump to the latest: the page's scroll, not the reader's.
    ownTop = lastTop;
  };

  // Reading scrollHeight forces a layout, so a burst of changes scrolls once, in the next frame.
  let pending = false;
  const followSoon = () => {
    if (pending) return;
    pending = true;
    const run = () => {
      pending = false;
      if (following()) toBottom();
    };
    if (typeof requestAnimationFrame === "function") requestAnimationFrame(run);
    else queueMicrotask(run);
  };

  // Follow: whenever the list or the streaming tail grows while the reader is at the bottom.
  createEffect(
    on([() => ids().length, () => props.tail, () => virtualizer.getTotalSize()], () => {
      if (following()) followSoon();
    }),
  );

  // A log opens at its end. Rows are drawn only once it is there: drawn at once they would be the
  // oldest messages (the list starts at the top), built and thrown away a frame later. The spacer
  // alone is scrolled to the bottom (a cheap layout: no rows yet) and the list is told that position
  // at once (`placedAt`, read with the count, makes it compute its rows again), so the newest rows
  // are the first built, in this same task. Waiting for the scroll event instead cost a frame of
  // every session's opening.
  const [placed, setPlaced] = createSignal(false);
  createEffect(
    on(
      () => ids().length > 0,
      (hasMessages) => {
        if (!hasMessages) return void setPlaced(false);
        if (placed()) return;
        if (!following() || !scroller) return void setPlaced(true);
        toBottom();
        virtualizer.scrollOffset = lastTop;
        setPlacedAt(lastTop);
        opening = true;
        setPlaced(true);
        // The rows are made when this update settles, after this effect: they read `opening` then.
        queueMicrotask(() => (opening = false));
      },
    ),
  );

  // The rows in range, by message id (the list's own items are per index, and an index names
  // another message once older ones arrive above).
  const rowsById = createMemo(() => {
    const byId = new Map<string, VirtualItem>();
    if (!placed()) return byId;
    const list = ids();
    for (const item of virtualizer.getVirtualItems()) {
      const id = list[item.index];
      if (id !== undefined) byId.set(id, item);
    }
    return byId;
  });
  const rowIds = createMemo(() => [...rowsById().keys()]);

  // The reader's scrolls come from their input. Layout moves the position too, with none: content that
  // shrank under it clamps it, and when the content then grew again before the scroll event came (a
  // reply's caret gone as its last text went in over a few tasks), that looked like a scroll up, and
  // the log stopped short of the end of the reply.
  let inputAt = Number.NEGATIVE_INFINITY;
  let pressed = false;
  const readerActive = () => pressed || performance.now() - inputAt < READER_INPUT_MS;
  const noteInput = () => void (inputAt = performance.now());
  const release = () => {
    pressed = false;
    noteInput();
    window.removeEventListener("pointerup", release);
    window.removeEventListener("pointercancel", release);
  };
  const press = () => {
    pressed = true;
    noteInput();
    window.addEventListener("pointerup", release);
    window.addEventListener("pointercancel", release);
  };
  createEffect(() => {
    // Passive: the log never cancels a scroll, so the browser need not wait for these.
    const options = { passive: true };
    for (const type of READER_INPUTS) scroller.addEventListener(type, noteInput, options);
    scroller.addEventListener("pointerdown", press, options);
    onCleanup(() => {
      for (const type of READER_INPUTS) scroller.removeEventListener(type, noteInput);
      scroller.removeEventListener("pointerdown", press);
      release();
    });
  });

  // Only the reader moving up stops following. Scrolls the page makes itself (the virtual list keeping
  // a re-measured row in place, a row grown before the next frame's follow) are not the reader's: taken
  // as theirs, they turned following off just as a permission card arrived, and left it out of sight.
  // Nor are moves layout made (above).
  const onScroll = () => {
    const top = scroller.scrollTop;
    const distance = scroller.scrollHeight - top - scroller.clientHeight;
    const own = ownTop !== undefined && Math.abs(top - ownTop) < 1;
    ownTop = undefined;
    pace.note(top, own);
    if (racing()) resumeAfterRace();
    if (distance <= STICKY_PX) setFollowing(true);
    else if (!own && top < lastTop && readerActive()) setFollowing(false);
    else if (following()) followSoon();
    lastTop = top;
  };

  // A resize of the viewport (narrow window, keyboard) must not break following, nor may the footer
  // growing: a permission card arrives after the reply's last change, and followed only by the rows
  // it sat half below the log's bottom, “Allow once” out of sight, while the agent waited.
  let footer!: HTMLDivElement;
  const resize = typeof ResizeObserver === "function" ? new ResizeObserver(() => following() && followSoon()) : undefined;
  createEffect(() => {
    resize?.observe(scroller);
    resize?.observe(footer);
  });
  onCleanup(() => resize?.disconnect());

  const toLatest = () => {
    setFollowing(true);
    toBottom();
  };

  return (
    <div class="relative flex min-h-0 flex-1 flex-col">
      <div
        ref={scroller}
        role="log"
        aria-label="Messages"
        aria-live="polite"
        aria-relevant="additions"
        tabindex="0"
        class="min-h-0 flex-1 overflow-y-auto px-4 py-3 outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-sky-500"
        onScroll={onScroll}
      >
        <Show when={ids().length} fallback={props.empty}>
          <div style={{ height: `${virtualizer.getTotalSize()}px`, position: "relative", width: "100%" }}>
            <For each={rowIds()}>
              {(id) => {
                // A row is a message, not a place in the list: when older messages arrive above it,
                // it moves down and keeps what it has built.
                const row = () => rowsById().get(id);
                // Until it is built the row is a box of the size the list gives it (measured before, or
                // estimated), so measuring it changes nothing, with faint lines where its text goes.
                const [built, setBuilt] = createSignal(false);
                const whole = opening;
                const boxPx = untrack(() => row()?.size ?? ESTIMATED_ROW_PX);
                onCleanup(
                  scheduler.request(
                    () => {
                      const current = row();
                      return current ? rankOf(current, whole) : OUT_OF_VIEW;
                    },
                    () => setBuilt(true),
                  ),
                );
                return (
                  <div
                    data-index={row()?.index}
                    ref={(el) => queueMicrotask(() => el.isConnected && virtualizer.measureElement(el))}
                    style={{
                      position: "absolute",
                      top: 0,
                      left: 0,
                      width: "100%",
                      transform: `translateY(${row()?.start ?? 0}px)`,
                      height: built() ? undefined : `${boxPx}px`,
                    }}
                    class="pb-3"
                    classList={{ "row-pending": !built() }}
                  >
                    <Show when={built()}>{untrack(() => props.renderMessage(id))}</Show>
                  </div>
                );
              }}
            </For>
          </div>
        </Show>
        <div ref={footer}>{props.footer}</div>
      </div>
      <Show when={!following()}>
        {/* The requests sit in the footer, at the very end: going there is going to the latest. */}
        <Show
          when={props.needsYou}
          fallback={
            <button type="button" class={`${FLOATING} bg-sky-600 hover:bg-sky-500`} onClick={toLatest}>
              Jump to latest ↓
            </button>
          }
        >
          <button type="button" class={`${FLOATING} bg-amber-700 hover:bg-amber-600`} onClick={toLatest}>
            Needs you ↓
          </button>
        </Show>
      </Show>
    </div>
  );
}

/**
 * How many ids now stand before what was the first one (older messages loaded above); 0 when the
 * first one is still first, or gone.
 */
export function prependedCount(previous: readonly string[], next: readonly string[]): number {
  if (next[0] === previous[0]) return 0;
  return Math.max(0, next.indexOf(previous[0]));
}
