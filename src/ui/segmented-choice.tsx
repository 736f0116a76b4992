/**
 * A small set of mutually exclusive choices drawn as joined buttons: native radio inputs in a group
 * named `label`, so arrow keys move between them and a screen reader says "Working tree, radio
 * button, 2 of 2". The inputs are visually hidden; their labels are what is seen and clicked.
 */
import { createUniqueId, For } from "solid-js";

export interface SegmentedChoiceProps<T extends string> {
  label: string;
  options: readonly { value: T; label: string }[];
  value: T;
  onChange: (value: T) => void;
}

export function SegmentedChoice<T extends string>(props: SegmentedChoiceProps<T>) {
  const name = createUniqueId();
  return (
    <div
      role="radiogroup"
      aria-label={props.label}
      class="inline-flex overflow-hidden rounded-md border border-zinc-300 text-xs dark:border-zinc-700"
    >
      <For each={props.options}>
        {(option) => (
          <label class="cursor-pointer px-2 py-0.5 hover:bg-zinc-100 has-[:checked]:bg-zinc-200 has-[:focus-visible]:outline has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-sky-500 dark:hover:bg-zinc-800 dark:has-[:checked]:bg-zinc-700">
            <input
              type="radio"
              class="sr-only"
              name={name}
              value={option.value}
              checked={props.value === option.value}
              onChange={() => props.onChange(option.value)}
            />
            {option.label}
          </label>
        )}
      </For>
    </div>
  );
}
