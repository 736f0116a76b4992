/**
 * The command palette: Ctrl+K (Cmd+K on a Mac) opens a dialog named "Go to" with a combobox; typing
 * narrows servers, sessions and actions, the arrow keys move through them and Enter goes. Kobalte's
 * Dialog traps focus and closes on Escape; the combobox is a plain WAI-ARIA one (input + listbox with
 * aria-activedescendant), because the options are recomputed on every keystroke and only the focus
 * has to stay in the text box.
 */
import { Dialog } from "@kobalte/core/dialog";
import { createMemo, createSignal, createUniqueId, For, onCleanup, onMount, Show } from "solid-js";
import { searchPalette, type PaletteEntry } from "../app/palette";
import { ModalPanel } from "./modal";

export interface CommandPaletteProps {
  /** Everything the palette can go to; read when it opens and as the user types. */
  entries: () => readonly PaletteEntry[];
  onPick: (entry: PaletteEntry) => void;
}

const KIND: Record<PaletteEntry["kind"], string> = { action: "Action", server: "Server", session: "Session" };

export function CommandPalette(props: CommandPaletteProps) {
  const [open, setOpen] = createSignal(false);
  const [query, setQuery] = createSignal("");
  const [active, setActive] = createSignal(0);
  const listId = createUniqueId();
  const results = createMemo(() => (open() ? searchPalette(props.entries(), query()) : []));
  const optionId = (index: number) => `${listId}-option-${index}`;

  const show = (value: boolean) => {
    setOpen(value);
    setQuery("");
    setActive(0);
  };
  const pick = (entry: PaletteEntry | undefined) => {
    if (!entry) return;
    show(false);
    props.onPick(entry);
  };

  onMount(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "k") {
        event.preventDefault();
        show(!open());
      }
    };
    document.addEventListener("keydown", onKey);
    onCleanup(() => document.removeEventListener("keydown", onKey));
  });

  const onKeyDown = (event: KeyboardEvent) => {
    const count = results().length;
    const move = (index: number) => {
      event.preventDefault();
      if (!count) return;
      setActive((index + count) % count);
      document.getElementById(optionId(active()))?.scrollIntoView?.({ block: "nearest" });
    };
    if (event.key === "ArrowDown") move(active() + 1);
    else if (event.key === "ArrowUp") move(active() - 1);
    else if (event.key === "Home" && event.ctrlKey) move(0);
    else if (event.key === "End" && event.ctrlKey) move(count - 1);
    else if (event.key === "Enter") {
      event.preventDefault();
      pick(results()[active()]);
    }
  };

  return (
    <Dialog open={open()} onOpenChange={show}>
      <ModalPanel>
        <Dialog.Title class="mb-2 text-base font-semibold">Go to</Dialog.Title>
        <input
          type="text"
          role="combobox"
          aria-label="Server, session or action"
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={results().length ? optionId(active()) : undefined}
          autocomplete="off"
          placeholder="Type a server, a session title or an action"
          value={query()}
          onInput={(event) => {
            setQuery(event.currentTarget.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          class="w-full rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 text-sm outline-none focus:border-sky-500 focus:ring-2 focus:ring-sky-500/30 dark:border-zinc-600 dark:bg-zinc-900"
        />
        <ul id={listId} role="listbox" aria-label="Matches" class="mt-2 max-h-80 overflow-y-auto">
          <For each={results()}>
            {(entry, index) => (
              <li
                id={optionId(index())}
                role="option"
                aria-selected={index() === active()}
                onMouseMove={() => setActive(index())}
                onClick={() => pick(entry)}
                class="cursor-pointer rounded px-2 py-1.5 text-sm aria-selected:bg-sky-100 dark:aria-selected:bg-sky-900"
              >
                <span class="font-medium">{entry.label}</span>{" "}
                <span class="text-xs text-zinc-500">
                  {KIND[entry.kind]} · {entry.detail}
                </span>
              </li>
            )}
          </For>
        </ul>
        <Show when={!results().length}>
          <p class="mt-2 text-sm text-zinc-500">Nothing matches “{query()}”.</p>
        </Show>
      </ModalPanel>
    </Dialog>
  );
}
