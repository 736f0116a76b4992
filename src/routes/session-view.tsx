/**
 * One open session: header (title, parent link, status), the live message log, pending permission
 * requests and questions, the last error or retry status, todos, and the prompt box. Reads the
 * instance store; every action goes through the switchboard.
 */
import { A } from "@solidjs/router";
import { For, Show } from "solid-js";
import { useSwitchboard } from "../app/context";
import type { InstanceRuntime } from "../app/instance-runtime";
import { createMessageOrder } from "../app/message-order";
import { sessionBadges } from "../app/view-models";
import { MessageLog } from "../ui/message-log";
import { MessageView } from "../ui/parts/message-view";
import { PermissionCard } from "../ui/parts/permission-card";
import { QuestionCard } from "../ui/parts/question-card";
import { RetryStatus } from "../ui/parts/retry-status";
import { SessionErrorView } from "../ui/parts/session-error";
import { TodoList } from "../ui/parts/todo-list";
import { PromptBox } from "../ui/prompt-box";
import { Badges } from "../ui/session-list";
import { sessionHref } from "./links";

export function SessionView(props: { runtime: InstanceRuntime; sessionId: string }) {
  const board = useSwitchboard();
  const state = () => props.runtime.store.state;
  const session = () => state().sessions[props.sessionId];
  const messages = () => state().messages[props.sessionId] ?? [];
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
  const parent = () => {
    const parentID = session()?.parentID;
    return parentID ? state().sessions[parentID] : undefined;
  };
  const href = (id: string) => sessionHref(props.runtime.id, id);
  const tail = () => {
    const last = messages()[messages().length - 1];
    const parts = last ? state().parts[last.id] : undefined;
    const part = parts?.[parts.length - 1];
    if (!part) return last?.id;
    return part.type === "text" || part.type === "reasoning" ? `${part.id}:${part.text.length}` : `${part.id}:${part.type === "tool" ? part.state.status : ""}`;
  };

  return (
    <section aria-label={session()?.title ?? "Session"} class="flex min-h-0 flex-1 flex-col">
      <header class="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-zinc-200 px-4 py-2 dark:border-zinc-800">
        <h2 class="truncate text-sm font-semibold">{session()?.title ?? "Loading session…"}</h2>
        <Badges badges={sessionBadges(state(), props.sessionId)} />
        <Show when={session()?.parentID}>
          <A href={href(session()!.parentID!)} class="text-xs text-sky-700 hover:underline dark:text-sky-400" aria-label={`Parent session: ${parent()?.title ?? "parent"}`}>
            ↑ Parent session: {parent()?.title ?? session()!.parentID}
          </A>
        </Show>
        <span class="ml-auto truncate font-mono text-xs text-zinc-500" title={session()?.directory}>
          {session()?.directory}
        </span>
      </header>
      <Show when={state().todos[props.sessionId]?.length}>
        <details class="border-b border-zinc-200 px-4 py-1.5 text-sm dark:border-zinc-800" open>
          <summary class="cursor-pointer text-xs font-semibold uppercase tracking-wide text-zinc-500">Todos</summary>
          <TodoList todos={state().todos[props.sessionId]!} />
        </details>
      </Show>
      <MessageLog
        ids={order.ids()}
        tail={tail()}
        empty={<p class="py-8 text-center text-sm text-zinc-500">No messages yet. Write one below.</p>}
        renderMessage={(id) => {
          const message = () => order.message(id);
          return (
            <Show when={message()}>
              <MessageView
                message={message()!}
                parts={state().parts[id] ?? []}
                childSessionHref={href}
                childSessionTitle={(childId) => state().sessions[childId]?.title}
              />
            </Show>
          );
        }}
        footer={
          <div class="space-y-2">
            <For each={state().permissions[props.sessionId] ?? []}>
              {(request) => <PermissionCard request={request} onReply={(reply) => board.replyPermission(props.runtime.id, request, reply)} />}
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
            <Show when={!busy() && state().errors[props.sessionId]}>{(error) => <SessionErrorView error={error()} />}</Show>
          </div>
        }
      />
      <PromptBox
        busy={busy()}
        connected={props.runtime.status().state === "connected"}
        onSend={(text) => board.sendPrompt(props.runtime.id, props.sessionId, text)}
        onStop={() => board.abort(props.runtime.id, props.sessionId)}
      />
    </section>
  );
}
