/**
 * The pieces every Switchboard dialog shares: the dimmed overlay and centred panel around a Kobalte
 * Dialog's content (which traps focus and closes on Escape), and a labelled text field.
 */
import { Dialog } from "@kobalte/core/dialog";
import { splitProps, type JSX, type ParentProps } from "solid-js";

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
