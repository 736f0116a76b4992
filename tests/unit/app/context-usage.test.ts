import type { Message, Provider } from "@opencode-ai/sdk/v2/client";
import { describe, expect, it } from "vitest";
import type { Catalogue } from "../../../src/api/session-api";
import { contextUsage } from "../../../src/app/context-usage";

const assistant = (id: string, input: number, output: number, cost: number) =>
  ({
    id,
    role: "assistant",
    providerID: "fake",
    modelID: "fake-model",
    cost,
    tokens: { input, output, reasoning: 0, cache: { read: 5, write: 0 } },
  }) as unknown as Message;
const catalogue = {
  providers: [{ id: "fake", models: { "fake-model": { limit: { context: 1000 } } } } as unknown as Provider],
  providerDefaults: {},
  agents: [],
  config: {},
} as Catalogue;

describe("context usage", () => {
  it("counts the last answered message's tokens against its model's limit and adds up the cost", () => {
    const messages = [
      { id: "u", role: "user" } as Message,
      assistant("a1", 10, 6, 0.01),
      assistant("a2", 40, 28, 0.02),
      assistant("a3", 0, 0, 0),
    ];
    expect(contextUsage(messages, catalogue)).toEqual({ tokens: 73, limit: 1000, cost: 0.03 });
  });

  it("has nothing to say before the first answer, and no limit for an unknown model", () => {
    expect(contextUsage([{ id: "u", role: "user" } as Message], catalogue)).toBeUndefined();
    expect(contextUsage([assistant("a1", 10, 6, 0)], undefined)).toEqual({ tokens: 21, limit: undefined, cost: 0 });
  });
});
