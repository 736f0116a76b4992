/**
 * What a session changed, file by file: a region named "Changes" with one list item per file, each
 * with its path, added and removed line counts and its diff (unified or side by side). The diff HTML
 * comes from `renderDiff` (diff2html, sanitised), loaded with this view so the shell stays small.
 */
import type { SnapshotFileDiff } from "@opencode-ai/sdk/v2/client";
import { createResource, For, Show } from "solid-js";
import type { DiffLayout } from "../lib/diff-html";

export interface ChangesViewProps {
  files: SnapshotFileDiff[];
  layout: DiffLayout;
  onLayout: (layout: DiffLayout) => void;
  loading?: boolean;
  error?: string;
}

const renderer = () => import("../lib/diff-html");

export function ChangesView(props: ChangesViewProps) {
  const [diffs] = createResource(renderer);
  const valid = () => props.files.filter((file) => file && typeof file.file === "string");
  return (
    <section aria-label="Changes" class="max-h-[60vh] overflow-y-auto border-b border-zinc-200 px-4 py-2 text-sm dark:border-zinc-800">
      <div class="mb-2 flex items-center gap-2">
        <h3 class="text-xs font-semibold uppercase tracking-wide text-zinc-500">Changes</h3>
        <button
          type="button"
          aria-pressed={props.layout === "side-by-side"}
          class="ml-auto rounded-md border border-zinc-300 px-2 py-0.5 text-xs hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
          onClick={() => props.onLayout(props.layout === "side-by-side" ? "line-by-line" : "side-by-side")}
        >
          Side by side
        </button>
      </div>
      <Show when={props.error}>
        <p role="alert" class="text-red-700 dark:text-red-300">
          {props.error}
        </p>
      </Show>
      <Show when={valid().length} fallback={<p class="text-zinc-500">{props.loading ? "Loading the changes…" : "No changes in this session."}</p>}>
        <ul class="space-y-3">
          <For each={valid()}>
            {(file) => (
              <li aria-label={file.file} class="rounded-md border border-zinc-200 dark:border-zinc-800">
                <div class="flex items-center gap-2 border-b border-zinc-200 px-2 py-1 font-mono text-xs dark:border-zinc-800">
                  <span class="truncate">{file.file}</span>
                  <span class="text-zinc-500">{file.status ?? "modified"}</span>
                  <span class="ml-auto text-green-700 dark:text-green-400">+{Number(file.additions) || 0}</span>
                  <span class="text-red-700 dark:text-red-400">−{Number(file.deletions) || 0}</span>
                </div>
                <Show when={file.patch && diffs()} fallback={<p class="px-2 py-1 text-xs text-zinc-500">{file.patch ? "Drawing the diff…" : "The server sent no patch for this file."}</p>}>
                  {/* Sanitised in renderDiff: see lib/diff-html.ts. */}
                  <div class="overflow-x-auto text-xs" innerHTML={diffs()!.renderDiff(file.patch!, props.layout)} />
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
