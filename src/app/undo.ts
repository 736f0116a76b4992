/**
 * Undo and Redo as OpenCode's TUI does them. The server keeps reverted messages until the next prompt
 * and marks the session with `revert.messageID`: everything from that message on is undone (hidden,
 * its file changes rolled back). Undo moves that mark back to the previous user message; Redo moves it
 * forward to the next one, and past the last it restores everything (`unrevert`).
 */
import type { Message, Session } from "@opencode-ai/sdk/v2/client";
import type { InstanceConfig } from "../api/instance";
import * as api from "../api/session-api";

type Revert = Session["revert"];
type Listed = Pick<Message, "id" | "role">;

/** The messages still in effect: those before the revert mark (ids sort in creation order). */
export function visibleMessages<T extends Listed>(messages: T[], revert: Revert): T[] {
  const mark = revert?.messageID;
  return mark ? messages.filter((message) => message.id < mark) : messages;
}

/** The user message Undo reverts to, or undefined when nothing is left to undo. */
export function undoTarget(messages: Listed[], revert: Revert): string | undefined {
  // From the end: the header asks on every change of a session that may hold thousands of messages.
  const mark = revert?.messageID;
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message.role === "user" && (!mark || message.id < mark)) return message.id;
  }
  return undefined;
}

/** What Redo does: revert to the next user message, restore everything, or nothing when nothing is undone. */
export function redoStep(messages: Listed[], revert: Revert): { revertTo: string } | "unrevert" | undefined {
  const mark = revert?.messageID;
  if (!mark) return undefined;
  const next = messages.find((message) => message.role === "user" && message.id > mark);
  return next ? { revertTo: next.id } : "unrevert";
}

/** What Undo and Redo need to reach the server and to take its answer. */
export interface UndoTarget {
  config: InstanceConfig;
  session: Session;
  messages: Listed[];
  fetch?: typeof fetch;
  /** Takes the session as the server answered it, before its event arrives. */
  took: (session: Session) => void;
}

/** Undo: revert to the last user message still in effect. False when there was nothing to undo. */
export async function undo(target: UndoTarget): Promise<boolean> {
  const messageID = undoTarget(target.messages, target.session.revert);
  if (!messageID) return false;
  target.took(await api.revertSession(target.config, target.session, messageID, target.fetch));
  return true;
}

/** Redo: one user message forward, or everything back. False when nothing was undone. */
export async function redo(target: UndoTarget): Promise<boolean> {
  const step = redoStep(target.messages, target.session.revert);
  if (!step) return false;
  const updated =
    step === "unrevert"
      ? await api.unrevertSession(target.config, target.session, target.fetch)
      : await api.revertSession(target.config, target.session, step.revertTo, target.fetch);
  target.took(updated);
  return true;
}
