/**
 * Rename and Remove for one instance, each in its own small dialog (Kobalte: focus is trapped and
 * returned, Escape closes). Removing only forgets the server here; it keeps running.
 * Both use Kobalte's Dialog: importing its AlertDialog as well made the plain dialog's content an
 * alertdialog too (they share one namespace object), so the confirmation sets its role itself.
 */
import { Dialog } from "@kobalte/core/dialog";
import { createSignal } from "solid-js";
import { DialogFooter, ModalPanel } from "./modal";
import { RenameDialog } from "./rename-dialog";

export interface InstanceActionsProps {
  /** How the instance is called now, e.g. "webshop :4096" or ":4096". */
  name: string;
  label: string | undefined;
  onRename: (label: string) => void;
  onRemove: () => void;
}

const trigger =
  "rounded-md border border-zinc-300 px-2.5 py-1 text-xs hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-zinc-700 dark:hover:bg-zinc-800";

export function InstanceActions(props: InstanceActionsProps) {
  const [removing, setRemoving] = createSignal(false);
  return (
    <div class="flex flex-wrap gap-1.5">
      <RenameDialog
        trigger="Rename"
        triggerClass={trigger}
        title={`Rename ${props.name}`}
        label="Label"
        placeholder="e.g. webshop (leave empty for none)"
        value={props.label ?? ""}
        onSave={(label) => props.onRename(label)}
      />
      <Dialog open={removing()} onOpenChange={setRemoving}>
        <Dialog.Trigger class={trigger}>Remove</Dialog.Trigger>
        <ModalPanel width="sm" role="alertdialog">
          <Dialog.Title class="text-base font-semibold">Remove {props.name}?</Dialog.Title>
          <Dialog.Description class="mt-2 text-sm text-zinc-600 dark:text-zinc-300">
            Switchboard stops watching this server and forgets it. The server and its sessions keep running; add it again any time.
          </Dialog.Description>
          <DialogFooter
            action="Remove instance"
            tone="danger"
            class="mt-4"
            onCancel={() => setRemoving(false)}
            onAction={() => {
              setRemoving(false);
              props.onRemove();
            }}
          />
        </ModalPanel>
      </Dialog>
    </div>
  );
}
