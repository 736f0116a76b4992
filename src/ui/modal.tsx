/**
 * The pieces every Switchboard dialog shares: the dimmed overlay and centred panel around a Kobalte
 * Dialog's content (which traps focus and closes on Escape), a labelled text field, the title bar
 * with its ✕ and the row of buttons at the bottom.
 */
import { Dialog } from "@kobalte/core/dialog";
import { Show, splitProps, type JSX, type ParentProps } from "solid-js";

/**
 * Portal, overlay and a centred panel; put Dialog.Title and the body inside. `initialFocus` names the
 * element that takes focus when the dialog opens; without it Kobalte focuses the first tabbable one,
 * which in a dialog with a close button in its title bar is that button.
 */
export function ModalPanel(
  props: ParentProps<{ width?: "sm" | "md" | "lg"; role?: "dialog" | "alertdialog"; initialFocus?: () => HTMLElement | undefined }>,
) {
  return (
    <Dialog.Portal>
      <Dialog.Overlay class="fixed inset-0 z-40 bg-black/40" />
      <div class="fixed inset-0 z-50 flex items-start justify-center p-4 pt-[12vh]">
        <Dialog.Content
          role={props.role}
          onOpenAutoFocus={(event: Event) => {
            const target = props.initialFocus?.();
            if (!target) return;
            event.preventDefault();
            target.focus();
          }}
          class={`w-full ${props.width === "sm" ? "max-w-sm" : props.width === "lg" ? "max-w-3xl" : "max-w-md"} rounded-xl border border-zinc-200 bg-white p-5 shadow-xl dark:border-zinc-700 dark:bg-zinc-800`}
        >
          {props.children}
        </Dialog.Content>
      </div>
    </Dialog.Portal>
  );
}

const FIELD =
  "w-full rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 text-sm text-zinc-900 outline-none focus:border-sky-500 focus:ring-2 focus:ring-sky-500/30 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100";

/** A text input with its label above it; the label names the input for assistive tech and tests. */
export function TextField(
  props: { label: string; value: string; onInput: (value: string) => void } & Omit<
    JSX.InputHTMLAttributes<HTMLInputElement>,
    "value" | "onInput" | "class"
  >,
) {
  const [own, input] = splitProps(props, ["label", "value", "onInput"]);
  return (
    <label class="block text-sm">
      <span class="mb-1 block font-medium">{own.label}</span>
      <input {...input} class={FIELD} value={own.value} onInput={(e) => own.onInput(e.currentTarget.value)} />
    </label>
  );
}

/** The look of a dialog's buttons: the main action, a destructive one, and Cancel. */
const BUTTON = {
  primary: "rounded-md bg-sky-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-500 disabled:opacity-60",
  danger: "rounded-md bg-red-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-500 disabled:opacity-60",
  cancel: "rounded-md border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100 dark:border-zinc-600 dark:hover:bg-zinc-700",
};

/** A dialog's title with a ✕ button named "Close" beside it (for dialogs without a Cancel). */
export function DialogHeader(props: ParentProps) {
  return (
    <div class="mb-3 flex items-center justify-between">
      <Dialog.Title class="text-base font-semibold">{props.children}</Dialog.Title>
      <Dialog.CloseButton class="rounded px-2 text-zinc-500 hover:text-zinc-900 dark:hover:text-zinc-100" aria-label="Close">
        ✕
      </Dialog.CloseButton>
    </div>
  );
}

export interface DialogFooterProps {
  /** The action button's text, e.g. "Save" or "Connect". */
  action: string;
  tone?: "primary" | "danger";
  /** Runs the action; without it the button submits the form the footer is in. */
  onAction?: () => void;
  /** Shows a Cancel button before the action that calls this. */
  onCancel?: () => void;
  /** While the action runs: the button is disabled, marked busy and spins. */
  busy?: boolean;
  /** Disables the action without the spinner (e.g. while another action of the page runs). */
  disabled?: boolean;
  /** Space above the row, which depends on what comes before it. */
  class?: string;
}

/** The row of buttons at the bottom of a dialog: an optional Cancel, then the action. */
export function DialogFooter(props: DialogFooterProps) {
  return (
    <div class={`flex justify-end gap-2 ${props.class ?? ""}`}>
      <Show when={props.onCancel}>
        {(cancel) => (
          <button type="button" class={BUTTON.cancel} onClick={() => cancel()()}>
            Cancel
          </button>
        )}
      </Show>
      <button
        type={props.onAction ? "button" : "submit"}
        class={`inline-flex items-center gap-2 ${BUTTON[props.tone ?? "primary"]}`}
        disabled={props.busy || props.disabled}
        aria-busy={props.busy || undefined}
        onClick={() => props.onAction?.()}
      >
        <Show when={props.busy}>
          <span aria-hidden="true" class="h-3 w-3 animate-spin rounded-full border-2 border-white/40 border-t-white" />
        </Show>
        {props.action}
      </button>
    </div>
  );
}
