import { afterEach, describe, expect, it, vi } from "vitest";
import { copyText } from "../../../src/lib/clipboard";
import { messageCopyText } from "../../../src/app/message-text";
import type { Part } from "@opencode-ai/sdk/v2/client";

afterEach(() => vi.restoreAllMocks());

describe("copyText", () => {
  it("uses the Clipboard API when the browser allows it", async () => {
    const writeText = vi.fn(async () => undefined);
    await copyText("hello", { writeText });
    expect(writeText).toHaveBeenCalledWith("hello");
  });

  it("falls back to copying a selection when the Clipboard API refuses", async () => {
    let selected = "";
    // jsdom has no execCommand: give it one that copies what is selected, as a browser does.
    const execCommand = vi.fn((command: string) => {
      selected = (document.activeElement as HTMLTextAreaElement).value;
      return command === "copy";
    });
    Object.defineProperty(document, "execCommand", { value: execCommand, configurable: true });
    try {
      await copyText("fallback words", { writeText: async () => Promise.reject(new DOMException("denied", "NotAllowedError")) });
      expect(selected).toBe("fallback words");
      expect(document.querySelector("textarea")).toBeNull();
    } finally {
      Reflect.deleteProperty(document, "execCommand");
    }
  });

  it("says what to do when neither works", async () => {
    await expect(copyText("x", undefined)).rejects.toThrow(
      "The browser did not allow copying: select the text and copy it with the keyboard instead.",
    );
  });
});

describe("messageCopyText", () => {
  const text = (id: string, words: string, extra: object = {}) =>
    ({ id, sessionID: "s", messageID: "m", type: "text", text: words, ...extra }) as Part;
  it("joins the message's own text parts, leaving out what OpenCode added and what is not text", () => {
    const parts = [
      text("1", "First paragraph."),
      { id: "2", sessionID: "s", messageID: "m", type: "reasoning", text: "thinking", time: { start: 1 } } as Part,
      text("3", "Called the Read tool", { synthetic: true }),
      text("4", "  Second paragraph.\n"),
      text("5", "ignored", { ignored: true }),
    ];
    expect(messageCopyText(parts)).toBe("First paragraph.\n\nSecond paragraph.");
    expect(messageCopyText([])).toBe("");
  });
});
