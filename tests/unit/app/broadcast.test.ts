import { describe, expect, it } from "vitest";
import type { Message, Part } from "@opencode-ai/sdk/v2/client";
import { broadcastJson, broadcastMarkdown, broadcastResult, broadcastTargets, type Broadcast } from "../../../src/app/broadcast";
import { emptyInstanceState } from "../../../src/state/types";
import { commonChoices } from "../../../src/app/broadcast-choice";
import type { Catalogue } from "../../../src/api/session-api";

const targets = broadcastTargets([
  { instanceId: "a", server: ":4096", directories: ["/home/dev/alpha", "/home/dev/beta"] },
  { instanceId: "b", server: ":4097", directories: ["/srv/site"] },
]);

function stateWithReply(sessionId: string, busy = false) {
  const state = emptyInstanceState();
  state.messages[sessionId] = [
    { id: "m1", sessionID: sessionId, role: "user", time: { created: 1000 } },
    {
      id: "m2",
      sessionID: sessionId,
      role: "assistant",
      time: { created: 1100, completed: busy ? undefined : 3500 },
      cost: 0.02,
      tokens: { input: 10, output: 5, reasoning: 1, cache: { read: 0, write: 0 } },
    },
  ] as unknown as Message[];
  state.parts.m1 = [{ id: "p1", sessionID: sessionId, messageID: "m1", type: "text", text: "Say hi" }] as Part[];
  state.parts.m2 = [
    { id: "p2", sessionID: sessionId, messageID: "m2", type: "text", text: "Hi there." },
    { id: "p3", sessionID: sessionId, messageID: "m2", type: "tool", callID: "c", tool: "bash", state: { status: "completed" } },
  ] as unknown as Part[];
  if (busy) state.status[sessionId] = { type: "busy" };
  return state;
}

describe("broadcast", () => {
  it("offers every project of every server as a target", () => {
    expect(targets.map((t) => t.key)).toEqual(["a /home/dev/alpha", "a /home/dev/beta", "b /srv/site"]);
  });

  it("reads a run's card from its server: reply text, status, duration, tokens and cost", () => {
    const done = broadcastResult({ target: targets[0], sessionId: "s1" }, stateWithReply("s1"), 10_000);
    expect(done).toMatchObject({ status: "done", text: "Hi there.", durationMs: 2500, tokens: 16, cost: 0.02 });
    const busy = broadcastResult({ target: targets[0], sessionId: "s1" }, stateWithReply("s1", true), 4000);
    expect(busy).toMatchObject({ status: "busy", durationMs: 3000 });
    expect(broadcastResult({ target: targets[1] }, emptyInstanceState(), 0).status).toBe("starting");
    expect(broadcastResult({ target: targets[2], error: "Could not start" }, undefined, 0)).toMatchObject({
      status: "failed",
      error: "Could not start",
    });
  });

  it("exports Markdown for people and JSON with messages, parts, tool calls and cost for scripts", () => {
    const broadcast: Broadcast = { id: "broadcast-1", prompt: "Say hi", startedAt: 0, runs: [{ target: targets[0], sessionId: "s1" }] };
    const results = [broadcastResult(broadcast.runs[0], stateWithReply("s1"), 0)];
    const markdown = broadcastMarkdown(broadcast, results);
    expect(markdown).toContain("Prompt: Say hi");
    expect(markdown).toContain("## :4096 /home/dev/alpha");
    expect(markdown).toContain("Status: done");
    expect(markdown).toContain("Hi there.");
    expect(markdown).toContain("- tool `bash`: completed");
    const json = JSON.parse(broadcastJson(broadcast, results));
    expect(json.prompt).toBe("Say hi");
    expect(json.results[0]).toMatchObject({
      server: ":4096",
      directory: "/home/dev/alpha",
      sessionID: "s1",
      status: "done",
      cost: 0.02,
      tokens: 16,
    });
    expect(json.results[0].messages[1].parts[1]).toMatchObject({ type: "tool", tool: "bash" });
  });
});

describe("commonChoices", () => {
  const catalogue = (models: string[], agents: { name: string; mode?: string }[]) =>
    ({
      providers: [{ id: "p", name: "P", models: Object.fromEntries(models.map((id) => [id, { id, name: id.toUpperCase() }])) }],
      providerDefaults: {},
      agents,
      config: {},
    }) as unknown as Catalogue;

  it("keeps only the models and primary agents every catalogue offers, in the first one's order", () => {
    const choices = commonChoices([
      catalogue(["a", "b", "c"], [{ name: "build" }, { name: "plan" }, { name: "explore", mode: "subagent" }]),
      catalogue(["c", "b"], [{ name: "plan" }, { name: "build" }, { name: "explore", mode: "subagent" }]),
    ]);
    expect(choices.models.map((model) => model.value)).toEqual(["p/b", "p/c"]);
    expect(choices.agents.map((agent) => agent.name)).toEqual(["build", "plan"]);
  });

  it("offers nothing for no targets, and everything one target has for one", () => {
    expect(commonChoices([])).toEqual({ models: [], agents: [] });
    expect(commonChoices([catalogue(["a"], [{ name: "build" }])]).models.map((model) => model.label)).toEqual(["A"]);
  });
});
