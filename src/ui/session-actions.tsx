/**
 * What the session header offers: Rename session and Delete session (each in a small Kobalte dialog,
 * as the instance's own Rename and Remove), Fork, Undo and Redo. Every action is async; its failure is
 * shown where it was started (in the dialog, or beside the buttons), and the buttons stay usable.
 */
import { Dialog } from "@kobalte/core/dialog";
import { createSignal, Show } from "solid-js";
import { DialogFooter, ModalPanel } from "./modal";
import { RenameDialog } from "./rename-dialog";

export interface SessionActionsProps {
  title: string;
  /** False while nothing can be undone: no exchange yet, or everything already undone. */
  canUndo: boolean;
  canRedo: boolean;
  onRename: (title: string) => Promise<void>;
  onDelete: () => Promise<void>;
  onFork: () => Promise<void>;
  onUndo: () => Promise<void>;
  onRedo: () => Promise<void>;
}

const trigger =
  "rounded-md border border-zinc-300 px-2 py-0.5 text-xs hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-sky-500 disabled:cursor-not-allowed disabled:opacity-40 dark:border-zinc-700 dark:hover:bg-zinc-800";

const messageOf = (caught: unknown) => (caught instanceof Error ? caught.message : String(caught));

export function SessionActions(props: SessionActionsProps) {
  const [deleting, setDeleting] = createSignal(false);
  const [working, setWorking] = createSignal(false);
  const [dialogError, setDialogError] = createSignal<string>();
  const [error, setError] = createSignal<string>();

  /** Marks the header busy while `action` runs, so the other actions wait for it; rethrows its failure. */
  const busyWhile = async (action: () => Promise<void>) => {
    setWorking(true);
    try {
      await action();
    } finally {
      setWorking(false);
    }
  };

  /** Runs one action at a time; resolves true when it worked, else records its sentence with `report`. */
  const run = async (action: () => Promise<void>, report: (message: string | undefined) => void) => {
    if (working()) return false;
    report(undefined);
    try {
      await busyWhile(action);
      return true;
    } catch (caught) {
      report(messageOf(caught));
      return false;
    }
  };

  return (
    <div class="flex flex-wrap items-center gap-1.5">
      <RenameDialog
        trigger="Rename session"
        triggerClass={trigger}
        title="Rename session"
        label="Session title"
        value={props.title}
        check={(title) => (title ? undefined : "A session needs a title: type one, or press Cancel.")}
        disabled={working()}
        onSave={(title) => busyWhile(() => props.onRename(title))}
      />
      <Dialog
        open={deleting()}
        onOpenChange={(open) => {
          setDialogError(undefined);
          setDeleting(open);
        }}
      >
        <Dialog.Trigger class={trigger}>Delete session</Dialog.Trigger>
        <ModalPanel width="sm" role="alertdialog">
          <Dialog.Title class="text-base font-semibold">Delete “{props.title}”?</Dialog.Title>
          <Dialog.Description class="mt-2 text-sm text-zinc-600 dark:text-zinc-300">
            The server deletes the session and all its messages. This cannot be undone.
          </Dialog.Description>
          <Show when={dialogError()}>
            <p role="alert" class="mt-2 text-sm text-red-700 dark:text-red-300">
              {dialogError()}
            </p>
          </Show>
          <DialogFooter
            action="Delete"
            tone="danger"
            class="mt-4"
            disabled={working()}
            onCancel={() => setDeleting(false)}
            onAction={async () => {
              if (await run(props.onDelete, setDialogError)) setDeleting(false);
            }}
          />
        </ModalPanel>
      </Dialog>
      <button type="button" class={trigger} disabled={working()} onClick={() => void run(props.onFork, setError)}>
        Fork
      </button>
      <button type="button" class={trigger} disabled={working() || !props.canUndo} onClick={() => void run(props.onUndo, setError)}>
        Undo
      </button>
      <button type="button" class={trigger} disabled={working() || !props.canRedo} onClick={() => void run(props.onRedo, setError)}>
        Redo
      </button>
      <Show when={error()}>
        <span role="alert" class="text-xs text-red-700 dark:text-red-300">
          {error()}
        </span>
      </Show>
    </div>
  );
}
