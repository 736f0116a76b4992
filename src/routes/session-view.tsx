/**
 * One open session: header (title, parent link, status), the live message log, pending permission
 * requests and questions, the last error or retry status, todos, and the prompt box. Reads the
 * instance store; every action goes through the switchboard.
 */
import { A } from "@solidjs/router";
import { createMemo, For, Show } from "solid-js";
import { useSwitchboard } from "../app/context";
import type { InstanceRuntime } from "../app/instance-runtime";
import { createMessageOrder } from "../app/message-order";
import { visibleMessages } from "../app/undo";
import { messageTail, sessionBadges, sessionErrorToShow } from "../app/view-models";
import { HistoryError } from "../ui/history-error";
import { MessageLog } from "../ui/message-log";
import { MessageView } from "../ui/parts/message-view";
import { PermissionCard } from "../ui/parts/permission-card";
import { QuestionCard } from "../ui/parts/question-card";
import { RetryStatus, type RetrySessionStatus } from "../ui/parts/retry-status";
import { SessionErrorView } from "../ui/parts/session-error";
import { TodoPanel } from "../ui/parts/todo-list";
import { scheduleWarmUp } from "../ui/parts/warm-up";
import { Badges } from "../ui/session-list";
import { sessionTitle } from "../lib/session-title";
import { changesHref, sessionHref } from "./links";
import { SessionChanges } from "./session-changes";
import { SessionHeaderActions } from "./session-header-actions";
import { SessionMessageActions } from "./session-message-actions";
import { SessionPrompt } from "./session-prompt";

// This chunk loads ahead of the first session opened (once the shell has painted): build sample
// messages while the page is idle, so that the first rows a reader waits for do not also pay for
// every first use (see warm-up.tsx).
scheduleWarmUp();

export function SessionView(props: { runtime: InstanceRuntime; sessionId: string }) {
  const board = useSwitchboard();
  const state = () => props.runtime.store.state;
  const session = () => state().sessions[props.sessionId];
  // Undone messages stay on the server until the next prompt; they are not shown (see app/undo.ts).
  const messages = () => visibleMessages(state().messages[props.sessionId] ?? [], session()?.revert);
  const order = createMessageOrder(messages);
  // Solid gives an object its store proxy on the first read through the store, and copies every
  // property descriptor of it then: read for the first time after a 2,000-message load, the parts
  // map (one key per message) took ~20 ms of the open. Read now, before this session's parts arrive.
  void state().parts;
  const status = () => state().status[props.sessionId];
  const busy = () => status()?.type === "busy" || status()?.type === "retry";
  const retry = () => {
    const current = status();
    return current?.type === "retry" ? current : undefined;
  };
  // The reply a retry was for, and the last retry status: once the reply is stopped the status is
  // gone, and an empty reply still has to say what was failing.
  const retried = createMemo<{ id: string; status: RetrySessionStatus } | undefined>((previous) => {
    const current = retry();
    const last = messages()[messages().length - 1];
    return current && last?.role === "assistant" ? { id: last.id, status: current } : previous;
  });
  const parent = () => {
    const parentID = session()?.parentID;
    return parentID ? state().sessions[parentID] : undefined;
  };
  const href = (id: string) => sessionHref(props.runtime.id, id);
  const title = () => {
    const current = session();
    return current ? sessionTitle(current) : undefined;
  };
  const parentTitle = () => {
    const current = parent();
    return current ? sessionTitle(current) : undefined;
  };
  const tail = () => messageTail(state(), props.sessionId);
  // An empty log says why: nothing has been said yet, or the history is still on its way (a long
  // session is not "empty" for the moment its first page takes).
  const emptyLog = () => {
    if (props.runtime.historyError(props.sessionId)) return "The messages could not be loaded.";
    return props.runtime.isLoaded(props.sessionId) ? "No messages yet. Write one below." : "Loading messages…";
  };
  const retryHistory = () => {
    const current = session();
    return current ? props.runtime.loadSession(current).catch(() => undefined) : undefined;
  };

  return (
    <section aria-label={title() ?? "Session"} class="flex min-h-0 flex-1 flex-col">
      <header class="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-zinc-200 px-4 py-2 dark:border-zinc-800">
        <h2 class="truncate text-sm font-semibold">{title() ?? "Loading session…"}</h2>
        <Badges badges={sessionBadges(state(), props.sessionId)} />
        <Show when={session()?.parentID}>
          <A
            href={href(session()!.parentID!)}
            class="text-xs text-sky-700 hover:underline dark:text-sky-400"
            aria-label={`Parent session: ${parentTitle() ?? "parent"}`}
          >
            ↑ Parent session: {parentTitle() ?? session()!.parentID}
          </A>
        </Show>
        <span class="ml-auto truncate font-mono text-xs text-zinc-500" title={session()?.directory}>
          {session()?.directory}
        </span>
        <SessionHeaderActions runtime={props.runtime} sessionId={props.sessionId} />
      </header>
      <SessionChanges runtime={props.runtime} sessionId={props.sessionId} />
      <TodoPanel todos={state().todos[props.sessionId]} />
      <Show when={props.runtime.historyError(props.sessionId)}>
        {(message) => <HistoryError message={message()} onRetry={() => void retryHistory()} />}
      </Show>
      <MessageLog
        ids={order.ids()}
        needsYou={(state().permissions[props.sessionId]?.length ?? 0) + (state().questions[props.sessionId]?.length ?? 0)}
        tail={tail()}
        empty={<p class="py-8 text-center text-sm text-zinc-500">{emptyLog()}</p>}
        renderMessage={(id) => {
          const message = () => order.message(id);
          return (
            <Show when={message()}>
              <MessageView
                message={message()!}
                retried={retried()?.id === id ? retried()!.status : undefined}
                joinedMidStream={props.runtime.joinedMidStream}
                parts={state().parts[id] ?? []}
                childSessionHref={href}
                changesHref={(file) => changesHref(props.runtime.id, props.sessionId, file)}
                childSessionTitle={(childId) => {
                  const child = state().sessions[childId];
                  return child ? sessionTitle(child) : undefined;
                }}
                live={busy() && id === order.ids()[order.ids().length - 1]}
                actions={
                  <SessionMessageActions
                    runtime={props.runtime}
                    sessionId={props.sessionId}
                    message={message()!}
                    parts={state().parts[id] ?? []}
                  />
                }
              />
            </Show>
          );
        }}
        footer={
          <div class="space-y-2">
            <For each={state().permissions[props.sessionId] ?? []}>
              {(request) => (
                <PermissionCard request={request} onReply={(reply) => board.replyPermission(props.runtime.id, request, reply)} />
              )}
            </For>
            <For each={state().questions[props.sessionId] ?? []}>
              {(request) => (
                <QuestionCard
                  request={request}
                  onReply={(answers) => board.replyQuestion(props.runtime.id, request, answers)}
                  onReject={() => board.rejectQuestion(props.runtime.id, request)}
                />
              )}
            </For>
            <Show when={retry()}>{(current) => <RetryStatus status={current()} />}</Show>
            <Show when={!busy() && sessionErrorToShow(state(), props.sessionId)}>{(error) => <SessionErrorView error={error()} />}</Show>
          </div>
        }
      />
      <SessionPrompt runtime={props.runtime} sessionId={props.sessionId} busy={busy()} />
    </section>
  );
}
