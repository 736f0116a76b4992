/**
 * The "Add instance" dialog: port or URL, optional password, and the probe's answer in words.
 * Kobalte's Dialog traps focus and restores it on close; the dialog itself never talks to the network,
 * it hands the values to `onConnect` and shows the sentence that comes back.
 */
import { Dialog } from "@kobalte/core/dialog";
import { createSignal, createUniqueId, onCleanup, Show } from "solid-js";
import { DialogFooter, DialogHeader, ModalPanel, TextField } from "./modal";
import { TextWithCode } from "./text-with-code";

export interface AddInstanceValues {
  address: string;
  password: string;
  rememberPassword: boolean;
  label: string;
}

/**
 * What a connect attempt answers: an error sentence (the dialog stays open and shows it), nothing
 * (added), or a notice when nothing new was added but the address was understood, e.g. "already
 * added" (the dialog closes and says it beside its button for a while).
 */
export type ConnectAnswer = string | undefined | { notice: string };

/** How long a notice stays beside the button. */
const NOTICE_MS = 10_000;

export interface AddInstanceDialogProps {
  onConnect: (values: AddInstanceValues) => Promise<ConnectAnswer>;
  /** Open the dialog from outside (e.g. the empty state). */
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
}

/** The trigger button and its dialog. */
export function AddInstanceDialog(props: AddInstanceDialogProps) {
  const [innerOpen, setInnerOpen] = createSignal(false);
  const open = () => props.open ?? innerOpen();
  const setOpen = (value: boolean) => {
    setInnerOpen(value);
    props.onOpenChange?.(value);
    if (!value) setError(undefined);
  };
  const [address, setAddress] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [label, setLabel] = createSignal("");
  const [remember, setRemember] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const [notice, setNotice] = createSignal<string>();
  const rememberNoteId = createUniqueId();
  let addressInput: HTMLInputElement | undefined;
  let noticeTimer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(noticeTimer));
  const showNotice = (text: string | undefined) => {
    clearTimeout(noticeTimer);
    setNotice(text);
    if (text) noticeTimer = setTimeout(() => setNotice(undefined), NOTICE_MS);
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    setBusy(true);
    setError(undefined);
    showNotice(undefined);
    try {
      const answer = await props.onConnect({
        address: address(),
        password: password(),
        rememberPassword: remember(),
        label: label().trim(),
      });
      if (typeof answer === "string" && answer) {
        setError(answer);
      } else {
        setAddress("");
        setPassword("");
        setLabel("");
        setRemember(false);
        setOpen(false);
        if (typeof answer === "object") showNotice(answer.notice);
      }
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open()} onOpenChange={setOpen}>
      <span class="relative inline-block">
        <Dialog.Trigger class="whitespace-nowrap rounded-md bg-sky-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500">
          Add instance
        </Dialog.Trigger>
        {/* Under the button, over the page for a while, so a narrow header does not wrap around it. */}
        <Show when={notice()}>
          <p
            role="status"
            class="absolute top-full right-0 z-30 mt-2 w-72 max-w-[calc(100vw-1.5rem)] rounded-md border border-zinc-200 bg-white px-3 py-2 text-xs text-zinc-700 shadow-lg dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-200"
          >
            {notice()}
          </p>
        </Show>
      </span>
      <ModalPanel initialFocus={() => addressInput}>
        <DialogHeader>Add an OpenCode server</DialogHeader>
        <Dialog.Description class="mb-4 text-sm text-zinc-600 dark:text-zinc-300">
          A port on this machine (like <code>4096</code>) or a full URL. Start a server with <code>opencode serve --port 4096</code>.
        </Dialog.Description>
        <form class="space-y-3" onSubmit={submit}>
          <TextField
            ref={addressInput}
            label="Port or URL"
            name="address"
            autocomplete="off"
            placeholder="4096"
            required
            value={address()}
            onInput={setAddress}
          />
          <TextField
            label="Password"
            name="password"
            type="password"
            autocomplete="current-password"
            placeholder="only if the server has OPENCODE_SERVER_PASSWORD"
            value={password()}
            onInput={setPassword}
          />
          <div>
            <label class="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={remember()}
                aria-describedby={rememberNoteId}
                onChange={(e) => setRemember(e.currentTarget.checked)}
              />
              Remember the password on this browser
            </label>
            <p id={rememberNoteId} class="mt-0.5 pl-6 text-xs text-zinc-500 dark:text-zinc-400">
              It is then kept in plain text in this browser's local storage, readable by anyone who can use this browser profile. Otherwise
              it is forgotten when this tab closes.
            </p>
          </div>
          <TextField label="Label (optional)" name="label" autocomplete="off" value={label()} onInput={setLabel} />
          <Show when={error()}>
            <p role="alert" class="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
              <TextWithCode text={error()!} />
            </p>
          </Show>
          <DialogFooter action="Connect" busy={busy()} class="pt-1" />
        </form>
      </ModalPanel>
    </Dialog>
  );
}
