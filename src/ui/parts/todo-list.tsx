/**
 * The session's todo list (`todo.updated`, or the todowrite tool's input): each todo with a status
 * icon and the status in words, so it reads without colour.
 */
import { For, Show } from "solid-js";
import type { Todo } from "@opencode-ai/sdk/v2/client";
import { isObject, lookup, text } from "../../lib/server-data";

const STATUS: Record<string, { icon: string; word: string; tone: string }> = {
  pending: { icon: "○", word: "To do", tone: "text-zinc-500 dark:text-zinc-400" },
  in_progress: { icon: "◐", word: "In progress", tone: "text-blue-600 dark:text-blue-400" },
  completed: { icon: "✓", word: "Done", tone: "text-emerald-600 dark:text-emerald-400" },
  cancelled: { icon: "✕", word: "Cancelled", tone: "text-zinc-400 dark:text-zinc-500" },
};

/** The words for a todo status ("in_progress" → "In progress"); unknown statuses are shown as sent. */
export function todoStatusWord(status: unknown): string {
  return lookup(STATUS, status)?.word ?? text(status);
}

/** A list of todos, labelled "Todos", each line "icon · status · content · priority". */
export function TodoList(props: { todos: Todo[] }) {
  return (
    <ul aria-label="Todos" class="space-y-0.5 text-sm">
      <For each={props.todos.filter(isObject)}>
        {(todo) => {
          const look = () => lookup(STATUS, todo.status) ?? STATUS.pending;
          return (
            <li class="flex items-baseline gap-2">
              <span aria-hidden="true" class={`w-4 shrink-0 text-center ${look().tone}`}>
                {look().icon}
              </span>
              <span class={`w-20 shrink-0 text-xs ${look().tone}`}>{todoStatusWord(todo.status)}</span>
              <span
                class={
                  todo.status === "completed" || todo.status === "cancelled"
                    ? "text-zinc-500 line-through dark:text-zinc-400"
                    : "text-zinc-800 dark:text-zinc-100"
                }
              >
                {text(todo.content)}
              </span>
              <Show when={todo.priority === "high"}>
                <span class="rounded bg-red-100 px-1 text-[10px] uppercase text-red-700 dark:bg-red-950 dark:text-red-300">
                  high priority
                </span>
              </Show>
            </li>
          );
        }}
      </For>
    </ul>
  );
}

/**
 * The session's todo panel: a region named “Todos” (so it can be found and skipped to) holding the
 * list in a `<details>` that starts open. Nothing is drawn without todos.
 */
export function TodoPanel(props: { todos: Todo[] | undefined }) {
  return (
    <Show when={props.todos?.length}>
      <section aria-label="Todos" class="border-b border-zinc-200 px-4 py-1.5 text-sm dark:border-zinc-800">
        <details open>
          <summary class="cursor-pointer text-xs font-semibold uppercase tracking-wide text-zinc-500">Todos</summary>
          <TodoList todos={props.todos!} />
        </details>
      </section>
    </Show>
  );
}
