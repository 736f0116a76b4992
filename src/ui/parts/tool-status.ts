/**
 * How a tool call's status reads and looks: a word for every status (so it never relies on colour
 * alone), an icon and a colour.
 */
import type { ToolState } from "@opencode-ai/sdk/v2/client";
import { lookup } from "../../lib/server-data";

/** The four states a tool part goes through: pending → running → completed | error. */
export type ToolStatus = ToolState["status"];

/** Words, icon and Tailwind colour for a tool status. */
export const TOOL_STATUS: Record<ToolStatus, { word: string; icon: string; tone: string }> = {
  pending: {
    word: "Pending",
    icon: "○",
    tone: "bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300",
  },
  running: {
    word: "Running",
    icon: "◐",
    tone: "bg-blue-100 text-blue-800 dark:bg-blue-950 dark:text-blue-200",
  },
  completed: {
    word: "Completed",
    icon: "✓",
    tone: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200",
  },
  error: {
    word: "Failed",
    icon: "✕",
    tone: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200",
  },
};

/** The look of a status as the server sent it; anything unknown reads as pending. */
export function toolStatusLook(status: unknown): { word: string; icon: string; tone: string } {
  return lookup(TOOL_STATUS, status) ?? TOOL_STATUS.pending;
}

/** The look of a call whose reply stopped before the call finished. */
export const INTERRUPTED = { word: "Interrupted", icon: "✕", tone: "bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300" };
