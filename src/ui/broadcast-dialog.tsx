/**
 * The "Broadcast" button and its dialog: a checkbox per target (named with its server and
 * directory), the "Model" and "Agent" every chosen target offers (or each server's default), the
 * prompt, and "Send to all". Presentational: `loadChoices` and `onSend` come from the page.
 */
import { Dialog } from "@kobalte/core/dialog";
import { createMemo, createResource, createSignal, For, Show } from "solid-js";
import type { BroadcastTarget } from "../app/broadcast";
import type { BroadcastChoices } from "../app/broadcast-choice";
import { keepUnchanged } from "../lib/keep-unchanged";
import { ModalPanel } from "./modal";

/** A model (`providerID/modelID`) and an agent; undefined is each server's own default. */
export interface BroadcastPick {
  model?: string;
  agent?: string;
}

export interface BroadcastDialogProps {
  /** Read only while the dialog is open. */
  targets: readonly BroadcastTarget[];
  /** What the chosen targets all offer; without it the dialog offers only each server's default. */
  loadChoices?: (targets: BroadcastTarget[]) => Promise<BroadcastChoices>;
  onSend: (targets: BroadcastTarget[], prompt: string, pick: BroadcastPick) => void;
}

const SELECT =
  "max-w-[14rem] truncate rounded-md border border-zinc-300 bg-white px-2 py-1 text-xs dark:border-zinc-700 dark:bg-zinc-950 disabled:opacity-50";

export function BroadcastDialog(props: BroadcastDialogProps) {
  const [open, setOpen] = createSignal(false);
  const [chosen, setChosen] = createSignal<ReadonlySet<string>>(new Set());
  const [prompt, setPrompt] = createSignal("");
  const [model, setModel] = createSignal("");
  const [agent, setAgent] = createSignal("");
  // Read only while open: the page lists every directory of every server for them, again after each
  // change of any session; equal targets keep their objects, so their checkboxes (and the focus) stay.
  const targets = createMemo<readonly BroadcastTarget[]>((previous) =>
    open()
      ? keepUnchanged(
          previous,
          [...props.targets],
          (target) => target.key,
          (a, b) => a.server === b.server,
        )
      : [],
  );
  const picked = createMemo(() => targets().filter((target) => chosen().has(target.key)));
  const [choices] = createResource(
    () => (open() && props.loadChoices && picked().length ? picked() : undefined),
    (targets) => props.loadChoices!(targets),
  );
  const offered = () => (choices.error ? undefined : choices.latest);
  // A choice that the targets now chosen do not all offer falls back to each server's default.
  const modelValue = () => (offered()?.models.some((option) => option.value === model()) ? model() : "");
  const agentValue = () => (offered()?.agents.some((option) => option.name === agent()) ? agent() : "");
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
    props.onSend(picked(), prompt().trim(), { model: modelValue() || undefined, agent: agentValue() || undefined });
    setPrompt("");
    setOpen(false);
  };

  return (
    <Dialog open={open()} onOpenChange={setOpen}>
      <Dialog.Trigger class="rounded-md border border-zinc-300 px-2.5 py-1 text-xs font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">
        Broadcast
      </Dialog.Trigger>
      <ModalPanel>
        <Dialog.Title class="text-base font-semibold">Broadcast a prompt</Dialog.Title>
        <Dialog.Description class="mt-1 text-sm text-zinc-600 dark:text-zinc-300">
          Each target gets a new session with the same prompt; watch them side by side.
        </Dialog.Description>
        <form class="mt-3 space-y-3" onSubmit={send}>
          <fieldset>
            <legend class="mb-1 text-sm font-medium">Targets</legend>
            <Show when={targets().length} fallback={<p class="text-sm text-zinc-500">No connected server has a project yet.</p>}>
              <ul class="max-h-56 space-y-1 overflow-y-auto">
                <For each={targets()}>
                  {(target) => (
                    <li>
                      <label class="flex items-center gap-2 text-sm">
                        <input
                          type="checkbox"
                          checked={chosen().has(target.key)}
                          onChange={(e) => toggle(target.key, e.currentTarget.checked)}
                        />
                        <span>{target.server}</span> <span class="font-mono text-xs">{target.directory}</span>
                      </label>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </fieldset>
          <div class="flex flex-wrap items-center gap-2 text-xs text-zinc-500">
            <label class="flex items-center gap-1">
              Model
              <select aria-label="Model" class={SELECT} value={modelValue()} onChange={(e) => setModel(e.currentTarget.value)}>
                <option value="">Each server's default</option>
                <For each={offered()?.models ?? []}>
                  {(option) => (
                    <option value={option.value} selected={option.value === modelValue()}>
                      {option.provider} · {option.label}
                    </option>
                  )}
                </For>
              </select>
            </label>
            <label class="flex items-center gap-1">
              Agent
              <select aria-label="Agent" class={SELECT} value={agentValue()} onChange={(e) => setAgent(e.currentTarget.value)}>
                <option value="">Each server's default</option>
                <For each={offered()?.agents ?? []}>
                  {(option) => (
                    <option value={option.name} title={option.description} selected={option.name === agentValue()}>
                      {option.name}
                    </option>
                  )}
                </For>
              </select>
            </label>
            <Show when={choices.error}>
              <span role="status" class="text-red-700 dark:text-red-300">
                Models and agents could not be loaded ({choices.error instanceof Error ? choices.error.message : String(choices.error)}):
                each server's default is used.
              </span>
            </Show>
            <Show when={picked().length > 1 && offered() && !offered()!.models.length}>
              <span>These targets offer no model in common: each uses its server's default.</span>
            </Show>
          </div>
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
            <button
              type="submit"
              disabled={!picked().length || !prompt().trim()}
              class="rounded-md bg-sky-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-sky-500 disabled:opacity-50"
            >
              Send to all
            </button>
          </div>
        </form>
      </ModalPanel>
    </Dialog>
  );
}
