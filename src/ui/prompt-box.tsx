/**
 * The prompt box under a session: Enter sends, Shift+Enter adds a line. "Send" is disabled while the
 * session is busy (the server would queue the prompt, which surprises people); "Stop" aborts it.
 * A failed send keeps the text so nothing the user typed is lost.
 */
import { createSignal, Show, type JSX } from "solid-js";

export interface PromptBoxProps {
  busy: boolean;
  /** False while the instance is not connected: typing still works, sending waits. */
  connected: boolean;
  onSend: (text: string) => Promise<void>;
  onStop: () => Promise<void>;
  /** Shown above the text box: the model and agent pickers. */
  controls?: JSX.Element;
}

/** A textarea labelled "Message" with Send and Stop buttons. */
export function PromptBox(props: PromptBoxProps) {
  const [text, setText] = createSignal("");
  const [sending, setSending] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const canSend = () => !props.busy && !sending() && props.connected && text().trim().length > 0;

  const send = async () => {
    if (!canSend()) return;
    const value = text();
    setSending(true);
    setError(undefined);
    try {
      await props.onSend(value);
      if (text() === value) setText("");
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setSending(false);
    }
  };

  const stop = async () => {
    setError(undefined);
    try {
      await props.onStop();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  };

  return (
    <form
      class="border-t border-zinc-200 bg-white/80 p-3 dark:border-zinc-800 dark:bg-zinc-900/80"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <Show when={error()}>
        <p role="alert" class="mb-2 text-sm text-red-700 dark:text-red-300">
          {error()}
        </p>
      </Show>
      <Show when={props.controls}>
        <div class="mb-2">{props.controls}</div>
      </Show>
      <div class="flex items-end gap-2">
        <label class="flex-1">
          <span class="sr-only">Message</span>
          <textarea
            aria-label="Message"
            rows={2}
            placeholder={props.connected ? "Ask the agent… (Enter sends, Shift+Enter for a new line)" : "Waiting for the server to reconnect…"}
            class="max-h-48 min-h-[2.5rem] w-full resize-y rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm outline-none focus:border-sky-500 focus:ring-2 focus:ring-sky-500/30 dark:border-zinc-700 dark:bg-zinc-950"
            value={text()}
            onInput={(e) => setText(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
                e.preventDefault();
                void send();
              }
            }}
          />
        </label>
        <div class="flex flex-col gap-1.5">
          <button
            type="submit"
            disabled={!canSend()}
            class="rounded-md bg-sky-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-sky-500 disabled:cursor-not-allowed disabled:opacity-50"
          >
            Send
          </button>
          <button
            type="button"
            disabled={!props.busy}
            onClick={() => void stop()}
            class="rounded-md border border-zinc-300 px-4 py-1.5 text-sm hover:bg-zinc-100 disabled:cursor-not-allowed disabled:opacity-40 dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            Stop
          </button>
        </div>
      </div>
    </form>
  );
}
