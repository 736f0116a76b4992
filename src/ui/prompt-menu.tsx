/**
 * The list that opens over the prompt for `/` (commands) and `@` (files): a listbox whose options are
 * named by command or path. Focus stays in the text box (which points at the active option with
 * aria-activedescendant), so typing goes on filtering while the list is open.
 */
import { For, Show } from "solid-js";

export interface MenuOption {
  /** The accessible name: the command's name or the file's path. */
  name: string;
  /** Shown beside the name (a command's description). */
  detail?: string;
}

export interface PromptMenuProps {
  id: string;
  label: string;
  options: MenuOption[];
  active: number;
  /** Shown instead of options when there are none (e.g. "No matching command"). */
  empty: string;
  onPick: (option: MenuOption) => void;
}

export const optionId = (menuId: string, index: number) => `${menuId}-option-${index}`;

export function PromptMenu(props: PromptMenuProps) {
  return (
    <div class="mb-2 max-h-60 overflow-y-auto rounded-md border border-zinc-300 bg-white text-sm shadow-lg dark:border-zinc-700 dark:bg-zinc-950">
      <Show when={props.options.length} fallback={<p class="px-3 py-2 text-zinc-500">{props.empty}</p>}>
        <ul id={props.id} role="listbox" aria-label={props.label}>
          <For each={props.options}>
            {(option, index) => (
              <li
                id={optionId(props.id, index())}
                role="option"
                aria-label={option.name}
                aria-selected={index() === props.active}
                class={`flex cursor-pointer gap-2 px-3 py-1.5 ${index() === props.active ? "bg-sky-100 dark:bg-sky-900/50" : "hover:bg-zinc-100 dark:hover:bg-zinc-800"}`}
                // mousedown, not click: the text box keeps focus, so the caret and its query stay put.
                onMouseDown={(event) => {
                  event.preventDefault();
                  props.onPick(option);
                }}
              >
                <span class="font-mono">{option.name}</span>
                <Show when={option.detail}>
                  <span class="truncate text-zinc-500">{option.detail}</span>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  );
}
