/**
 * The frame around everything: the header with the "Instances" tablist and "Add instance", and the
 * page of the selected instance. Which instance is selected comes from the URL.
 */
import { useNavigate, useParams } from "@solidjs/router";
import { createMemo, onMount, Show } from "solid-js";
import { CompanionProvider } from "../app/companion-context";
import { createCompanionSync } from "../app/companion-sync";
import { useSwitchboard } from "../app/context";
import { waitingCount } from "../app/view-models";
import { instanceHostLabel } from "../api/instance";
import { AddInstanceDialog } from "../ui/add-instance-dialog";
import { DiscoveryStatus, TUI_HINT } from "../ui/discovery-status";
import { InstanceTabs } from "../ui/instance-tabs";
import { StartServerDialog } from "../ui/start-server-dialog";
import { InstancePage } from "./instance-page";
import { loadSessionView } from "./lazy-session-view";
import { instanceHref } from "./links";

export function AppShell() {
  const board = useSwitchboard();
  const params = useParams<{ instance?: string; session?: string }>();
  const navigate = useNavigate();
  // The local companion (npm start), when it served this page: discovery and started servers.
  const companion = createCompanionSync(board);
  const startServer = async (values: { directory: string; port?: number }) => {
    try {
      navigate(instanceHref(await companion!.start(values)));
      return undefined;
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error), logs: (error as { logs?: string[] }).logs ?? [] };
    }
  };
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
    const message = await board.connect(values);
    if (!message) {
      const added = board.order()[board.order().length - 1];
      if (added) navigate(instanceHref(added));
    }
    return message;
  };

  return (
    <CompanionProvider companion={companion}>
      <div class="flex h-screen flex-col bg-white text-zinc-900 dark:bg-zinc-950 dark:text-zinc-100">
        <header class="flex shrink-0 items-center gap-3 border-b border-zinc-200 px-3 py-2 dark:border-zinc-800">
          <h1 class="flex items-center gap-2 text-sm font-semibold">
            <img src="/favicon.svg" alt="" class="h-5 w-5" />
            Switchboard
          </h1>
          <div class="ml-auto flex items-center gap-3">
            <DiscoveryStatus available={!!companion} autoAdd={companion?.autoAdd() ?? false} onAutoAdd={(value) => companion?.setAutoAdd(value)} problem={companion?.problem()} />
            <Show when={companion}>
              <StartServerDialog recentDirectories={companion!.recentDirectories()} onStart={startServer} />
            </Show>
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
              <p class="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
                {companion ? "Servers running on this machine appear here by themselves." : "Start Switchboard with `npm start` to find servers on this machine."} {TUI_HINT}
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
    </CompanionProvider>
  );
}
