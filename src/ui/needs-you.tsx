/**
 * The "Needs you" region: every pending permission and question of every server, newest first, each
 * with the same card (and buttons) as in its session, and a link to that session. Presentational:
 * the answers go to the callbacks, which know which server to send them to.
 */
import { A } from "@solidjs/router";
import type { QuestionAnswer } from "@opencode-ai/sdk/v2/client";
import { createMemo, For, Show, type JSX } from "solid-js";
import type { AttentionItem } from "../app/merged";
import type { PermissionReply } from "../api/actions";
import { PermissionCard } from "./parts/permission-card";
import { QuestionCard } from "./parts/question-card";

export interface NeedsYouProps {
  items: readonly AttentionItem[];
  href: (item: AttentionItem) => string;
  onPermission: (item: AttentionItem & { kind: "permission" }, reply: PermissionReply) => Promise<void>;
  onQuestion: (item: AttentionItem & { kind: "question" }, answers: QuestionAnswer[]) => Promise<void>;
  onRejectQuestion: (item: AttentionItem & { kind: "question" }) => Promise<void>;
  /** Controls beside the heading (the page puts "Notify me" there). */
  actions?: JSX.Element;
}

export function NeedsYou(props: NeedsYouProps) {
  // Items are rebuilt whenever any store changes; keying the list by the request (not the object)
  // keeps each card, and the answer it is sending, in place meanwhile.
  const byKey = createMemo(() => new Map(props.items.map((item) => [item.key, item])));
  const keys = createMemo(() => props.items.map((item) => item.key));
  return (
    <section aria-label="Needs you" class="flex min-h-0 flex-col border-zinc-200 lg:w-[28rem] lg:border-l dark:border-zinc-800">
      <div class="flex flex-wrap items-center gap-2 border-b border-zinc-200 px-3 py-2 dark:border-zinc-800">
        <h2 class="flex items-center gap-2 text-sm font-semibold">
          Needs you
          <Show when={props.items.length}>
            <span class="rounded-full bg-amber-500 px-1.5 text-[11px] font-semibold text-white">{props.items.length}</span>
          </Show>
        </h2>
        {props.actions}
      </div>
      <Show
        when={props.items.length}
        fallback={<p class="p-4 text-sm text-zinc-500">Nothing waits for you: no permission or question is pending on any server.</p>}
      >
        <ul class="min-h-0 flex-1 space-y-3 overflow-y-auto p-3">
          <For each={keys()}>
            {(key) => (
              <Show when={byKey().get(key)}>
                {(item) => (
                  <li class="space-y-1.5">
                    <p class="flex flex-wrap items-baseline gap-x-2 text-xs text-zinc-500">
                      <A href={props.href(item())} class="text-sm font-medium text-sky-700 hover:underline dark:text-sky-300">
                        {item().sessionTitle}
                      </A>
                      <span>{item().server}</span>
                      <Show when={item().directory}>
                        <span class="font-mono">{item().directory}</span>
                      </Show>
                    </p>
                    <Show
                      when={item().kind === "permission" ? (item() as AttentionItem & { kind: "permission" }) : undefined}
                      fallback={
                        <QuestionCard
                          request={(item() as AttentionItem & { kind: "question" }).request}
                          onReply={(answers) => props.onQuestion(item() as AttentionItem & { kind: "question" }, answers)}
                          onReject={() => props.onRejectQuestion(item() as AttentionItem & { kind: "question" })}
                        />
                      }
                    >
                      {(permission) => (
                        <PermissionCard request={permission().request} onReply={(reply) => props.onPermission(permission(), reply)} />
                      )}
                    </Show>
                  </li>
                )}
              </Show>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
