/**
 * The fake model's script vocabulary, checked on the wire without opencode: what each prompt makes
 * it send, in the OpenAI streaming format opencode accepted (SERVER.md, "A fake model").
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOSTILE_HTML, startFakeModel, type FakeModel } from "./fake-model";

let model: FakeModel;
beforeAll(async () => {
  model = await startFakeModel();
});
afterAll(() => model.close());

type Chunk = { choices: { delta: Record<string, unknown>; finish_reason: string | null }[]; usage?: unknown };

/** Posts a chat-completions request and returns the status, parsed chunks and whether it ended with [DONE]. */
async function complete(messages: { role: string; content: unknown }[], tools = true) {
  const res = await fetch(`${model.url}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      model: "fake-model",
      stream: true,
      messages,
      ...(tools ? { tools: [{ type: "function", function: { name: "bash" } }] } : {}),
    }),
  });
  const text = await res.text();
  const lines = text
    .split("\n\n")
    .filter(Boolean)
    .map((block) => block.replace(/^data: /, ""));
  const done = lines.at(-1) === "[DONE]";
  const chunks = (res.ok ? lines.filter((l) => l !== "[DONE]").map((l) => JSON.parse(l)) : []) as Chunk[];
  const content = chunks.flatMap((c) => c.choices.map((ch) => ch.delta.content ?? "")).join("");
  const reasoning = chunks.flatMap((c) => c.choices.map((ch) => ch.delta.reasoning_content ?? "")).join("");
  const finish = chunks.flatMap((c) => c.choices.map((ch) => ch.finish_reason)).filter(Boolean);
  return { status: res.status, chunks, content, reasoning, finish, done };
}

const user = (text: string) => ({ role: "user", content: [{ type: "text", text }] });

describe("fake model", () => {
  it("streams say: text in several chunks, then finish, usage and [DONE]", async () => {
    const r = await complete([{ role: "system", content: "sys" }, user("say: one two three four five six seven")]);
    expect(r.content).toBe("one two three four five six seven");
    expect(r.chunks.filter((c) => c.choices[0]?.delta.content).length).toBeGreaterThan(2);
    expect(r.finish).toEqual(["stop"]);
    expect(r.chunks.at(-1)).toMatchObject({ choices: [], usage: { total_tokens: 16 } });
    expect(r.done).toBe(true);
  });

  it("sends reasoning before text for think:", async () => {
    const r = await complete([user("think: pondering hard say: the answer")]);
    expect(r.reasoning).toBe("pondering hard");
    expect(r.content).toBe("the answer");
  });

  it("emits N tokens for long:N and a tool call for bash:", async () => {
    expect((await complete([user("long:25")])).content.split(" ").filter(Boolean)).toHaveLength(25);
    const r = await complete([user("bash:echo hi")]);
    const args = r.chunks.flatMap((c) =>
      c.choices.flatMap((ch) => (ch.delta.tool_calls as { function: { name?: string; arguments: string } }[] | undefined) ?? []),
    );
    expect(args[0].function.name).toBe("bash");
    expect(JSON.parse(args.map((a) => a.function.arguments).join(""))).toEqual({ command: "echo hi", description: "Run echo hi" });
    expect(r.finish).toEqual(["tool_calls"]);
  });

  it("calls write with many lines and edit with the text to replace", async () => {
    const toolCall = async (prompt: string) => {
      const r = await complete([user(prompt)]);
      const calls = r.chunks.flatMap((c) =>
        c.choices.flatMap((ch) => (ch.delta.tool_calls as { function: { name?: string; arguments: string } }[] | undefined) ?? []),
      );
      return { name: calls[0].function.name, args: JSON.parse(calls.map((call) => call.function.arguments).join("")) };
    };
    expect(await toolCall("write:src/a.ts:one\\ntwo")).toEqual({ name: "write", args: { filePath: "src/a.ts", content: "one\ntwo" } });
    expect(await toolCall("edit:src/a.ts:two=>2\\nthree")).toEqual({
      name: "edit",
      args: { filePath: "src/a.ts", oldString: "two", newString: "2\nthree" },
    });
  });

  it("runs the next step after a tool result and ends the loop with the tool's output", async () => {
    const prompt = "bash:echo a\nsay: second step";
    const second = await complete([user(prompt), { role: "assistant", content: "" }, { role: "tool", content: "a" }]);
    expect(second.content).toBe("second step");
    const last = await complete([
      user(prompt),
      { role: "assistant", content: "" },
      { role: "tool", content: "a" },
      { role: "assistant", content: "second step" },
      { role: "tool", content: "[\n  result line" },
    ]);
    expect(last.content).toBe("Tool finished: result line");
  });

  it("answers title requests (no tools) with the bracket title or a default", async () => {
    expect((await complete([user("[My title] say: hi")], false)).content).toBe("My title");
    expect((await complete([user("say: hi")], false)).content).toBe("Fake title");
  });

  it("fails with HTTP 400, 500, and 500 n times before recovering", async () => {
    expect((await complete([user("fail400")])).status).toBe(400);
    expect((await complete([user("fail500")])).status).toBe(500);
    const prompt = "fail500:2 #nonce-1";
    expect((await complete([user(prompt)])).status).toBe(500);
    expect((await complete([user(prompt)])).status).toBe(500);
    const third = await complete([user(prompt)]);
    expect(third.status).toBe(200);
    expect(third.content).toBe("Recovered after 2 failures");
  });

  it("streams the hostile HTML for html", async () => {
    expect((await complete([user("html")])).content).toBe(HOSTILE_HTML.join(""));
  });
});
