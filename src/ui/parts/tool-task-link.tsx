/**
 * The line under a task tool call that leads to the child session the subagent works in.
 */
import { Show } from "solid-js";
import type { ToolState } from "@opencode-ai/sdk/v2/client";
import { taskChildSessionId } from "./tool-data";
import { rec, str } from "../../lib/server-data";

/**
 * "Subagent @general: <child title>", where the title links to `childSessionHref(sessionId)` when the
 * caller gives one. The link text is the child's title if known, else the call's title or description.
 */
export function ToolTaskLink(props: {
  state: ToolState;
  childSessionHref?: (sessionID: string) => string | undefined;
  childSessionTitle?: (sessionID: string) => string | undefined;
}) {
  const childId = () => taskChildSessionId(props.state);
  const input = () => rec(props.state.input);
  const agent = () => str(input().subagent_type);
  const label = () => {
    const id = childId();
    const s = props.state;
    return (
      (id ? props.childSessionTitle?.(id) : undefined) ??
      (s.status === "running" || s.status === "completed" ? str(s.title) : undefined) ??
      str(input().description) ??
      "Subagent session"
    );
  };
  const href = () => {
    const id = childId();
    return id ? props.childSessionHref?.(id) : undefined;
  };
  return (
    <Show when={props.state.status !== "pending"}>
      <p class="mt-1 flex min-w-0 items-baseline gap-1.5 text-xs text-zinc-600 dark:text-zinc-300">
        <span class="shrink-0">Subagent{agent() ? ` @${agent()}` : ""}:</span>
        <Show when={href()} fallback={<span class="truncate font-medium">{label()}</span>}>
          {(link) => (
            <a href={link()} class="truncate font-medium text-blue-700 underline hover:no-underline dark:text-blue-400">
              {label()}
            </a>
          )}
        </Show>
      </p>
    </Show>
  );
}
