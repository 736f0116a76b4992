/**
 * Turning what the user typed into what the server takes: mentioned paths into file parts (as the TUI
 * sends them: a `file://` URL under the session's directory, and where the `@path` sits in the text),
 * and the session's earlier prompts for Up/Down.
 */
import type { FilePartInput, Message, Part } from "@opencode-ai/sdk/v2/client";

export function mentionParts(text: string, directory: string, paths: string[]): FilePartInput[] {
  return paths.map((path) => {
    const value = `@${path}`;
    const start = Math.max(0, text.indexOf(value));
    const absolute = `${directory.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
    return {
      type: "file",
      mime: "text/plain",
      filename: path,
      url: `file://${absolute.split("/").map(encodeURIComponent).join("/")}`,
      source: { type: "file", path: absolute, text: { value, start, end: start + value.length } },
    };
  });
}

/** The text of each user message, oldest first, skipping repeats in a row. */
export function promptHistory(messages: Pick<Message, "id" | "role">[], parts: Record<string, Part[] | undefined>): string[] {
  const history: string[] = [];
  for (const message of messages) {
    if (message.role !== "user") continue;
    const text = (parts[message.id] ?? [])
      .flatMap((part) => (part.type === "text" && !part.synthetic && typeof part.text === "string" ? [part.text] : []))
      .join("\n")
      .trim();
    if (text && history[history.length - 1] !== text) history.push(text);
  }
  return history;
}
