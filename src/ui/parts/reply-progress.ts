/**
 * Where an assistant reply stands. The server stamps `time.completed` when a reply ends (or puts an
 * error on it); a reply with neither is still streaming only while its session works on it. A server
 * killed mid-reply (or restarted) leaves exactly that behind in an idle session: such a reply must
 * read "interrupted", not show a streaming caret forever.
 */
import type { Message } from "@opencode-ai/sdk/v2/client";
import { num, rec } from "../../lib/server-data";

export type ReplyProgress = "done" | "streaming" | "interrupted";

/**
 * `live` says whether the message may still be streaming (its session is busy and it is the newest
 * message); undefined means not known, and a reply without an end then counts as streaming.
 */
export function replyProgress(message: Message, live: boolean | undefined): ReplyProgress {
  if (message.role !== "assistant") return "done";
  if (num(rec(message.time).completed) !== undefined || message.error) return "done";
  return live === false ? "interrupted" : "streaming";
}
