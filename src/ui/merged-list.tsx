/**
 * The "All sessions" region: every session of every server in one list, a search box and the
 * busy / needs you / errors filters. Only the rows near the viewport are in the DOM (a virtual list
 * with fixed-height rows), so 5,000 sessions cost what 30 do. Presentational: the rows come already
 * filtered; the search text and the filter are the caller's.
 */
import { A } from "@solidjs/router";
import { createVirtualizer } from "@tanstack/solid-virtual";
import { createMemo, For, Show } from "solid-js";
import type { MergedFilter, MergedRow } from "../app/merged";
import { formatCost } from "./parts/format";
import { Badges } from "./session-list";
import { count, formatNumber } from "../lib/count";

export interface MergedListProps {
  rows: readonly MergedRow[];
  /** How many sessions there are before filtering (for "12 of 5,000"). */
  total: number;
  query: string;
  onQuery: (query: string) => void;
  filter: MergedFilter;
  onFilter: (filter: MergedFilter) => void;
  href: (row: MergedRow) => string;
  /** "now" for the relative times; a prop so tests and the list's own ticking agree. */
  now: number;
}

/** Every row is this tall (px): fixed, so the list never measures a row. */
export const MERGED_ROW_PX = 44;

const FILTERS: Array<{ value: Exclude<MergedFilter, "all">; label: string }> = [
  { value: "busy", label: "Busy" },
  { value: "needs-you", label: "Needs you" },
  { value: "errors", label: "Errors" },
];

/** "just now", "5 min ago", "3 h ago", "2 d ago": last activity as a person scans it. */
export function formatAgo(ms: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - ms) / 1000));
  if (seconds < 60) return "just now";
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}

export function MergedList(props: MergedListProps) {
  let scroller!: HTMLDivElement;
  const virtualizer = createVirtualizer({
    get count() {
      return props.rows.length;
    },
    getScrollElement: () => scroller,
    estimateSize: () => MERGED_ROW_PX,
    overscan: 8,
    // No getItemKey: rows have one fixed height, so there is no size cache to key, and the virtualizer
    // would call it for all 5,000 rows inside its computation on every keystroke, subscribing to
    // `props.rows` 5,000 times (measured: ~100 ms per keystroke in Chromium).
  });

  // The rows in view, as the row objects themselves: a row keeps its DOM while it only moves (a
  // session whose activity brings it to the top moves every row above it down by one), and is drawn
  // again only when the page hands a new object for it, that is when something it shows changed.
  const firstInView = () => virtualizer.getVirtualItems()[0]?.index ?? 0;
  const inView = createMemo(() => {
    const items = virtualizer.getVirtualItems();
    return items.length ? props.rows.slice(items[0].index, items[items.length - 1].index + 1) : [];
  });

  return (
    <section aria-label="All sessions" class="flex min-h-0 min-w-0 flex-1 flex-col">
      <div class="flex flex-wrap items-center gap-2 border-b border-zinc-200 p-3 dark:border-zinc-800">
        <input
          type="search"
          aria-label="Search sessions"
          placeholder="Search by title or directory"
          value={props.query}
          onInput={(event) => props.onQuery(event.currentTarget.value)}
          class="min-w-48 flex-1 rounded-md border border-zinc-300 bg-white px-2.5 py-1 text-sm outline-none focus:border-sky-500 focus:ring-2 focus:ring-sky-500/30 dark:border-zinc-600 dark:bg-zinc-900"
        />
        <div role="group" aria-label="Show only" class="flex gap-1">
          <For each={FILTERS}>
            {(choice) => (
              <button
                type="button"
                aria-pressed={props.filter === choice.value}
                onClick={() => props.onFilter(props.filter === choice.value ? "all" : choice.value)}
                class="rounded-md border border-zinc-300 px-2 py-1 text-xs hover:bg-zinc-100 aria-pressed:border-sky-600 aria-pressed:bg-sky-600 aria-pressed:text-white dark:border-zinc-700 dark:hover:bg-zinc-800"
              >
                {choice.label}
              </button>
            )}
          </For>
        </div>
        <span class="text-xs text-zinc-500" aria-live="polite">
          {props.rows.length === props.total
            ? count(props.total, "session")
            : `${formatNumber(props.rows.length)} of ${count(props.total, "session")}`}
        </span>
      </div>
      <div ref={scroller} data-merged-scroller class="min-h-0 flex-1 overflow-y-auto">
        <Show
          when={props.rows.length}
          fallback={
            <p class="p-6 text-center text-sm text-zinc-500">{props.total ? "No session matches." : "No sessions on any server yet."}</p>
          }
        >
          <ul role="list" class="relative w-full" style={{ height: `${virtualizer.getTotalSize()}px` }}>
            <For each={inView()}>
              {(row, i) => {
                const index = () => firstInView() + i();
                return (
                  <li
                    aria-setsize={props.rows.length}
                    aria-posinset={index() + 1}
                    data-index={index()}
                    style={{
                      position: "absolute",
                      top: 0,
                      left: 0,
                      width: "100%",
                      height: `${MERGED_ROW_PX}px`,
                      transform: `translateY(${index() * MERGED_ROW_PX}px)`,
                    }}
                    class="flex items-center gap-3 border-b border-zinc-100 px-3 text-sm dark:border-zinc-900"
                  >
                    <span class="flex min-w-0 flex-[2] items-center gap-1.5" style={{ "padding-left": `${row.depth * 1.1}rem` }}>
                      <Show when={row.depth > 0}>
                        <span aria-hidden="true" class="text-zinc-400">
                          ↳
                        </span>
                        <span class="sr-only">subagent:</span>
                      </Show>
                      <A href={props.href(row)} class="min-w-0 truncate font-medium hover:underline">
                        {row.title}
                      </A>
                      <Badges badges={row.badges} />
                    </span>
                    <span class="hidden min-w-0 flex-[2] truncate font-mono text-xs text-zinc-500 sm:block" title={row.directory}>
                      {row.directory}
                    </span>
                    <span class="w-20 shrink-0 truncate text-xs text-zinc-600 dark:text-zinc-400">{row.server}</span>
                    <span class="w-20 shrink-0 text-right text-xs text-zinc-500">{formatAgo(row.updated, props.now)}</span>
                    <span class="w-16 shrink-0 text-right text-xs tabular-nums text-zinc-500">
                      {row.cost === undefined ? "—" : formatCost(row.cost)}
                    </span>
                  </li>
                );
              }}
            </For>
          </ul>
        </Show>
      </div>
    </section>
  );
}
