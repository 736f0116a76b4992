/**
 * The frame around everything: the header with the "Instances" tablist and "Add instance", and the
 * page of the selected instance. Which instance is selected comes from the URL.
 */
import { useNavigate, useParams } from "@solidjs/router";
import { createMemo, onMount, Show } from "solid-js";
import { useSwitchboard } from "../app/context";
import { waitingCount } from "../app/view-models";
import { instanceHostLabel } from "../api/instance";
import { AddInstanceDialog } from "../ui/add-instance-dialog";
import { InstanceTabs } from "../ui/instance-tabs";
import { InstancePage } from "./instance-page";
import { loadSessionView } from "./lazy-session-view";
import { instanceHref } from "./links";

export function AppShell() {
  const board = useSwitchboard();
  const params = useParams<{ instance?: string; session?: string }>();
  const navigate = useNavigate();
  // Fetch the session view (and its markdown renderer) once the shell has painted, so the first
  // session opens without waiting for it while it stays out of the initial JavaScript.
  onMount(() => {
    const prefetch = () => void loadSessionView();
    if (typeof requestIdleCallback === "function") requestIdleCallback(prefetch, { timeout: 2000 });
    else setTimeout(prefetch, 200);
  });
  const activeId = createMemo(() => {
    const wanted = params.instance ? decodeURIComponent(params.instance) : undefined;
    if (wanted && board.runtime(wanted)) return wanted;
    return board.order()[0];
  });

  const tabs = createMemo(() =>
    board.instances().map((runtime) => ({
      id: runtime.id,
      label: runtime.config().label,
      host: instanceHostLabel(runtime.config().baseUrl),
      url: runtime.config().baseUrl,
      status: runtime.status(),
      version: runtime.version(),
      projects: Object.values(runtime.store.state.projects)
        .map((p) => p.worktree)
        .filter((w) => w && w !== "/"),
      waiting: waitingCount(runtime.store.state),
    })),
  );

  const connect = async (values: Parameters<typeof board.connect>[0]) => {
    const result = await board.connect(values);
    if ("error" in result) return result.error;
    navigate(instanceHref(result.instanceId));
    return result.notice ? { notice: result.notice } : undefined;
  };

  return (
    <div class="flex h-screen flex-col bg-white text-zinc-900 dark:bg-zinc-950 dark:text-zinc-100">
      <header class="flex shrink-0 items-center gap-3 border-b border-zinc-200 px-3 py-2 dark:border-zinc-800">
        <h1 class="flex items-center gap-2 text-sm font-semibold">
          <img src="/favicon.svg" alt="" class="h-5 w-5" />
          Switchboard
        </h1>
        <div class="ml-auto">
          <AddInstanceDialog onConnect={connect} />
        </div>
      </header>
      <Show
        when={board.order().length}
        fallback={
          <div class="m-auto max-w-md p-8 text-center">
            <h2 class="text-lg font-semibold">Watch and drive your OpenCode servers</h2>
            <p class="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
              Start one with <code class="rounded bg-zinc-100 px-1 dark:bg-zinc-800">opencode serve --port 4096</code>, then
              press “Add instance” and enter its port.
            </p>
          </div>
        }
      >
        <InstanceTabs instances={tabs()} active={activeId()} onSelect={(id) => navigate(instanceHref(id))}>
          <Show keyed when={activeId() ? board.runtime(activeId()!) : undefined}>
            {(runtime) => (
              <InstancePage
                runtime={runtime}
                sessionId={params.instance && decodeURIComponent(params.instance) === runtime.id && params.session ? decodeURIComponent(params.session) : undefined}
              />
            )}
          </Show>
        </InstanceTabs>
      </Show>
    </div>
  );
}
