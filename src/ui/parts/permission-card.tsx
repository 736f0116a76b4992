/**
 * A pending permission request (`permission.asked`): what the agent wants to do, and the three
 * answers the server accepts. The agent waits (the session stays busy) until one is sent.
 */
import { createUniqueId, For, Show } from "solid-js";
import type { PermissionRequest } from "@opencode-ai/sdk/v2/client";
import type { PermissionReply } from "../../api/actions";
import { PartBoundary } from "../part-boundary";
import { createReplyState } from "./reply-state";
import { ReplyFeedback } from "./reply-feedback";
import { lookup, rec, str, strings } from "../../lib/server-data";

const ACTION: Record<string, string> = {
  bash: "run this command",
  edit: "edit",
  write: "write",
  read: "read",
  webfetch: "fetch",
  websearch: "search the web for",
  external_directory: "work outside the project in",
  task: "start a subagent for",
};

/** The three answers, in the order people expect them: the safe default first, the refusal last. */
const CHOICES: Array<{ reply: PermissionReply; label: string; class: string }> = [
  { reply: "once", label: "Allow once", class: "bg-blue-600 text-white hover:bg-blue-700 dark:bg-blue-500 dark:hover:bg-blue-400" },
  {
    reply: "always",
    label: "Always allow",
    class:
      "border border-zinc-300 bg-white text-zinc-800 hover:bg-zinc-100 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800",
  },
  {
    reply: "reject",
    label: "Reject",
    class:
      "border border-red-300 bg-white text-red-700 hover:bg-red-50 dark:border-red-800 dark:bg-zinc-900 dark:text-red-300 dark:hover:bg-red-950",
  },
];

const BUTTON =
  "rounded-md px-3 py-1 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-500 disabled:cursor-not-allowed disabled:opacity-50";

/** Props of {@link PermissionCard}. */
export interface PermissionCardProps {
  request: PermissionRequest;
  onReply: (reply: PermissionReply) => Promise<void> | void;
}

/**
 * A card (a region named "Permission request: <permission>") with the command or patterns, what
 * "Always allow" would also allow, and buttons named exactly "Allow once", "Always allow" and
 * "Reject". Buttons are disabled while `onReply` runs and after it succeeds; if it throws or
 * rejects, the card says so and the buttons work again. A request missing some of its fields still
 * gets its card and its buttons; one that cannot be shown at all is a placeholder.
 */
export function PermissionCard(props: PermissionCardProps) {
  return (
    <PartBoundary what="permission request" retryOn={() => props.request}>
      <PermissionCardBody {...props} />
    </PartBoundary>
  );
}

function PermissionCardBody(props: PermissionCardProps) {
  const headingId = createUniqueId();
  const reply = createReplyState<PermissionReply>();
  const permission = () => str(props.request.permission) ?? "a tool";
  const command = () => str(rec(props.request.metadata).command);
  const action = () => lookup(ACTION, props.request.permission) ?? `use ${permission()} on`;
  const always = () => strings(props.request.always);
  const answer = (value: PermissionReply) => reply.send(value, () => props.onReply(value));

  return (
    <section
      aria-labelledby={headingId}
      class="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950/40"
    >
      <h3 id={headingId} class="font-semibold text-amber-900 dark:text-amber-200">
        Permission request: {permission()}
      </h3>
      <p class="mt-1 text-zinc-700 dark:text-zinc-200">The agent wants to {action()}:</p>
      <Show
        when={command()}
        fallback={
          <ul class="mt-1 space-y-0.5 font-mono text-xs text-zinc-800 dark:text-zinc-100">
            <For each={strings(props.request.patterns)}>{(pattern) => <li>{pattern}</li>}</For>
          </ul>
        }
      >
        <pre class="mt-1 whitespace-pre-wrap break-all rounded bg-white/70 px-2 py-1 font-mono text-xs text-zinc-900 dark:bg-black/30 dark:text-zinc-100">
          {command()}
        </pre>
      </Show>
      <Show when={always().length > 0}>
        <p class="mt-2 text-xs text-zinc-600 dark:text-zinc-300">
          “Always allow” also allows from now on: <span class="font-mono">{always().join(", ")}</span>
        </p>
      </Show>
      <div class="mt-3 flex flex-wrap gap-2" aria-busy={reply.pending() ? "true" : undefined}>
        <For each={CHOICES}>
          {(choice) => (
            <button type="button" class={`${BUTTON} ${choice.class}`} disabled={reply.busy()} onClick={() => answer(choice.reply)}>
              {choice.label}
            </button>
          )}
        </For>
      </div>
      <ReplyFeedback pending={!!reply.pending()} error={reply.error()} />
    </section>
  );
}
