/**
 * Reading the loosely typed parts of a tool call (`input` and `metadata` are `Record<string, unknown>`
 * in the SDK) without trusting their shape.
 */
import type { Todo, ToolState } from "@opencode-ai/sdk/v2/client";
import { isObject, rec, str } from "../../lib/server-data";

/**
 * What a tool printed: the final `output` once completed, or the live `metadata.output` that bash
 * streams while running (seen in captures/03-permission: "" then "hello-from-fake\n").
 */
export function toolOutput(state: ToolState): string | undefined {
  if (state.status === "completed") return typeof state.output === "string" ? state.output : undefined;
  if (state.status === "running") return str(rec(state.metadata).output);
  return undefined;
}

/**
 * The child session a task tool call started: `metadata.sessionId`, present from the first
 * `running` update (before the child's own events arrive).
 */
export function taskChildSessionId(state: ToolState): string | undefined {
  return state.status === "pending" ? undefined : str(rec((state as { metadata?: unknown }).metadata).sessionId);
}

/**
 * The readable result inside a task tool's output, which wraps it as
 * `<task id=… state="completed">\n<task_result>\n…\n</task_result>\n</task>`; other text is returned as is.
 */
export function taskResult(output: string): string {
  const match = /<task_result>\n?([\s\S]*?)\n?<\/task_result>/.exec(output);
  return match ? match[1] : output;
}

/** The todos in a todowrite call's input, if they look like todos. */
export function asTodos(value: unknown): Todo[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const todos = value.filter((item): item is Todo => isObject(item) && typeof item.content === "string");
  return todos.length ? todos : undefined;
}
