/**
 * What the header says about finding servers on this machine: with the companion, the setting that
 * adds every server found (and why one may be missing); without it, where discovery would come from.
 */
import { Show } from "solid-js";

export interface DiscoveryStatusProps {
  /** False when no companion served the page (any other static host). */
  available: boolean;
  autoAdd: boolean;
  onAutoAdd: (value: boolean) => void;
  /** A sentence when the companion stopped answering. */
  problem?: string;
}

export const NO_COMPANION_HINT = "Start Switchboard with `npm start` to find servers on this machine.";
export const TUI_HINT = "A TUI started without --port can't be seen from outside.";

export function DiscoveryStatus(props: DiscoveryStatusProps) {
  return (
    <Show
      when={props.available}
      fallback={
        // Left out of a narrow header (the first-run page says it too): it pushed the name and “Add instance” off their line.
        <p class="hidden text-xs text-zinc-500 md:block" title={TUI_HINT}>
          Start Switchboard with <code class="rounded bg-zinc-100 px-1 dark:bg-zinc-800">npm start</code> to find servers on this machine.
        </p>
      }
    >
      <div class="flex items-center gap-3 text-xs">
        <Show when={props.problem}>
          <p role="alert" class="text-red-700 dark:text-red-300">
            {props.problem}
          </p>
        </Show>
        <label class="flex items-center gap-1.5" title={`Servers found on this machine become instances by themselves. ${TUI_HINT}`}>
          <input type="checkbox" checked={props.autoAdd} onChange={(event) => props.onAutoAdd(event.currentTarget.checked)} />
          Add servers found on this machine
        </label>
      </div>
    </Show>
  );
}
