/**
 * The line under an assistant message: model, tokens and cost (added up from its step-finish parts,
 * one per model call) and how long the reply took.
 */
import { createMemo, Show } from "solid-js";
import type { AssistantMessage, Part, StepFinishPart } from "@opencode-ai/sdk/v2/client";
import { formatCost, formatDuration, formatTokens } from "./format";
import { fixedField } from "../../lib/fixed-field";
import { num, rec, str } from "../../lib/server-data";

/** Tokens and cost of a reply. */
export interface Usage {
  input: number;
  output: number;
  reasoning: number;
  cacheRead: number;
  cacheWrite: number;
  cost: number;
}

/**
 * Usage added up over the message's step-finish parts. Before any step has finished (or for stored
 * messages without them) the message's own totals are used, so the footer never shows nothing.
 * A count that is not a number counts as 0.
 */
export function messageUsage(message: AssistantMessage, parts: Part[]): Usage {
  const steps = parts.filter((part): part is StepFinishPart => part.type === "step-finish");
  const sources: unknown[] = steps.length ? steps : [message];
  const usage: Usage = { input: 0, output: 0, reasoning: 0, cacheRead: 0, cacheWrite: 0, cost: 0 };
  for (const source of sources) {
    const tokens = rec(rec(source).tokens);
    const cache = rec(tokens.cache);
    usage.input += num(tokens.input) ?? 0;
    usage.output += num(tokens.output) ?? 0;
    usage.reasoning += num(tokens.reasoning) ?? 0;
    usage.cacheRead += num(cache.read) ?? 0;
    usage.cacheWrite += num(cache.write) ?? 0;
    usage.cost += num(rec(source).cost) ?? 0;
  }
  return usage;
}

/**
 * "fake-model · 10 in · 6 out · $0 · 0.3 s", with reasoning and cache tokens only when non-zero and
 * the duration only once the message is completed. The model id carries the provider as a tooltip.
 */
export function MessageFooter(props: { message: AssistantMessage; parts: Part[] }) {
  const usage = createMemo(() => messageUsage(props.message, props.parts));
  const duration = () => {
    const time = rec(props.message.time);
    const completed = num(time.completed);
    const created = num(time.created);
    return completed && created !== undefined && completed >= created ? formatDuration(completed - created) : undefined;
  };
  // The model of a message never changes: read without subscribing (see fixed-field.ts).
  const model = fixedField(
    () => props.message,
    (message) => str(message.modelID) ?? "unknown model",
  );
  const provider = fixedField(
    () => props.message,
    (message) => str(message.providerID) ?? "?",
  );
  return (
    <footer class="mt-1 flex flex-wrap items-center gap-x-1.5 text-[11px] text-zinc-400 dark:text-zinc-500">
      <span title={`${provider()}/${model()}`}>{model()}</span>
      <span aria-hidden="true">·</span>
      <span>{formatTokens(usage().input)} in</span>
      <span aria-hidden="true">·</span>
      <span>{formatTokens(usage().output)} out</span>
      <Show when={usage().reasoning > 0}>
        <span aria-hidden="true">·</span>
        <span>{formatTokens(usage().reasoning)} reasoning</span>
      </Show>
      <Show when={usage().cacheRead > 0}>
        <span aria-hidden="true">·</span>
        <span>{formatTokens(usage().cacheRead)} cached</span>
      </Show>
      <span aria-hidden="true">·</span>
      <span title="Cost">{formatCost(usage().cost)}</span>
      <Show when={duration()}>
        <span aria-hidden="true">·</span>
        <span>{duration()}</span>
      </Show>
    </footer>
  );
}
