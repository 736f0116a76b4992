import type { Part } from "@opencode-ai/sdk/v2/client";
import { describe, expect, it } from "vitest";
import { mentionParts, promptHistory } from "../../../src/app/prompt-input";
import {
  filterCommands,
  insertMention,
  mentionedPaths,
  mentionQuery,
  parseShell,
  parseSlash,
  slashQuery,
} from "../../../src/ui/prompt-completion";

describe("prompt completion", () => {
  it("reads a slash query only while the text is /word", () => {
    expect(slashQuery("/")).toBe("");
    expect(slashQuery("/ini")).toBe("ini");
    expect(slashQuery("/init x")).toBeUndefined();
    expect(slashQuery("a /init")).toBeUndefined();
  });

  it("finds the @word at the caret and replaces it with the picked path", () => {
    expect(mentionQuery("look at @sr", 11)).toEqual({ query: "sr", start: 8 });
    expect(mentionQuery("mail me@home", 12)).toBeUndefined();
    expect(insertMention("look at @sr now", 8, 11, "src/a.ts")).toEqual({ text: "look at @src/a.ts now", caret: 18 });
  });

  it("parses commands and shell commands", () => {
    expect(parseSlash("/init focus on tests")).toEqual({ name: "init", args: "focus on tests" });
    expect(parseSlash("/undo")).toEqual({ name: "undo", args: "" });
    expect(parseShell("!ls -la")).toBe("ls -la");
    expect(parseShell("!")).toBeUndefined();
  });

  it("puts commands that start with the query first", () => {
    expect(filterCommands([{ name: "review" }, { name: "preview" }, { name: "init" }], "rev").map((c) => c.name)).toEqual([
      "review",
      "preview",
    ]);
  });

  it("keeps only mentions still in the text", () => {
    expect(mentionedPaths("see @a.ts and b", ["a.ts", "b.ts", "a.ts"])).toEqual(["a.ts"]);
  });
});

describe("prompt input", () => {
  it("turns mentioned paths into file parts under the session's directory", () => {
    expect(mentionParts("see @src/a b.ts", "/home/dev/alpha/", ["src/a b.ts"])).toEqual([
      {
        type: "file",
        mime: "text/plain",
        filename: "src/a b.ts",
        url: "file:///home/dev/alpha/src/a%20b.ts",
        source: { type: "file", path: "/home/dev/alpha/src/a b.ts", text: { value: "@src/a b.ts", start: 4, end: 15 } },
      },
    ]);
  });

  it("lists the user's earlier prompts, oldest first, without synthetic parts or repeats", () => {
    const text = (id: string, value: string, synthetic = false) =>
      ({ id: `p${id}`, type: "text", text: value, synthetic }) as unknown as Part;
    const messages = [
      { id: "m1", role: "user" as const },
      { id: "m2", role: "assistant" as const },
      { id: "m3", role: "user" as const },
      { id: "m4", role: "user" as const },
    ];
    const parts = {
      m1: [text("1", "first"), text("x", "file contents", true)],
      m2: [text("2", "reply")],
      m3: [text("3", "second")],
      m4: [text("4", "second")],
    };
    expect(promptHistory(messages, parts)).toEqual(["first", "second"]);
  });
});
