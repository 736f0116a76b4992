/**
 * "Start server": a directory (recently used ones offered), an optional port, and "Start". The
 * dialog hands the values on and shows the sentence (and the server's last log lines) that come
 * back when it did not work; the companion picks the port when none is given.
 */
import { Dialog } from "@kobalte/core/dialog";
import { createSignal, For, Show } from "solid-js";
import { DialogFooter, DialogHeader, ModalPanel, TextField } from "./modal";

export interface StartServerDialogProps {
  recentDirectories: string[];
  /** Resolves with an error (and log lines) to show, or undefined when the server runs. */
  onStart: (values: { directory: string; port?: number }) => Promise<{ error: string; logs: string[] } | undefined>;
}

export function StartServerDialog(props: StartServerDialogProps) {
  const [open, setOpen] = createSignal(false);
  const [directory, setDirectory] = createSignal("");
  const [port, setPort] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const [failure, setFailure] = createSignal<{ error: string; logs: string[] }>();

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    const text = port().trim();
    if (text && !/^\d+$/.test(text)) {
      setFailure({ error: `“${text}” is not a port: give a number, or leave Port empty.`, logs: [] });
      return;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      const result = await props.onStart({ directory: directory().trim(), port: text ? Number(text) : undefined });
      if (result) setFailure(result);
      else {
        setPort("");
        setOpen(false);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open()}
      onOpenChange={(value) => {
        setOpen(value);
        if (value && !directory()) setDirectory(props.recentDirectories[0] ?? "");
        if (!value) setFailure(undefined);
      }}
    >
      <Dialog.Trigger class="rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-zinc-700 dark:hover:bg-zinc-800">
        Start server
      </Dialog.Trigger>
      <ModalPanel>
        <DialogHeader>Start an OpenCode server</DialogHeader>
        <Dialog.Description class="mb-4 text-sm text-zinc-600 dark:text-zinc-300">
          Runs <code>opencode serve</code> in that directory on this machine, with a password of its own. Switchboard connects to it by
          itself.
        </Dialog.Description>
        <form class="space-y-3" onSubmit={submit}>
          <TextField
            label="Directory"
            name="directory"
            autocomplete="off"
            placeholder="/home/you/code/project"
            required
            list="recent-directories"
            value={directory()}
            onInput={setDirectory}
          />
          <datalist id="recent-directories">
            <For each={props.recentDirectories}>{(dir) => <option value={dir} />}</For>
          </datalist>
          <TextField
            label="Port"
            name="port"
            inputmode="numeric"
            autocomplete="off"
            placeholder="free port, chosen for you"
            value={port()}
            onInput={setPort}
          />
          <Show when={failure()}>
            {(shown) => (
              <div role="alert" class="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
                <p>{shown().error}</p>
                <Show when={shown().logs.length}>
                  <pre class="mt-2 max-h-40 overflow-auto text-xs whitespace-pre-wrap">{shown().logs.join("\n")}</pre>
                </Show>
              </div>
            )}
          </Show>
          <DialogFooter action="Start" busy={busy()} class="pt-1" />
        </form>
      </ModalPanel>
    </Dialog>
  );
}
