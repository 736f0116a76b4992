/**
 * Confirms stopping a server Switchboard did not start: it may be someone's TUI or a shared
 * service, so the dialog names exactly what will be signalled (pid, command, directory).
 * Kobalte's Dialog with role=alertdialog, as instance-actions.tsx explains.
 */
import { Dialog } from "@kobalte/core/dialog";
import type { LocalServer } from "../../shared/companion-api";
import { DialogFooter, ModalPanel } from "./modal";

export function StopServerDialog(props: { server: LocalServer | undefined; onConfirm: () => void; onCancel: () => void }) {
  return (
    <Dialog open={!!props.server} onOpenChange={(open) => !open && props.onCancel()}>
      <ModalPanel role="alertdialog">
        <Dialog.Title class="text-base font-semibold">Stop this server?</Dialog.Title>
        <Dialog.Description class="mt-2 space-y-1 text-sm text-zinc-600 dark:text-zinc-300">
          <span class="block">
            Switchboard did not start it. Stopping ends the process and everything it started; its sessions stay on disk.
          </span>
          <span class="block">
            pid <strong>{props.server?.pid}</strong>
          </span>
          <span class="block font-mono text-xs break-all">{props.server?.command}</span>
          <span class="block font-mono text-xs break-all">{props.server?.directory ?? "directory unknown"}</span>
        </Dialog.Description>
        <DialogFooter action="Stop" tone="danger" class="mt-4" onCancel={() => props.onCancel()} onAction={() => props.onConfirm()} />
      </ModalPanel>
    </Dialog>
  );
}
