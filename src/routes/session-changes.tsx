/**
 * The bar under the session header: context and cost, and the session's Changes, wired: a "Changes"
 * button (with the number of files the session changed) that opens the Changes region.
 *
 * Whether Changes is open, which source it shows and which file a link asked for belong to the URL
 * (`?changes=session|tree&file=…`, see links.ts), so a changed file in the message log is a real link.
 * "This session" is derived from the messages in the store (app/changes.ts says why not from
 * `GET /session/:id/diff`); "Working tree" is fetched while shown, and again when the session moves
 * on (a step finished, an undo or redo) or on Refresh.
 */
import { useSearchParams } from "@solidjs/router";
import { createMemo, createResource, createSignal, Show } from "solid-js";
import { useSwitchboard } from "../app/context";
import type { InstanceRuntime } from "../app/instance-runtime";
import { keepUnchangedFiles, sessionChanges, workingTreeChanges, type ChangedFile } from "../app/changes";
import { contextUsage } from "../app/context-usage";
import { loadDiffLayout, saveDiffLayout } from "../app/persistence";
import { cachedCatalogue, loadWorkingTree } from "../api/session-api";
import type { DiffLayout } from "../lib/diff-html";
import { ChangesView, type ChangesSource } from "../ui/changes-view";
import { ContextUsageView } from "../ui/context-usage";
import { paintedOnce } from "../lib/after-paint";
import { count } from "../lib/count";

/** opencode's project id for a folder that is not in a git repository (it keeps no snapshots there). */
const NO_GIT_PROJECT = "global";

export function SessionChanges(props: { runtime: InstanceRuntime; sessionId: string }) {
  const board = useSwitchboard();
  const [params, setParams] = useSearchParams<{ changes?: string; file?: string }>();
  const source = (): ChangesSource | undefined =>
    params.changes === "tree" ? "tree" : params.changes === "session" ? "session" : undefined;
  const focus = () => (typeof params.file === "string" ? params.file : undefined);
  // The layout is the user's choice for every session, kept across reloads.
  const storages = board.environment.storages;
  const [layout, setLayout] = createSignal<DiffLayout>(loadDiffLayout(storages));
  const chooseLayout = (next: DiffLayout) => {
    setLayout(next);
    saveDiffLayout(storages, next);
  };
  const session = () => props.runtime.store.state.sessions[props.sessionId];
  const directory = () => session()?.directory;

  // The header's sums run over every message and read each one through the store (which makes its
  // proxy): for a long session that is tens of milliseconds. They wait until the log has painted the
  // loaded session, so opening it does not wait for them.
  const loaded = () => (props.runtime.store.state.messages[props.sessionId]?.length ?? 0) > 0;
  const painted = paintedOnce(loaded);
  // And until the whole history is in: a long session's older pages arrive one by one after it opens,
  // and summing every message again for each would make each page a long task.
  const messages = () =>
    painted() && props.runtime.historyComplete(props.sessionId) ? (props.runtime.store.state.messages[props.sessionId] ?? []) : [];
  const sessionFiles = createMemo<ChangedFile[]>((previous) => keepUnchangedFiles(previous, sessionChanges(messages(), session()?.revert)));
  const [tree, { refetch }] = createResource(
    () => (source() === "tree" && session() ? { directory: directory(), at: session()!.time?.updated } : false),
    ({ directory }) => loadWorkingTree(props.runtime.config(), directory, board.fetch),
  );
  // A resource that failed throws when read: look at its error first.
  const treeAnswer = () => (tree.error ? undefined : tree.latest);
  const treeFiles = createMemo<ChangedFile[]>((previous) => keepUnchangedFiles(previous, workingTreeChanges(treeAnswer()?.diffs)));
  // Only the context figure needs it, and that waits for the history too.
  const [catalogue] = createResource(
    () => (painted() ? directory() : undefined),
    (dir) => cachedCatalogue(props.runtime.config(), dir, board.fetch).catch(() => undefined),
  );

  const notGit = () =>
    `${directory() ?? "This folder"} is not a git repository, so there is no working tree to compare with. Run "git init" there to track its changes.`;
  // Opening, closing and switching replace the history entry: only a followed link adds one.
  const show = (next: ChangesSource | undefined) => setParams({ changes: next, file: undefined }, { replace: true });

  return (
    <>
      <div class="flex items-center gap-2 border-b border-zinc-200 px-4 py-1 dark:border-zinc-800">
        <button
          type="button"
          aria-expanded={!!source()}
          class="rounded-md border border-zinc-300 px-2 py-0.5 text-xs hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
          onClick={() => show(source() ? undefined : "session")}
        >
          Changes
        </button>
        <span class="text-xs text-zinc-500">{count(sessionFiles().length, "file")} changed</span>
        <span class="ml-auto">
          <ContextUsageView usage={contextUsage(messages(), catalogue())} />
        </span>
      </div>
      <Show when={source()}>
        {(shown) => (
          <ChangesView
            source={shown()}
            onSource={show}
            files={shown() === "tree" ? treeFiles() : sessionFiles()}
            layout={layout()}
            onLayout={chooseLayout}
            focus={focus()}
            loading={shown() === "tree" && tree.loading}
            error={shown() === "tree" && tree.error ? errorSentence(tree.error) : undefined}
            notice={shown() === "tree" && treeAnswer() && !treeAnswer()!.git ? notGit() : undefined}
            empty={
              shown() === "tree"
                ? "No uncommitted changes in the working tree."
                : session()?.projectID === NO_GIT_PROJECT
                  ? `No changes recorded: OpenCode records a session's changes only in a git repository, and ${directory() ?? "this folder"} is not one.`
                  : "No changes in this session."
            }
            onRefresh={shown() === "tree" ? () => void refetch() : undefined}
          />
        )}
      </Show>
    </>
  );
}

function errorSentence(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
