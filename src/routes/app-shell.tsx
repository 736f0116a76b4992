/**
 * The frame around everything: the header with the "Instances" tablist and "Add instance", and the
 * page of the selected instance. Which instance (and session) is shown comes from the URL alone; a
 * link to an instance that is not added says so and offers to add it.
 */
import { useLocation, useNavigate, useParams } from "@solidjs/router";
import { createEffect, createMemo, createSignal, onCleanup, onMount, Show } from "solid-js";
import { CompanionProvider } from "../app/companion-context";
import { createCompanionSync } from "../app/companion-sync";
import { useSwitchboard } from "../app/context";
import type { Switchboard } from "../app/switchboard";
import { waitingCount } from "../app/view-models";
import { addressFromInstanceId, instanceHostLabel } from "../api/instance";
import { AddInstanceDialog, type ConnectAnswer } from "../ui/add-instance-dialog";
import { showWaiting } from "../app/page-badge";
import { DiscoveryStatus, TUI_HINT } from "../ui/discovery-status";
import { ALL_SERVERS_TAB, InstanceTabs } from "../ui/instance-tabs";
import { StartServerDialog } from "../ui/start-server-dialog";
import { CommandPalette } from "../ui/command-palette";
import { mergedRows } from "../app/merged";
import { paletteEntries, type PaletteEntry } from "../app/palette";
import { createBroadcasts } from "../app/broadcasts";
import { createDesktopNotices } from "../app/desktop-notices";
import { AllPage, mergedSources } from "./all-page";
import { InstancePage } from "./instance-page";
import { loadSessionView } from "./lazy-session-view";
import { instanceHref, safeDecode, sessionHref } from "./links";
import { preloadOnIntent } from "./preload-on-intent";

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
  // A session's history starts loading when the user reaches for its link.
  onCleanup(preloadOnIntent(document, (instanceId, sessionId) => board.preloadSession(instanceId, sessionId)));
  // Fetch the session view (and its markdown renderer) once the shell has painted, so the first
  // session opens without waiting for it while it stays out of the initial JavaScript.
  onMount(() => {
    const prefetch = () => void loadSessionView();
    if (typeof requestIdleCallback === "function") requestIdleCallback(prefetch, { timeout: 2000 });
    else setTimeout(prefetch, 200);
  });
  const location = useLocation();
  // Broadcasts outlive the All servers page (a result opened as a tab and back keeps its grid).
  const broadcasts = createBroadcasts(board);
  // Notifications watch every server from any page; "Notify me" sits on the All servers page.
  const notices = createDesktopNotices({
    sources: () => mergedSources(board).map((source) => ({ ...source, ready: board.runtime(source.instanceId)!.synced })),
    port: board.environment.notifications,
    storages: board.environment.storages,
    hidden: board.environment.pageHidden,
    open: (instanceId, sessionId) => navigate(sessionHref(instanceId, sessionId)),
  });
  /** The "All servers" page: `/all`, or the home page once more than one server is added. */
  const showAll = createMemo(
    () => board.order().length > 0 && (location.pathname === "/all" || (location.pathname === "/" && board.order().length > 1)),
  );
  const wantedInstance = () => (params.instance ? safeDecode(params.instance) : undefined);
  const wantedSession = () => (params.session ? safeDecode(params.session) : undefined);
  // A function, not a ternary in the JSX: the compiler wraps an inline ternary prop in a memo made on
  // each read, and the page reads it in event handlers (closing a tab), outside any owner.
  const sessionShownOn = (instanceId: string) => (wantedInstance() === instanceId ? wantedSession() : undefined);
  /** The instance shown: the URL's, or the first one on `/`; undefined when the URL names one not added. */
  const activeId = createMemo(() => {
    if (showAll()) return undefined;
    const wanted = wantedInstance();
    if (wanted !== undefined) return board.order().includes(wanted) ? wanted : undefined;
    return board.order()[0];
  });
  const activeTab = createMemo(() => (showAll() ? ALL_SERVERS_TAB : activeId()));
  const missingInstance = () => (wantedInstance() !== undefined && activeId() === undefined ? wantedInstance() : undefined);
  /** An instance's tab leads back to the session last shown there, if its tab is still open. */
  const selectInstance = (id: string) => {
    if (id === ALL_SERVERS_TAB) return navigate("/all");
    const session = board.lastShown(id);
    navigate(session ? sessionHref(id, session) : instanceHref(id));
  };

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

  // The palette reads the sessions only while it is open (entries is called from its own memo).
  const [addOpen, setAddOpen] = createSignal(false);
  const paletteItems = () =>
    paletteEntries(
      tabs().map((tab) => ({
        id: tab.id,
        name: [tab.label, tab.host].filter(Boolean).join(" "),
        url: tab.url,
        href: instanceHref(tab.id),
      })),
      mergedRows(mergedSources(board)),
      (row) => sessionHref(row.instanceId, row.sessionId),
    );
  const pick = (entry: PaletteEntry) => {
    if (entry.kind === "action") return entry.action === "add-instance" ? setAddOpen(true) : navigate("/all");
    if (entry.kind === "server") return selectInstance(entry.key.slice("server:".length));
    navigate(entry.href);
  };

  const waiting = createMemo(() => tabs().reduce((sum, tab) => sum + tab.waiting, 0));
  createEffect(() => showWaiting(document, waiting()));

  const connect = async (values: Parameters<typeof board.connect>[0]) => {
    const result = await board.connect(values);
    if ("error" in result) return result.error;
    // The server is shown, unless the URL already names it (a link to a server that was not added);
    // a link's session stays in the URL when the server's id came out other than the link's.
    if (result.instanceId !== activeId()) {
      const session = wantedSession();
      navigate(missingInstance() && session ? sessionHref(result.instanceId, session) : instanceHref(result.instanceId));
    }
    return result.notice ? { notice: result.notice } : undefined;
  };

  return (
    <CompanionProvider companion={companion}>
      <div class="flex h-screen flex-col bg-white text-zinc-900 dark:bg-zinc-950 dark:text-zinc-100">
        <header class="flex shrink-0 items-center gap-3 border-b border-zinc-200 px-3 py-2 dark:border-zinc-800">
          <h1 class="flex shrink-0 items-center gap-2 text-sm font-semibold">
            <img src="/favicon.svg" alt="" class="h-5 w-5" />
            Switchboard
          </h1>
          <div class="ml-auto flex min-w-0 items-center gap-3">
            <DiscoveryStatus
              available={!!companion}
              autoAdd={companion?.autoAdd() ?? false}
              onAutoAdd={(value) => companion?.setAutoAdd(value)}
              problem={companion?.problem()}
            />
            <Show when={companion}>
              <StartServerDialog recentDirectories={companion!.recentDirectories()} onStart={startServer} />
            </Show>
            <AddInstanceDialog onConnect={connect} open={addOpen()} onOpenChange={setAddOpen} />
          </div>
        </header>
        <CommandPalette entries={paletteItems} onPick={pick} />
        <Show when={missingInstance()}>{(id) => <MissingInstance id={id()} onConnect={connect} />}</Show>
        <Show
          when={board.order().length}
          fallback={
            <Show when={!missingInstance()}>
              <div class="m-auto max-w-md p-8 text-center">
                <h2 class="text-lg font-semibold">Watch and drive your OpenCode servers</h2>
                <p class="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
                  Start one with <code class="rounded bg-zinc-100 px-1 dark:bg-zinc-800">opencode serve --port 4096</code>, then press “Add
                  instance” and enter its port.
                </p>
                <p class="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
                  {companion
                    ? "Servers running on this machine appear here by themselves."
                    : "Start Switchboard with `npm start` to find servers on this machine."}{" "}
                  {TUI_HINT}
                </p>
              </div>
            </Show>
          }
        >
          <InstanceTabs instances={tabs()} all={{ waiting: waiting() }} active={activeTab()} onSelect={selectInstance}>
            <Show when={!showAll()} fallback={<AllPage broadcasts={broadcasts} notices={notices} />}>
              <Show keyed when={activeId() ? board.runtime(activeId()!) : undefined}>
                {(runtime) => <InstancePage runtime={runtime} sessionId={sessionShownOn(runtime.id)} />}
              </Show>
            </Show>
          </InstanceTabs>
        </Show>
      </div>
    </CompanionProvider>
  );
}

