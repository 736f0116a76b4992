/**
 * A trigger button and its small Rename dialog: one text field that starts from the current name,
 * Cancel and Save. The session header and the instance's actions both use it. Saving may be async:
 * while it runs Save is disabled, and when it fails the dialog stays open with the sentence in it.
 */
import { Dialog } from "@kobalte/core/dialog";
import { createSignal, Show } from "solid-js";
import { DialogFooter, ModalPanel, TextField } from "./modal";

export interface RenameDialogProps {
  /** The trigger's text, e.g. "Rename session". */
  trigger: string;
  triggerClass: string;
  /** The dialog's title (and accessible name), e.g. "Rename webshop :4096". */
  title: string;
  /** The field's label, e.g. "Session title". */
  label: string;
  placeholder?: string;
  /** What the field holds when the dialog opens. */
  value: string;
  /** Checks the trimmed value before saving: a sentence to show instead, or undefined when it will do. */
  check?: (value: string) => string | undefined;
  /** Saves the trimmed value; a rejection's message is shown in the dialog. */
  onSave: (value: string) => void | Promise<void>;
  /** Keeps Save disabled (e.g. while another action of the same thing runs). */
  disabled?: boolean;
}

export function RenameDialog(props: RenameDialogProps) {
  const [open, setOpen] = createSignal(false);
  const [value, setValue] = createSignal("");
  const [saving, setSaving] = createSignal(false);
  const [error, setError] = createSignal<string>();

  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    if (saving() || props.disabled) return;
    const next = value().trim();
    const problem = props.check?.(next);
    if (problem) return setError(problem);
    setSaving(true);
    setError(undefined);
    try {
      await props.onSave(next);
      setOpen(false);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog
      open={open()}
      onOpenChange={(next) => {
        if (next) setValue(props.value);
        setError(undefined);
        setOpen(next);
      }}
    >
      <Dialog.Trigger class={props.triggerClass}>{props.trigger}</Dialog.Trigger>
      <ModalPanel width="sm">
        <Dialog.Title class="text-base font-semibold">{props.title}</Dialog.Title>
        <form class="mt-3 space-y-3" onSubmit={save}>
          <TextField label={props.label} placeholder={props.placeholder} value={value()} onInput={setValue} />
          <Show when={error()}>
            <p role="alert" class="text-sm text-red-700 dark:text-red-300">
              {error()}
            </p>
          </Show>
          <DialogFooter action="Save" disabled={saving() || props.disabled} onCancel={() => setOpen(false)} />
        </form>
      </ModalPanel>
    </Dialog>
  );
}
