/**
 * Where a server that wants a password asks for it: on the instance's own page, for a server added
 * in another browser tab (a password not remembered stays with the tab it was typed in) or one whose
 * password changed. The prompt hands the password to `onConnect` and shows the sentence that comes back.
 */
import { createSignal, createUniqueId, Show } from "solid-js";
import type { ConnectionStatus } from "../transport/types";
import { TextWithCode } from "./text-with-code";

/** Whether the server refused us for want of a (right) password: then the page asks for one. */
export function needsPassword(status: ConnectionStatus): boolean {
  return status.state === "error" && status.reason === "unauthorized";
}

export interface PasswordPromptProps {
  /** How the server is called, e.g. ":4096". */
  name: string;
  /** Resolves with an error sentence, or undefined once the password worked. */
  onConnect: (password: string, remember: boolean) => Promise<string | undefined>;
}

const FIELD =
  "w-full rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm text-zinc-900 outline-none focus:border-sky-500 focus:ring-2 focus:ring-sky-500/30 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100";

/** A form named “Password for <name>”: a “Password” field, “Remember the password on this browser” and “Connect”. */
export function PasswordPrompt(props: PasswordPromptProps) {
  const [password, setPassword] = createSignal("");
  const [remember, setRemember] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const noteId = createUniqueId();

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy() || !password()) return;
    setBusy(true);
    setError(undefined);
    try {
      const message = await props.onConnect(password(), remember());
      if (message) setError(message);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form aria-label={`Password for ${props.name}`} class="space-y-1.5" onSubmit={submit}>
      <label class="block text-xs">
        <span class="mb-0.5 block font-medium">Password</span>
        <input
          type="password"
          autocomplete="current-password"
          required
          class={FIELD}
          value={password()}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </label>
      <label class="flex items-center gap-2 text-xs">
        <input type="checkbox" checked={remember()} aria-describedby={noteId} onChange={(e) => setRemember(e.currentTarget.checked)} />
        Remember the password on this browser
      </label>
      <p id={noteId} class="pl-5 text-[11px] text-zinc-500 dark:text-zinc-400">
        Then kept in plain text in this browser's local storage; otherwise forgotten when this tab closes.
      </p>
      <Show when={error()}>
        <p role="alert" class="text-xs text-red-700 dark:text-red-300">
          <TextWithCode text={error()!} />
        </p>
      </Show>
      <button
        type="submit"
        disabled={busy()}
        aria-busy={busy()}
        class="rounded-md bg-sky-600 px-3 py-1 text-xs font-medium text-white hover:bg-sky-500 disabled:opacity-60"
      >
        Connect
      </button>
    </form>
  );
}
