import type { Agent, Provider } from "@opencode-ai/sdk/v2/client";
import { describe, expect, it } from "vitest";
import type { Catalogue } from "../../../src/api/session-api";
import { agentOptions, chosen, defaultAgent, defaultModel, modelOptions, parseModelKey } from "../../../src/app/model-choice";

const provider = (id: string, models: string[]) =>
  ({ id, name: id.toUpperCase(), models: Object.fromEntries(models.map((m) => [m, { id: m, name: `${m} name` }])) }) as unknown as Provider;
const agent = (name: string, mode: Agent["mode"], hidden = false) => ({ name, mode, hidden }) as Agent;

const catalogue: Catalogue = {
  providers: [provider("a", ["one", "two"]), provider("b", ["three"])],
  providerDefaults: { a: "two", b: "three" },
  agents: [agent("build", "primary"), agent("plan", "primary"), agent("general", "subagent"), agent("title", "primary", true)],
  config: {},
};

describe("model choice", () => {
  it("lists every provider's models as provider/model", () => {
    expect(modelOptions(catalogue).map((option) => option.value)).toEqual(["a/one", "a/two", "b/three"]);
    expect(modelOptions({ ...catalogue, providers: [null as unknown as Provider, { id: "x" } as Provider] })).toEqual([]);
  });

  it("offers only primary agents that are not hidden", () => {
    expect(agentOptions(catalogue).map((a) => a.name)).toEqual(["build", "plan"]);
  });

  it("defaults to the session's model, then the configured one, then the first provider's default", () => {
    expect(defaultModel(catalogue, { model: { id: "three", providerID: "b" } })).toBe("b/three");
    expect(defaultModel({ ...catalogue, config: { model: "a/one" } }, {})).toBe("a/one");
    expect(defaultModel(catalogue, { model: { id: "gone", providerID: "b" } })).toBe("a/two");
    expect(defaultModel(undefined, undefined)).toBeUndefined();
  });

  it("defaults to the session's agent, then the configured one, then build", () => {
    expect(defaultAgent(catalogue, { agent: "plan" })).toBe("plan");
    expect(defaultAgent({ ...catalogue, config: { default_agent: "plan" } }, {})).toBe("plan");
    expect(defaultAgent(catalogue, { agent: "general" })).toBe("build");
  });

  it("keeps a choice only while the server still offers it", () => {
    expect(chosen("a/one", ["a/one"], "b/three")).toBe("a/one");
    expect(chosen("gone/x", ["a/one"], "b/three")).toBe("b/three");
  });

  it("splits provider/model at the first slash", () => {
    expect(parseModelKey("openrouter/meta/llama")).toEqual({ providerID: "openrouter", modelID: "meta/llama" });
    expect(parseModelKey("nope")).toBeUndefined();
    expect(parseModelKey("/x")).toBeUndefined();
  });
});
