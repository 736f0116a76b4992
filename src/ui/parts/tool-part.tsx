/**
 * A tool call: its name, what it works on, its status in words and colour, and its input and output
 * folded into `<details>`. Bash shows its command; task links to the child session it started.
 */
import { Match, Show, Switch } from "solid-js";
import type { ToolPart, ToolState } from "@opencode-ai/sdk/v2/client";
import { TodoList } from "./todo-list";
import { INTERRUPTED, toolStatusLook } from "./tool-status";
import { formatDuration } from "./format";
import { ToolTaskLink } from "./tool-task-link";
import { asTodos, taskResult, toolOutput } from "./tool-data";
import { num, rec, str, text } from "../../lib/server-data";

/** Props of {@link ToolPartView}. */
export interface ToolPartViewProps {
  part: ToolPart;
  /** Where a child session (started by the task tool) opens; undefined means "not linkable". */
  childSessionHref?: (sessionID: string) => string | undefined;
  /** The child session's title, when the caller knows it. */
  childSessionTitle?: (sessionID: string) => string | undefined;
  /** The reply stopped without finishing: a call still pending or running never will finish. */
  interrupted?: boolean;
}

const PRE_CLASS =
  "mt-1 max-h-80 overflow-auto whitespace-pre-wrap break-words rounded bg-zinc-50 p-2 font-mono text-xs text-zinc-800 dark:bg-zinc-900 dark:text-zinc-200";
const SUMMARY_CLASS =
  "cursor-pointer select-none text-xs text-zinc-500 hover:text-zinc-800 focus-visible:outline-2 focus-visible:outline-blue-500 dark:text-zinc-400 dark:hover:text-zinc-200";

/**
 * One tool part, as a group named "<tool> tool, <status>" (e.g. "bash tool, Completed"). The header
 * shows the tool, its subject (file, pattern, url or title) and the status word; the body shows the
 * bash command, the task's child-session link, the todo list for todowrite, collapsible input and
 * output, and the error in red.
 */
export function ToolPartView(props: ToolPartViewProps) {
  // The state as sent; each field below is read for what it is, whatever the server put there.
  const state = () => rec(props.part.state) as unknown as ToolState;
  const tool = () => str(props.part.tool) ?? "unknown";
  const unfinished = () => state().status !== "completed" && state().status !== "error";
  const status = () => (props.interrupted && unfinished() ? INTERRUPTED : toolStatusLook(state().status));
  const input = () => rec(state().input);
  const title = () => {
    const s = state();
    return s.status === "running" || s.status === "completed" ? str(s.title) : undefined;
  };
  const subject = () => str(input().filePath) ?? str(input().pattern) ?? str(input().url) ?? str(input().path) ?? title();
  const duration = () => {
    const s = state();
    if (s.status !== "completed" && s.status !== "error") return undefined;
    const time = rec(s.time);
    const start = num(time.start);
    const end = num(time.end);
    return start !== undefined && end !== undefined ? formatDuration(end - start) : undefined;
  };
  const output = () => {
    const printed = toolOutput(state());
    return tool() === "task" && printed ? taskResult(printed) : printed;
  };
  const errorText = () => {
    const s = state();
    return s.status === "error" ? text(s.error) : undefined;
  };
  const hasInput = () => Object.keys(input()).length > 0;
  const todos = () => (tool() === "todowrite" ? asTodos(input().todos) : undefined);

  return (
    <div
      role="group"
      aria-label={`${tool()} tool, ${status().word}`}
      class="rounded-md border border-zinc-200 bg-white px-3 py-2 text-sm dark:border-zinc-800 dark:bg-zinc-950"
    >
      <div class="flex min-w-0 items-center gap-2">
        <span class="shrink-0 font-mono text-xs font-semibold text-zinc-700 dark:text-zinc-200">{tool()}</span>
        <Show when={tool() !== "bash" && tool() !== "task" && subject()}>
          <span class="min-w-0 truncate font-mono text-xs text-zinc-500 dark:text-zinc-400" title={subject()}>
            {subject()}
          </span>
        </Show>
        <span class="ml-auto flex shrink-0 items-center gap-2">
          <Show when={duration()}>
            <span class="text-xs text-zinc-400 dark:text-zinc-500">{duration()}</span>
          </Show>
          <span class={`rounded px-1.5 py-0.5 text-[11px] font-medium ${status().tone}`}>
            <span aria-hidden="true">{status().icon} </span>
            {status().word}
          </span>
        </span>
      </div>

      <Switch>
        <Match when={tool() === "bash" && str(input().command)}>
          {(command) => (
            <pre class="mt-1 whitespace-pre-wrap break-all font-mono text-xs text-zinc-800 dark:text-zinc-200">
              <span aria-hidden="true" class="select-none text-zinc-400">
                ${" "}
              </span>
              {command()}
            </pre>
          )}
        </Match>
        <Match when={tool() === "task"}>
          <ToolTaskLink state={state()} childSessionHref={props.childSessionHref} childSessionTitle={props.childSessionTitle} />
        </Match>
      </Switch>

      <Show when={todos()}>
        {(list) => (
          <div class="mt-1">
            <TodoList todos={list()} />
          </div>
        )}
      </Show>

      <Show when={state().status === "pending" && !props.interrupted}>
        <p class="mt-1 text-xs italic text-zinc-400">Preparing the call…</p>
      </Show>

      <Show when={state().status !== "pending" && hasInput()}>
        <details class="mt-1">
          <summary class={SUMMARY_CLASS}>Input</summary>
          <pre class={PRE_CLASS}>{JSON.stringify(input(), null, 2)}</pre>
        </details>
      </Show>

      <Show when={output()}>
        <details class="mt-1">
          <summary class={SUMMARY_CLASS}>{state().status === "running" ? "Output so far" : "Output"}</summary>
          <pre class={PRE_CLASS}>{output()}</pre>
        </details>
      </Show>

      <Show when={errorText() !== undefined}>
        <p class="mt-1 whitespace-pre-wrap break-words text-xs text-red-700 dark:text-red-300">
          <span class="font-semibold">Error: </span>
          {errorText()}
        </p>
      </Show>
    </div>
  );
}
