/**
 * The line under a reply button group (permission and question cards): "Sending…" while the reply
 * is in flight, and the failure sentence when it did not go through.
 */
import { Show } from "solid-js";

/** Reads the `pending` and `error` signals of a `createReplyState()`. */
export function ReplyFeedback(props: { pending: boolean; error: string | undefined }) {
  return (
    <>
      <Show when={props.pending}>
        <p role="status" class="mt-2 text-xs text-zinc-500">
          Sending…
        </p>
      </Show>
      <Show when={props.error}>
        <p role="alert" class="mt-2 text-xs text-red-700 dark:text-red-300">
          {props.error}
        </p>
      </Show>
    </>
  );
}
