/**
 * The page of one server: its sessions (every project, grouped by directory) in a sidebar, the open
 * session tabs, and the open session. The URL holds the instance and the session (`/i/:instance/s/:session`),
 * so a reload or a shared link opens the same tab again.
 */
import { useNavigate } from "@solidjs/router";
import { createEffect, createMemo, createSignal, For, Show, untrack } from "solid-js";
import { useSwitchboard } from "../app/context";
import type { InstanceRuntime } from "../app/instance-runtime";
import { projectDirectories, sessionBadges, sessionGroups } from "../app/view-models";
import { instanceHostLabel } from "../api/instance";
import { count } from "../lib/count";
import { sessionTitle } from "../lib/session-title";
import { collectDiagnostics } from "../app/diagnostics";
import { ConnectionStatus } from "../ui/connection-status";
import { Diagnostics } from "../ui/diagnostics";
import { InstanceActions } from "../ui/instance-actions";
import { needsPassword, PasswordPrompt } from "../ui/password-prompt";
import { SessionList } from "../ui/session-list";
import { SessionTabs } from "../ui/session-tabs";
import { LazySessionView } from "./lazy-session-view";
import { LocalServerSection } from "./local-server-section";
import { instanceHref, sessionHref } from "./links";

const button =
  "rounded-md border border-zinc-300 px-2.5 py-1 text-xs hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800";

