/**
 * The model and agent a broadcast can go to: only those every chosen target's server offers in its
 * project, so one choice is valid on each of them. Nothing chosen means each server's own default.
 */
import type { Catalogue } from "../api/session-api";
import { agentOptions, modelOptions, type ModelOption } from "./model-choice";

export interface BroadcastChoices {
  models: ModelOption[];
  agents: { name: string; description?: string }[];
}

export function commonChoices(catalogues: readonly Catalogue[]): BroadcastChoices {
  if (!catalogues.length) return { models: [], agents: [] };
  const [first, ...rest] = catalogues;
  const everywhere = <T>(items: T[], key: (item: T) => string, of: (catalogue: Catalogue) => T[]) => {
    const others = rest.map((catalogue) => new Set(of(catalogue).map(key)));
    return items.filter((item) => others.every((keys) => keys.has(key(item))));
  };
  return {
    models: everywhere(modelOptions(first), (model) => model.value, modelOptions),
    agents: everywhere(agentOptions(first), (agent) => agent.name, agentOptions).map((agent) => ({
      name: agent.name,
      description: agent.description,
    })),
  };
}
