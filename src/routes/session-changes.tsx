/**
 * The bar under the session header: context and cost, and the session's Changes, wired: a "Changes" button (with the number of changed files) that opens the
 * Changes region. The files come from the store's `session.diff` events when any arrived, otherwise
 * from `GET /session/:id/diff`, fetched again whenever the session itself changes (a step finished,
 * an undo or redo) while the region is open.
 */
import { createResource, createSignal, Show } from "solid-js";
import { useSwitchboard } from "../app/context";
import type { InstanceRuntime } from "../app/instance-runtime";
import { contextUsage } from "../app/context-usage";
import { cachedCatalogue, sessionDiff } from "../api/session-api";
import type { DiffLayout } from "../lib/diff-html";
import { ChangesView } from "../ui/changes-view";
import { ContextUsageView } from "../ui/context-usage";

export function SessionChanges(props: { runtime: InstanceRuntime; sessionId: string }) {
  const board = useSwitchboard();
  const [open, setOpen] = createSignal(false);
  const [layout, setLayout] = createSignal<DiffLayout>("line-by-line");
  const session = () => props.runtime.store.state.sessions[props.sessionId];
  const [fetched] = createResource(
    () => (open() && session() ? { session: session()!, at: session()!.time?.updated, revert: session()!.revert?.messageID } : false),
    ({ session }) => sessionDiff(props.runtime.config(), session, board.fetch),
  );
  const files = () => fetched.latest ?? props.runtime.store.state.diffs[props.sessionId] ?? [];
  const [catalogue] = createResource(() => session()?.directory, (directory) => cachedCatalogue(props.runtime.config(), directory, board.fetch).catch(() => undefined));
  const count = () => session()?.summary?.files ?? files().length;

  return (
    <>
      <div class="flex items-center gap-2 border-b border-zinc-200 px-4 py-1 dark:border-zinc-800">
        <button
          type="button"
          aria-expanded={open()}
          class="rounded-md border border-zinc-300 px-2 py-0.5 text-xs hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
          onClick={() => setOpen((value) => !value)}
        >
          Changes
        </button>
        <span class="text-xs text-zinc-500">{count() === 1 ? "1 file changed" : `${count()} files changed`}</span>
        <span class="ml-auto">
          <ContextUsageView usage={contextUsage(props.runtime.store.state.messages[props.sessionId] ?? [], catalogue())} />
        </span>
      </div>
      <Show when={open()}>
        <ChangesView
          files={files()}
          layout={layout()}
          onLayout={setLayout}
          loading={fetched.loading}
          error={fetched.error ? (fetched.error instanceof Error ? fetched.error.message : String(fetched.error)) : undefined}
        />
      </Show>
    </>
  );
}
