/**
 * The small toolbar on a message: "Copy" on every message, and on the user's own prompts "Fork from
 * here" (a new session with the conversation before this prompt) and "Revert to here" (undo this
 * prompt and everything after it; Redo brings it back). One Tab stop per message, arrow keys move
 * within it, as a toolbar does, so a long log is not hundreds of Tab presses. Each action's outcome is
 * said beside it: "Copied", or the failure's sentence.
 */
import { createSignal, onCleanup, Show, untrack } from "solid-js";

export interface MessageActionsProps {
  /** The message's words, read when Copy is pressed (the message may still be streaming). */
  text: () => string;
  onCopy: (text: string) => Promise<void>;
  /** Offered on user messages only. */
  onFork?: () => Promise<void>;
  onRevert?: () => Promise<void>;
}

interface Action {
  label: string;
  run: () => Promise<void>;
}

const button =
  "rounded px-1.5 py-0.5 text-[11px] text-zinc-500 hover:bg-zinc-200 hover:text-zinc-800 focus-visible:outline-2 focus-visible:outline-sky-500 disabled:opacity-40 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100";

/** How long "Copied" stays: long enough to read, short enough not to be mistaken for a later copy. */
const COPIED_MS = 2500;

export function MessageActions(props: MessageActionsProps) {
  const [focused, setFocused] = createSignal(0);
  const [working, setWorking] = createSignal(false);
  const [copied, setCopied] = createSignal(false);
  const [error, setError] = createSignal<string>();
  let copiedTimer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(copiedTimer));

  const copy = async () => {
    const text = props.text();
    if (!text) throw new Error("This message has no text to copy.");
    await props.onCopy(text);
    setCopied(true);
    clearTimeout(copiedTimer);
    copiedTimer = setTimeout(() => setCopied(false), COPIED_MS);
  };
  // Which actions a message offers follows from its role, which never changes: one fixed list, not a
  // reactive one (a long session builds thousands of these toolbars while it is scrolled).
  const actions: Action[] = untrack(() => {
    const { onFork, onRevert } = props;
    return [
      { label: "Copy", run: copy },
      ...(onFork ? [{ label: "Fork from here", run: onFork }] : []),
      ...(onRevert ? [{ label: "Revert to here", run: onRevert }] : []),
    ];
  });

  const run = async (action: Action) => {
    if (working()) return;
    setWorking(true);
    setError(undefined);
    setCopied(false);
    try {
      await action.run();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setWorking(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const count = actions.length;
    const moves: Record<string, number> = { ArrowRight: focused() + 1, ArrowLeft: focused() - 1 + count, Home: 0, End: count - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = moves[event.key] % count;
    setFocused(next);
    (event.currentTarget as HTMLElement).querySelectorAll("button")[next]?.focus();
  };

  return (
    <div class="ml-auto flex items-center gap-1">
      <Show when={copied()}>
        <span role="status" class="text-[11px] text-emerald-700 dark:text-emerald-400">
          Copied
        </span>
      </Show>
      <Show when={error()}>
        <span role="alert" class="text-[11px] text-red-700 dark:text-red-300">
          {error()}
        </span>
      </Show>
      <div role="toolbar" aria-label="Message actions" class="flex items-center gap-0.5" onKeyDown={onKeyDown}>
        {actions.map((action, index) => (
          <button
            type="button"
            class={button}
            tabindex={index === Math.min(focused(), actions.length - 1) ? 0 : -1}
            onFocus={() => setFocused(index)}
            onClick={() => void run(action)}
          >
            {action.label}
          </button>
        ))}
      </div>
    </div>
  );
}
