/**
 * Context and cost of a session, as the TUI reports them: the tokens of the last finished assistant
 * message (input, output, reasoning and cache together are what the next call carries) against the
 * context limit of the model that wrote it, and the cost of every assistant message added up.
 */
import type { Message } from "@opencode-ai/sdk/v2/client";
import type { Catalogue } from "../api/session-api";

export interface ContextUsage {
  tokens: number;
  limit?: number;
  cost: number;
}

const num = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : 0);

export function contextUsage(messages: Message[], catalogue: Catalogue | undefined): ContextUsage | undefined {
  let cost = 0;
  let last: Extract<Message, { role: "assistant" }> | undefined;
  for (const message of messages) {
    if (message?.role !== "assistant") continue;
    cost += num(message.cost);
    const t = message.tokens;
    if (t && num(t.input) + num(t.output) > 0) last = message;
  }
  if (!last) return cost ? { tokens: 0, cost } : undefined;
  const t = last.tokens;
  const tokens = num(t.input) + num(t.output) + num(t.reasoning) + num(t.cache?.read) + num(t.cache?.write);
  const model = catalogue?.providers.find((provider) => provider?.id === last!.providerID)?.models?.[last.modelID];
  const limit = num(model?.limit?.context) || undefined;
  return { tokens, limit, cost };
}
