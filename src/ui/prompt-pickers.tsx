/**
 * The model and agent pickers beside the prompt: native selects (role "combobox"), so the keyboard,
 * screen readers and type-to-find work as everywhere else. Models are grouped by provider.
 */
import { For, Show } from "solid-js";
import type { ModelOption } from "../app/model-choice";

export interface PromptPickersProps {
  models: ModelOption[];
  model: string | undefined;
  onModel: (value: string) => void;
  agents: { name: string; description?: string }[];
  agent: string | undefined;
  onAgent: (name: string) => void;
  /** Why the lists are empty, when loading them failed. */
  error?: string;
}

const selectClass =
  "max-w-[14rem] truncate rounded-md border border-zinc-300 bg-white px-2 py-1 text-xs dark:border-zinc-700 dark:bg-zinc-950 disabled:opacity-50";

export function PromptPickers(props: PromptPickersProps) {
  const providers = () => [...new Set(props.models.map((model) => model.provider))];
  return (
    <div class="flex flex-wrap items-center gap-2 text-xs text-zinc-500">
      <label class="flex items-center gap-1">
        Model
        <select
          aria-label="Model"
          class={selectClass}
          disabled={!props.models.length}
          value={props.model ?? ""}
          onChange={(e) => props.onModel(e.currentTarget.value)}
        >
          <Show when={!props.models.length}>
            <option value="">{props.error ? "Unavailable" : "Loading…"}</option>
          </Show>
          <For each={providers()}>
            {(provider) => (
              <optgroup label={provider}>
                <For each={props.models.filter((model) => model.provider === provider)}>
                  {(model) => (
                    <option value={model.value} selected={model.value === props.model}>
                      {model.label}
                    </option>
                  )}
                </For>
              </optgroup>
            )}
          </For>
        </select>
      </label>
      <label class="flex items-center gap-1">
        Agent
        <select
          aria-label="Agent"
          class={selectClass}
          disabled={!props.agents.length}
          value={props.agent ?? ""}
          onChange={(e) => props.onAgent(e.currentTarget.value)}
        >
          <Show when={!props.agents.length}>
            <option value="">{props.error ? "Unavailable" : "Loading…"}</option>
          </Show>
          <For each={props.agents}>
            {(agent) => (
              <option value={agent.name} title={agent.description} selected={agent.name === props.agent}>
                {agent.name}
              </option>
            )}
          </For>
        </select>
      </label>
      <Show when={props.error}>
        {/* A status, not an alert: it appears without the user doing anything, and must not drown an alert about their own action. */}
        <span role="status" class="text-red-700 dark:text-red-300">
          {props.error}
        </span>
      </Show>
    </div>
  );
}
