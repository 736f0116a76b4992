/**
 * A reasoning part: the model's thinking, folded away behind a "Reasoning" summary because it is
 * long and rarely what the user is looking for.
 */
import { Show } from "solid-js";
import type { ReasoningPart } from "@opencode-ai/sdk/v2/client";
import { Markdown } from "./markdown";
import { formatDuration } from "./format";
import { num, rec, text } from "../../lib/server-data";

/**
 * Reasoning in a `<details>` that starts closed. The summary says "Reasoning" plus "thinking…" while
 * it streams or how long it took once done; opening it shows the text as markdown.
 */
export function ReasoningPartView(props: { part: ReasoningPart; interrupted?: boolean }) {
  const time = () => rec(props.part.time);
  const end = () => num(time().end);
  const took = () => {
    const start = num(time().start);
    const stop = end();
    return start !== undefined && stop !== undefined ? formatDuration(stop - start) : "";
  };
  return (
    <details class="group rounded-md text-sm">
      <summary class="flex cursor-pointer select-none items-center gap-1.5 text-xs text-zinc-500 hover:text-zinc-800 focus-visible:outline-2 focus-visible:outline-blue-500 dark:text-zinc-400 dark:hover:text-zinc-200">
        <span aria-hidden="true" class="transition-transform group-open:rotate-90">
          ▸
        </span>
        <span class="font-medium">Reasoning</span>
        <Show when={end() !== undefined} fallback={<span class="italic">{props.interrupted ? "interrupted" : "thinking…"}</span>}>
          <span>{took()}</span>
        </Show>
      </summary>
      <div class="mt-1 border-l-2 border-zinc-200 pl-3 text-zinc-600 dark:border-zinc-700 dark:text-zinc-300">
        <Markdown text={text(props.part.text)} class="text-zinc-600! dark:text-zinc-300!" />
      </div>
    </details>
  );
}
