/**
 * Undo and Redo as OpenCode's TUI does them. The server keeps reverted messages until the next prompt
 * and marks the session with `revert.messageID`: everything from that message on is undone (hidden,
 * its file changes rolled back). Undo moves that mark back to the previous user message; Redo moves it
 * forward to the next one, and past the last it restores everything (`unrevert`).
 */
import type { Message, Session } from "@opencode-ai/sdk/v2/client";

type Revert = Session["revert"];
type Listed = Pick<Message, "id" | "role">;

/** The messages still in effect: those before the revert mark (ids sort in creation order). */
export function visibleMessages<T extends Listed>(messages: T[], revert: Revert): T[] {
  const mark = revert?.messageID;
  return mark ? messages.filter((message) => message.id < mark) : messages;
}

/** The user message Undo reverts to, or undefined when nothing is left to undo. */
export function undoTarget(messages: Listed[], revert: Revert): string | undefined {
  const users = visibleMessages(messages, revert).filter((message) => message.role === "user");
  return users[users.length - 1]?.id;
}

/** What Redo does: revert to the next user message, restore everything, or nothing when nothing is undone. */
export function redoStep(messages: Listed[], revert: Revert): { revertTo: string } | "unrevert" | undefined {
  const mark = revert?.messageID;
  if (!mark) return undefined;
  const next = messages.find((message) => message.role === "user" && message.id > mark);
  return next ? { revertTo: next.id } : "unrevert";
}
