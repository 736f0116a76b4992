/**
 * The "Broadcast results" region: one card per target of the latest broadcast, side by side, with
 * status, the reply as it streams, duration, tokens and cost, a link to open it as a normal tab, and
 * the exports.
 */
import { A } from "@solidjs/router";
import { Index, Show } from "solid-js";
import type { BroadcastResult } from "../app/broadcast";
import { formatCost, formatDuration, formatTokens } from "./parts/format";

export interface BroadcastResultsProps {
  prompt: string;
  results: readonly BroadcastResult[];
  href: (result: BroadcastResult) => string | undefined;
  onExport: (format: "markdown" | "json") => void;
}

const STATUS_CLASS: Record<BroadcastResult["status"], string> = {
  starting: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
  busy: "bg-sky-100 text-sky-800 dark:bg-sky-900 dark:text-sky-200",
  retrying: "bg-amber-100 text-amber-800 dark:bg-amber-900 dark:text-amber-200",
  done: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-200",
  error: "bg-red-100 text-red-800 dark:bg-red-900 dark:text-red-200",
  failed: "bg-red-100 text-red-800 dark:bg-red-900 dark:text-red-200",
};

const BUTTON = "rounded-md border border-zinc-300 px-2 py-0.5 text-xs hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800";

export function BroadcastResults(props: BroadcastResultsProps) {
  return (
    <section aria-label="Broadcast results" class="border-b border-zinc-200 p-3 dark:border-zinc-800">
      <div class="mb-2 flex flex-wrap items-center gap-2">
        <h2 class="text-sm font-semibold">Broadcast</h2>
        <span class="min-w-0 flex-1 truncate text-sm text-zinc-600 dark:text-zinc-300" title={props.prompt}>
          {props.prompt}
        </span>
        <button type="button" class={BUTTON} onClick={() => props.onExport("markdown")}>
          Export Markdown
        </button>
        <button type="button" class={BUTTON} onClick={() => props.onExport("json")}>
          Export JSON
        </button>
      </div>
      <ul role="list" class="grid max-h-[40vh] grid-cols-[repeat(auto-fill,minmax(16rem,1fr))] gap-2 overflow-y-auto">
        {/* Index, not For: the cards are rebuilt on every streamed token, and each stays the same element. */}
        <Index each={props.results}>
          {(result) => (
            <li
              aria-label={`${result().target.server} ${result().target.directory}`}
              class="flex min-h-32 flex-col rounded-md border border-zinc-200 p-2 text-xs dark:border-zinc-700"
            >
              <div class="flex items-center gap-1.5">
                <span class="font-medium">{result().target.server}</span>
                <span class="min-w-0 flex-1 truncate font-mono text-zinc-500" title={result().target.directory}>
                  {result().target.directory}
                </span>
                <span class={`rounded px-1 font-semibold uppercase tracking-wide ${STATUS_CLASS[result().status]}`}>{result().status}</span>
              </div>
              <p class="mt-1 line-clamp-6 min-h-0 flex-1 whitespace-pre-wrap text-sm text-zinc-800 dark:text-zinc-100">
                {result().error ?? result().text}
              </p>
              <div class="mt-1 flex items-center gap-2 text-zinc-500">
                <span>{result().durationMs === undefined ? "—" : formatDuration(result().durationMs!)}</span>
                <span>{formatTokens(result().tokens)} tokens</span>
                <span>{formatCost(result().cost)}</span>
                <Show when={props.href(result())}>
                  {(href) => (
                    <A href={href()} class="ml-auto text-sky-700 hover:underline dark:text-sky-300">
                      Open
                    </A>
                  )}
                </Show>
              </div>
            </li>
          )}
        </Index>
      </ul>
    </section>
  );
}
