/**
 * Which model and agent a prompt goes to. The pickers show, in order: what the user chose for this
 * session, else what the session last used (the server keeps it on the session), else the server's
 * configured default, else the first provider's default model: the same order the server itself
 * falls back through, so an untouched picker shows what the server would use anyway.
 */
import type { Agent, Session } from "@opencode-ai/sdk/v2/client";
import type { Catalogue, ModelRef } from "../api/session-api";

export interface ModelOption {
  /** `providerID/modelID`, the form the server's config and commands use. */
  value: string;
  label: string;
  provider: string;
}

export function modelKey(model: ModelRef): string {
  return `${model.providerID}/${model.modelID}`;
}

/** `providerID/modelID` → its parts; the model id may itself contain slashes (`openrouter/a/b`). */
export function parseModelKey(value: string | undefined): ModelRef | undefined {
  if (!value) return undefined;
  const slash = value.indexOf("/");
  if (slash <= 0 || slash === value.length - 1) return undefined;
  return { providerID: value.slice(0, slash), modelID: value.slice(slash + 1) };
}

export function modelOptions(catalogue: Catalogue | undefined): ModelOption[] {
  const options: ModelOption[] = [];
  for (const provider of catalogue?.providers ?? []) {
    if (!provider || typeof provider.id !== "string" || !provider.models || typeof provider.models !== "object") continue;
    for (const [id, model] of Object.entries(provider.models)) {
      const name = typeof model?.name === "string" && model.name ? model.name : id;
      options.push({
        value: `${provider.id}/${id}`,
        label: name,
        provider: typeof provider.name === "string" ? provider.name : provider.id,
      });
    }
  }
  return options;
}

/** Primary agents the user can talk to (subagents are started by the task tool, hidden ones by the server). */
export function agentOptions(catalogue: Catalogue | undefined): Agent[] {
  return (catalogue?.agents ?? []).filter((agent) => agent && typeof agent.name === "string" && agent.mode !== "subagent" && !agent.hidden);
}

export function defaultModel(catalogue: Catalogue | undefined, session: Pick<Session, "model"> | undefined): string | undefined {
  const options = modelOptions(catalogue);
  const offered = (value: string | undefined) => (value && options.some((option) => option.value === value) ? value : undefined);
  const fromSession = session?.model ? `${session.model.providerID}/${session.model.id}` : undefined;
  const firstProvider = catalogue?.providers.find((provider) => catalogue.providerDefaults[provider.id]);
  const fromProvider = firstProvider ? `${firstProvider.id}/${catalogue!.providerDefaults[firstProvider.id]}` : undefined;
  return offered(fromSession) ?? offered(catalogue?.config.model) ?? offered(fromProvider) ?? options[0]?.value;
}

export function defaultAgent(catalogue: Catalogue | undefined, session: Pick<Session, "agent"> | undefined): string | undefined {
  const names = agentOptions(catalogue).map((agent) => agent.name);
  const offered = (name: string | undefined) => (name && names.includes(name) ? name : undefined);
  return offered(session?.agent) ?? offered(catalogue?.config.default_agent) ?? offered("build") ?? names[0];
}

/** The user's choice when the server still offers it, else the default. */
export function chosen(choice: string | undefined, offered: string[], fallback: string | undefined): string | undefined {
  return choice && offered.includes(choice) ? choice : fallback;
}
