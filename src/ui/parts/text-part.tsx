/**
 * A text part: what the model (or the user) wrote. Assistant text is markdown; user text is shown as
 * typed, since the user did not write it for a markdown renderer.
 */
import { Show } from "solid-js";
import type { TextPart } from "@opencode-ai/sdk/v2/client";
import { Markdown } from "./markdown";
import { isObject, text } from "../../lib/server-data";

/**
 * One text part. `plain` shows the text as typed (user messages); otherwise it is sanitised markdown
 * with highlighted code, and a caret shows while the part is still streaming (no `time.end` yet,
 * and its reply was not `interrupted`). `joinedMidStream` says the text shown is only what streamed
 * since this page joined.
 */
export function TextPartView(props: { part: TextPart; plain?: boolean; joinedMidStream?: boolean; interrupted?: boolean }) {
  const streaming = () => !props.interrupted && isObject(props.part.time) && props.part.time.end === undefined;
  return (
    <Show
      when={!props.plain}
      fallback={<p class="whitespace-pre-wrap break-words text-sm text-zinc-900 dark:text-zinc-50">{text(props.part.text)}</p>}
    >
      <div class="relative">
        {/* Joined mid-reply (a reload), the server has none of the earlier text until the part ends. */}
        {/* Not `streaming()`: a part made from deltas alone (what a reload mid-reply holds) has no time yet. */}
        <Show when={props.joinedMidStream && !(isObject(props.part.time) && props.part.time.end !== undefined)}>
          <p class="mb-1 text-xs italic text-zinc-500 dark:text-zinc-400">… earlier text of this reply arrives when it completes.</p>
        </Show>
        <Markdown text={text(props.part.text)} />
        <Show when={streaming()}>
          <span aria-hidden="true" class="inline-block h-3.5 w-1.5 animate-pulse bg-zinc-400 align-middle" />
        </Show>
      </div>
    </Show>
  );
}
