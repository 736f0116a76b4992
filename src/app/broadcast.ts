/**
 * Broadcast: one prompt to several servers and projects, each in a new session, watched side by
 * side. Pure functions only: the targets a person can pick, one result card per session read from
 * its server's state, and the exports (Markdown for people, JSON for scripts).
 */
import type { AssistantMessage, Message, Part } from "@opencode-ai/sdk/v2/client";
import type { InstanceState } from "../state/types";

/** A place a prompt can go: a server and a project directory on it. */
export interface BroadcastTarget {
  key: string;
  instanceId: string;
  server: string;
  directory: string;
}

/** One sent prompt: where it went and in which session (the session is made before the prompt). */
export interface BroadcastRun {
  target: BroadcastTarget;
  sessionId?: string;
  /** Why it could not start, as a sentence. */
  error?: string;
}

export interface Broadcast {
  id: string;
  prompt: string;
  startedAt: number;
  runs: BroadcastRun[];
}

export type BroadcastStatus = "starting" | "busy" | "retrying" | "done" | "error" | "failed";

/** What one card of the results grid shows. */
export interface BroadcastResult {
  target: BroadcastTarget;
  sessionId?: string;
  status: BroadcastStatus;
  /** The reply so far: the text parts of the assistant messages. */
  text: string;
  durationMs: number | undefined;
  tokens: number;
  cost: number;
  error?: string;
  messages: Array<{ info: Message; parts: Part[] }>;
}

/** Every server's project directories, as targets, in the order given. */
export function broadcastTargets(
  servers: ReadonlyArray<{ instanceId: string; server: string; directories: readonly string[] }>,
): BroadcastTarget[] {
  return servers.flatMap((server) =>
    server.directories.map((directory) => ({
      key: `${server.instanceId} ${directory}`,
      instanceId: server.instanceId,
      server: server.server,
      directory,
    })),
  );
}

/** A run's card, read from its server's state (undefined when the server was removed). */
export function broadcastResult(run: BroadcastRun, state: InstanceState | undefined, now: number): BroadcastResult {
  const empty = { target: run.target, sessionId: run.sessionId, text: "", durationMs: undefined, tokens: 0, cost: 0, messages: [] };
  if (run.error) return { ...empty, status: "failed", error: run.error };
  if (!run.sessionId || !state) return { ...empty, status: "starting" };
  const messages = (state.messages[run.sessionId] ?? []).map((info) => ({ info, parts: state.parts[info.id] ?? [] }));
  let text = "";
  let tokens = 0;
  let cost = 0;
  let completed: number | undefined;
  for (const { info, parts } of messages) {
    if (info.role !== "assistant") continue;
    const assistant = info as AssistantMessage;
    cost += Number(assistant.cost) || 0;
    tokens += (assistant.tokens?.input ?? 0) + (assistant.tokens?.output ?? 0) + (assistant.tokens?.reasoning ?? 0);
    completed = assistant.time?.completed ?? completed;
    for (const part of parts) if (part.type === "text" && !part.synthetic) text += (text ? "\n\n" : "") + part.text;
  }
  const status = state.status[run.sessionId]?.type;
  const error = state.errors[run.sessionId];
  const started = messages[0]?.info.time.created;
  const result: BroadcastStatus = error
    ? "error"
    : status === "busy"
      ? "busy"
      : status === "retry"
        ? "retrying"
        : messages.some((m) => m.info.role === "assistant")
          ? "done"
          : "starting";
  const end = result === "busy" || result === "retrying" ? now : completed;
  return {
    ...empty,
    status: result,
    text,
    tokens,
    cost,
    messages,
    error: error?.message,
    durationMs: started !== undefined && end !== undefined ? Math.max(0, end - started) : undefined,
  };
}

/** The broadcast and its results as JSON: every message with its parts (tool calls included) and cost. */
export function broadcastJson(broadcast: Broadcast, results: readonly BroadcastResult[]): string {
  return JSON.stringify(
    {
      prompt: broadcast.prompt,
      startedAt: new Date(broadcast.startedAt).toISOString(),
      results: results.map((r) => ({
        server: r.target.server,
        directory: r.target.directory,
        sessionID: r.sessionId ?? null,
        status: r.status,
        error: r.error ?? null,
        durationMs: r.durationMs ?? null,
        tokens: r.tokens,
        cost: r.cost,
        messages: r.messages,
      })),
    },
    null,
    2,
  );
}

/** One session's transcript as Markdown: each message's text, and each tool call with its status. */
export function transcriptMarkdown(messages: BroadcastResult["messages"]): string {
  const lines: string[] = [];
  for (const { info, parts } of messages) {
    lines.push(`**${info.role === "user" ? "User" : "Assistant"}**`, "");
    for (const part of parts) {
      if (part.type === "text" && !part.synthetic) lines.push(part.text, "");
      if (part.type === "tool") lines.push(`- tool \`${part.tool}\`: ${part.state.status}`, "");
    }
  }
  return lines.join("\n");
}

/** The broadcast as Markdown: the prompt, then one section per target with its figures and transcript. */
export function broadcastMarkdown(broadcast: Broadcast, results: readonly BroadcastResult[]): string {
  const out = [`# Broadcast`, "", `Prompt: ${broadcast.prompt}`, "", `Started: ${new Date(broadcast.startedAt).toISOString()}`, ""];
  for (const r of results) {
    out.push(`## ${r.target.server} ${r.target.directory}`, "");
    out.push(
      `Status: ${r.status}${r.error ? ` (${r.error})` : ""} · duration: ${r.durationMs === undefined ? "—" : `${Math.round(r.durationMs)} ms`} · tokens: ${r.tokens} · cost: $${r.cost.toFixed(4)}`,
      "",
    );
    out.push(transcriptMarkdown(r.messages));
  }
  return (
    out
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .trimEnd() + "\n"
  );
}