export function InstancePage(props: { runtime: InstanceRuntime; sessionId?: string }) {
  const board = useSwitchboard();
  const navigate = useNavigate();
  const state = () => props.runtime.store.state;
  const open = () => board.tabs[props.runtime.id] ?? [];
  const groups = createMemo(() => sessionGroups(state(), (id) => sessionHref(props.runtime.id, id)));
  const directories = createMemo(() => projectDirectories(state(), props.runtime.path()?.directory));
  const [directory, setDirectory] = createSignal<string>();
  const [actionError, setActionError] = createSignal<string>();
  const chosenDirectory = () => directory() ?? props.runtime.path()?.directory ?? directories()[0];

  // Which session is shown is the URL's (`props.sessionId`), and nothing else decides it. What follows
  // from it: the shown session has a tab (added once per session shown, when the server knows it, so a
  // tab the user closes is not reopened while the URL moves on), and it is remembered as the one this
  // instance's tab leads back to.
  const shownKnown = createMemo(() => {
    const id = props.sessionId;
    return id !== undefined && state().sessions[id] !== undefined ? id : undefined;
  });
  createEffect(() => {
    const id = shownKnown();
    if (id) untrack(() => board.openSession(props.runtime.id, id));
  });
  createEffect(() => {
    if (props.sessionId) board.rememberShown(props.runtime.id, props.sessionId);
  });

  const tabs = createMemo(() =>
    open()
      .filter((id) => state().sessions[id])
      .map((id) => {
        const session = state().sessions[id]!;
        return { id, title: sessionTitle(session), badges: sessionBadges(state(), id), isChild: Boolean(session.parentID) };
      }),
  );

  const newSession = async () => {
    setActionError(undefined);
    try {
      const session = await board.createSession(props.runtime.id, chosenDirectory());
      navigate(sessionHref(props.runtime.id, session.id), { state: { focus: "prompt" } });
    } catch (error) {
      setActionError(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <div class="flex min-h-0 min-w-0 flex-1 flex-col md:flex-row">
      <aside class="flex max-h-[40vh] shrink-0 flex-col border-b border-zinc-200 bg-zinc-50 md:max-h-none md:w-72 md:border-r md:border-b-0 dark:border-zinc-800 dark:bg-zinc-900/60">
        <div class="space-y-2 border-b border-zinc-200 p-3 dark:border-zinc-800">
          <div class="flex items-center gap-2">
            <ConnectionStatus status={props.runtime.status()} detailed live={false} class="min-w-0 flex-1" />
            <Show when={["offline", "error", "reconnecting"].includes(props.runtime.status().state)}>
              <button type="button" class={button} onClick={() => board.retry(props.runtime.id)}>
                Retry
              </button>
            </Show>
          </div>
          <Show when={needsPassword(props.runtime.status())}>
            <PasswordPrompt
              name={instanceHostLabel(props.runtime.config().baseUrl)}
              onConnect={(password, remember) => board.setPassword(props.runtime.id, password, remember)}
            />
          </Show>
          <InstanceActions
            name={[props.runtime.config().label, instanceHostLabel(props.runtime.config().baseUrl)].filter(Boolean).join(" ")}
            label={props.runtime.config().label}
            onRename={(label) => board.renameInstance(props.runtime.id, label)}
            onRemove={() => {
              board.removeInstance(props.runtime.id);
              navigate("/");
            }}
          />
          <LocalServerSection runtime={props.runtime} />
          <Show when={props.runtime.syncError()}>
            <p role="alert" class="text-xs text-red-700 dark:text-red-300">
              {props.runtime.syncError()}
            </p>
          </Show>
          <Show when={state().dropped.unknown + state().dropped.malformed + state().dropped.internal > 0}>
            <p
              class="text-xs text-amber-700 dark:text-amber-300"
              title="Events the server sent that Switchboard could not use. They were skipped; everything else keeps working."
            >
              {count(state().dropped.unknown + state().dropped.malformed + state().dropped.internal, "event")} dropped (
              {state().dropped.malformed} malformed, {state().dropped.unknown} unknown
              {state().dropped.internal ? `, ${count(state().dropped.internal, "internal error")}` : ""})
            </p>
          </Show>
          <Diagnostics read={() => collectDiagnostics(props.runtime)} />
        </div>
        <div class="flex items-center gap-1.5 p-3 pb-1">
          <button
            type="button"
            class="rounded-md bg-sky-600 px-3 py-1 text-sm font-medium text-white hover:bg-sky-500 disabled:opacity-50"
            disabled={props.runtime.status().state !== "connected"}
            onClick={() => void newSession()}
          >
            New session
          </button>
          <Show when={directories().length > 1}>
            <select
              aria-label="Project directory"
              class="min-w-0 flex-1 rounded border border-zinc-300 bg-white px-1 py-1 text-xs dark:border-zinc-700 dark:bg-zinc-900"
              value={chosenDirectory()}
              onChange={(e) => setDirectory(e.currentTarget.value)}
            >
              <For each={directories()}>{(dir) => <option value={dir}>{dir}</option>}</For>
            </select>
          </Show>
        </div>
        <Show when={actionError()}>
          <p role="alert" class="px-3 text-xs text-red-700 dark:text-red-300">
            {actionError()}
          </p>
        </Show>
        <div class="min-h-0 flex-1 overflow-y-auto p-2">
          <SessionList groups={groups()} active={props.sessionId} />
        </div>
      </aside>
      <Show
        when={tabs().length || props.sessionId}
        fallback={
          <div class="flex flex-1 items-center justify-center p-6">
            <EmptySession wanted={undefined} synced={props.runtime.synced()} />
          </div>
        }
      >
        <SessionTabs
          sessions={tabs()}
          active={shownKnown()}
          onSelect={(id) => navigate(sessionHref(props.runtime.id, id))}
          onClose={(id) => {
            const next = board.closeSession(props.runtime.id, id);
            if (id === props.sessionId) navigate(next ? sessionHref(props.runtime.id, next) : instanceHref(props.runtime.id));
          }}
        >
          <Show keyed when={shownKnown()} fallback={<EmptySession wanted={props.sessionId} synced={props.runtime.synced()} />}>
            {(id) => <LazySessionView runtime={props.runtime} sessionId={id} />}
          </Show>
        </SessionTabs>
      </Show>
    </div>
  );
}

/** What the session area says when no session is shown: why, and what to do. */
function EmptySession(props: { wanted: string | undefined; synced: boolean }) {
  const text = () => {
    if (!props.wanted) return "Open a session from the list, or start one with “New session”.";
    if (!props.synced) return "Loading the session…";
    return `Session ${props.wanted} is not on this server (it may have been deleted). Open another from the list.`;
  };
  return <p class="m-auto max-w-sm p-6 text-center text-sm text-zinc-500">{text()}</p>;
}