/** A link to an instance that is not added here (removed, or from another browser): say so, offer to add it. */
function MissingInstance(props: { id: string; onConnect: (values: Parameters<Switchboard["connect"]>[0]) => Promise<ConnectAnswer> }) {
  const address = () => addressFromInstanceId(props.id);
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const add = async () => {
    const url = address();
    if (!url) return;
    setBusy(true);
    const answer = await props.onConnect({ address: url, password: "", rememberPassword: false, label: "" });
    setError(typeof answer === "string" ? answer : undefined);
    setBusy(false);
  };
  return (
    <div
      role="alert"
      class="mx-auto mt-8 max-w-md rounded-md border border-amber-300 bg-amber-50 p-4 text-sm dark:border-amber-700 dark:bg-amber-950/40"
    >
      <p class="font-medium">This link is for a server that is not added here: {address() ?? props.id}.</p>
      <Show when={address()} fallback={<p class="mt-1">Add it with “Add instance”, then open the link again.</p>}>
        <button
          type="button"
          disabled={busy()}
          onClick={() => void add()}
          class="mt-2 rounded-md bg-sky-600 px-3 py-1 text-sm font-medium text-white hover:bg-sky-500 disabled:opacity-50"
        >
          Add {address()}
        </button>
      </Show>
      <Show when={error()}>
        <p class="mt-2 text-red-700 dark:text-red-300">{error()}</p>
      </Show>
    </div>
  );
}
