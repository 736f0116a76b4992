/**
 * The live log of a server Switchboard started: a `role=log` named "Server log" that follows the
 * tail (unless the reader scrolled up to read), a level filter, and Copy for what is shown.
 */
import { createEffect, createMemo, createSignal, For, on } from "solid-js";
import type { LogLevel, LogLine } from "../../shared/companion-api";
import { count } from "../lib/count";

const RANK: Record<LogLevel, number> = { DEBUG: 0, OTHER: 1, INFO: 1, WARN: 2, ERROR: 3 };
const COLOR: Record<LogLevel, string> = {
  DEBUG: "text-zinc-500",
  OTHER: "",
  INFO: "",
  WARN: "text-amber-700 dark:text-amber-300",
  ERROR: "text-red-700 dark:text-red-300",
};

export function ServerLog(props: { lines: LogLine[] }) {
  const [minimum, setMinimum] = createSignal(0);
  const [copied, setCopied] = createSignal(false);
  const shown = createMemo(() => props.lines.filter((line) => RANK[line.level] >= minimum()));
  let box!: HTMLDivElement;
  let following = true;

  createEffect(
    on(
      () => shown().length,
      () => {
        if (following) box.scrollTop = box.scrollHeight;
      },
    ),
  );

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(
        shown()
          .map((line) => line.text)
          .join("\n"),
      );
      setCopied(true);
      setTimeout(() => setCopied(false), 1_500);
    } catch {
      setCopied(false);
    }
  };

  return (
    <div class="flex min-h-0 flex-col gap-2">
      <div class="flex items-center gap-2 text-xs">
        <label class="flex items-center gap-1">
          Level
          <select
            class="rounded border border-zinc-300 bg-white px-1 py-0.5 dark:border-zinc-700 dark:bg-zinc-900"
            value={minimum()}
            onChange={(e) => setMinimum(Number(e.currentTarget.value))}
          >
            <option value="0">All</option>
            <option value="1">INFO and above</option>
            <option value="2">WARN and above</option>
            <option value="3">ERROR only</option>
          </select>
        </label>
        <span class="text-zinc-500">{count(shown().length, "line")}</span>
        <button
          type="button"
          class="ml-auto rounded border border-zinc-300 px-2 py-0.5 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
          onClick={() => void copy()}
        >
          {copied() ? "Copied" : "Copy"}
        </button>
      </div>
      <div
        ref={box}
        role="log"
        aria-label="Server log"
        tabindex="0"
        class="h-[50vh] overflow-auto rounded border border-zinc-200 bg-zinc-50 p-2 font-mono text-[11px] leading-snug dark:border-zinc-700 dark:bg-zinc-900"
        onScroll={() => {
          following = box.scrollTop + box.clientHeight >= box.scrollHeight - 8;
        }}
      >
        <For each={shown()}>{(line) => <div class={`break-all whitespace-pre-wrap ${COLOR[line.level]}`}>{line.text}</div>}</For>
      </div>
    </div>
  );
}
