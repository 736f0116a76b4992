/**
 * What changed, file by file: a region named "Changes" with one list item per file, each with its
 * path, status, added and removed line counts and its diff (one per turn that changed it). Two
 * sources, "This session" and "Working tree", and two layouts, "Unified" and "Side by side". The diff
 * renderer (diff2html, sanitised, then highlight.js) is loaded with this view so the shell stays small.
 */
import { createEffect, createResource, For, Show } from "solid-js";
import type { ChangedFile } from "../app/changes";
import type { DiffLayout } from "../lib/diff-html";
import { DiffBlock } from "./diff-block";
import { formatClock } from "./parts/format";
import { SegmentedChoice } from "./segmented-choice";

export type ChangesSource = "session" | "tree";

export interface ChangesViewProps {
  source: ChangesSource;
  onSource: (source: ChangesSource) => void;
  files: ChangedFile[];
  layout: DiffLayout;
  onLayout: (layout: DiffLayout) => void;
  /** A file a link asked for: its item is scrolled to, focused and marked current once listed. */
  focus?: string;
  loading?: boolean;
  /** Why the changes could not be loaded, as a sentence. */
  error?: string;
  /** A sentence that replaces the list, e.g. that the folder is not a git repository. */
  notice?: string;
  /** What an empty list means for this source. */
  empty?: string;
  /** Loads the working tree again (it changes outside OpenCode too); absent for the session. */
  onRefresh?: () => void;
}

const renderer = () => import("../lib/diff-html");

const SOURCES = [
  { value: "session", label: "This session" },
  { value: "tree", label: "Working tree" },
] as const;

const LAYOUTS = [
  { value: "line-by-line", label: "Unified" },
  { value: "side-by-side", label: "Side by side" },
] as const;

const BUTTON = "rounded-md border border-zinc-300 px-2 py-0.5 text-xs hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800";

export function ChangesView(props: ChangesViewProps) {
  const [diffs] = createResource(renderer);
  let list: HTMLUListElement | undefined;
  // Bring the linked file into view once, when it is first listed (the list may still be loading).
  let broughtIntoView: string | undefined;
  createEffect(() => {
    const focus = props.focus;
    if (!focus) broughtIntoView = undefined;
    if (!focus || focus === broughtIntoView || !props.files.some((file) => file.file === focus)) return;
    broughtIntoView = focus;
    const item = [...(list?.children ?? [])].find((child) => child.getAttribute("data-file") === focus) as HTMLElement | undefined;
    item?.scrollIntoView?.({ block: "start" });
    item?.focus({ preventScroll: true });
  });
  const missing = () =>
    !!props.focus && !props.loading && !props.error && !props.notice && !props.files.some((file) => file.file === props.focus);

  return (
    <section aria-label="Changes" class="max-h-[60vh] overflow-y-auto border-b border-zinc-200 px-4 py-2 text-sm dark:border-zinc-800">
      <div class="mb-2 flex flex-wrap items-center gap-2">
        <h3 class="text-xs font-semibold uppercase tracking-wide text-zinc-500">Changes</h3>
        <SegmentedChoice label="Changes of" options={SOURCES} value={props.source} onChange={props.onSource} />
        <Show when={props.onRefresh}>
          {(refresh) => (
            <button type="button" class={BUTTON} disabled={props.loading} onClick={() => refresh()()}>
              Refresh
            </button>
          )}
        </Show>
        <span class="ml-auto">
          <SegmentedChoice label="Layout" options={LAYOUTS} value={props.layout} onChange={props.onLayout} />
        </span>
      </div>
      <Show when={props.error}>
        <p role="alert" class="text-red-700 dark:text-red-300">
          {props.error}
        </p>
      </Show>
      <Show when={missing()}>
        <p role="status" class="text-zinc-500">
          {props.focus} is not among these changes any more.
        </p>
      </Show>
      <Show when={!props.notice} fallback={<p class="text-zinc-600 dark:text-zinc-300">{props.notice}</p>}>
        <Show
          when={props.files.length}
          fallback={<p class="text-zinc-500">{props.loading ? "Loading the changes…" : (props.empty ?? "No changes.")}</p>}
        >
          <ul ref={list} class="space-y-3">
            <For each={props.files}>
              {(file) => (
                <li
                  aria-label={file.file}
                  aria-current={props.focus === file.file ? "true" : undefined}
                  data-file={file.file}
                  tabIndex={-1}
                  class="rounded-md border border-zinc-200 outline-none focus-visible:ring-2 focus-visible:ring-sky-500 aria-[current]:border-sky-500 dark:border-zinc-800"
                >
                  <FileHeader file={file} />
                  <Show
                    when={file.patches.length}
                    fallback={<p class="px-2 py-1 text-xs text-zinc-500">The server sent no patch for this file.</p>}
                  >
                    <For each={file.patches}>
                      {(patch) => (
                        <>
                          <Show when={file.patches.length > 1 && patch.at}>
                            {(at) => (
                              <p class="border-b border-zinc-100 px-2 py-0.5 text-xs text-zinc-500 dark:border-zinc-800">
                                Prompt at {formatClock(at())}
                              </p>
                            )}
                          </Show>
                          <Show when={diffs()} fallback={<p class="px-2 py-1 text-xs text-zinc-500">Drawing the diff…</p>}>
                            {(renderer) => <DiffBlock patch={patch.patch} path={file.file} layout={props.layout} renderer={renderer()} />}
                          </Show>
                        </>
                      )}
                    </For>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
    </section>
  );
}

function FileHeader(props: { file: ChangedFile }) {
  return (
    <div class="flex items-center gap-2 border-b border-zinc-200 px-2 py-1 font-mono text-xs dark:border-zinc-800">
      <span class="truncate" title={props.file.file}>
        {props.file.file}
      </span>
      <span class="text-zinc-500">{props.file.status}</span>
      <span class="ml-auto text-green-700 dark:text-green-400">+{props.file.additions}</span>
      <span class="text-red-700 dark:text-red-400">−{props.file.deletions}</span>
    </div>
  );
}
