/**
 * A message's words as a person copies them: its text parts in order, without the ones OpenCode adds
 * itself (a synthetic "Called the Read tool…" line and the file text after it, or ignored parts).
 * Reasoning, tool calls and attachments are not words the person wrote or read as the answer.
 */
import type { Part } from "@opencode-ai/sdk/v2/client";

export function messageCopyText(parts: readonly Part[]): string {
  return parts
    .flatMap((part) =>
      part?.type === "text" && !part.synthetic && !part.ignored && typeof part.text === "string" ? [part.text.trim()] : [],
    )
    .filter(Boolean)
    .join("\n\n");
}
