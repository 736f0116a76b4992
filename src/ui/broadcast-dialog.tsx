/**
 * The "Broadcast" button and its dialog: a checkbox per target (named with its server and
 * directory), the prompt, and "Send to all". Presentational: `onSend` starts the sessions.
 */
import { Dialog } from "@kobalte/core/dialog";
import { createSignal, For, Show } from "solid-js";
import type { BroadcastTarget } from "../app/broadcast";
import { ModalPanel } from "./modal";

export function BroadcastDialog(props: { targets: readonly BroadcastTarget[]; onSend: (targets: BroadcastTarget[], prompt: string) => void }) {
  const [open, setOpen] = createSignal(false);
  const [chosen, setChosen] = createSignal<ReadonlySet<string>>(new Set());
  const [prompt, setPrompt] = createSignal("");
  const picked = () => props.targets.filter((target) => chosen().has(target.key));
  const toggle = (key: string, on: boolean) =>
    setChosen((keys) => {
      const copy = new Set(keys);
      if (on) copy.add(key);
      else copy.delete(key);
      return copy;
    });
  const send = (event: SubmitEvent) => {
    event.preventDefault();
    if (!picked().length || !prompt().trim()) return;
    props.onSend(picked(), prompt().trim());
    setPrompt("");
    setOpen(false);
  };

  return (
    <Dialog open={open()} onOpenChange={setOpen}>
      <Dialog.Trigger class="rounded-md border border-zinc-300 px-2.5 py-1 text-xs font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">Broadcast</Dialog.Trigger>
      <ModalPanel>
        <Dialog.Title class="text-base font-semibold">Broadcast a prompt</Dialog.Title>
        <Dialog.Description class="mt-1 text-sm text-zinc-600 dark:text-zinc-300">Each target gets a new session with the same prompt; watch them side by side.</Dialog.Description>
        <form class="mt-3 space-y-3" onSubmit={send}>
          <fieldset>
            <legend class="mb-1 text-sm font-medium">Targets</legend>
            <Show when={props.targets.length} fallback={<p class="text-sm text-zinc-500">No connected server has a project yet.</p>}>
              <ul class="max-h-56 space-y-1 overflow-y-auto">
                <For each={props.targets}>
                  {(target) => (
                    <li>
                      <label class="flex items-center gap-2 text-sm">
                        <input type="checkbox" checked={chosen().has(target.key)} onChange={(e) => toggle(target.key, e.currentTarget.checked)} />
                        <span>{target.server}</span> <span class="font-mono text-xs">{target.directory}</span>
                      </label>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </fieldset>
          <label class="block text-sm">
            <span class="mb-1 block font-medium">Prompt</span>
            <textarea
              rows={4}
              value={prompt()}
              onInput={(e) => setPrompt(e.currentTarget.value)}
              class="w-full rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 text-sm outline-none focus:border-sky-500 focus:ring-2 focus:ring-sky-500/30 dark:border-zinc-600 dark:bg-zinc-900"
            />
          </label>
          <div class="flex items-center justify-end gap-2">
            <span class="text-xs text-zinc-500">{picked().length} selected</span>
            <button type="submit" disabled={!picked().length || !prompt().trim()} class="rounded-md bg-sky-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-sky-500 disabled:opacity-50">
              Send to all
            </button>
          </div>
        </form>
      </ModalPanel>
    </Dialog>
  );
}
