/**
 * Errors from a session (`session.error`) or on an assistant message (`info.error`), told as a
 * sentence a person can act on instead of an error class name.
 */
import type { AssistantMessage, Part, SessionStatus } from "@opencode-ai/sdk/v2/client";
import { rec, str } from "../../lib/server-data";

/** What `session.error` / `info.error` carry, flattened: the error class name and its message. */
export interface ErrorLike {
  name: string;
  message?: string;
}

/**
 * The sentence for an OpenCode error by its class name, e.g. `APIError` → "The model provider
 * returned an error: …" and `MessageAbortedError` → "Stopped.". Unknown names fall back to
 * "name: message" so nothing is hidden.
 */
export function errorSentence(error: ErrorLike): string {
  const detail = str(error.message)?.trim();
  const with_ = (lead: string) => (detail ? `${lead}: ${detail}` : `${lead}.`);
  switch (error.name) {
    case "APIError":
      return with_("The model provider returned an error");
    case "MessageAbortedError":
      return "Stopped.";
    case "ProviderAuthError":
      return with_("The model provider did not accept the credentials");
    case "MessageOutputLengthError":
      return "The reply was cut off: it reached the model's output length limit.";
    case "ContextOverflowError":
      return with_("The conversation no longer fits in the model's context window");
    case "ContentFilterError":
      return with_("The model provider's content filter blocked the reply");
    case "StructuredOutputError":
      return with_("The model did not return the structured output that was asked for");
    case "UnknownError":
      return with_("Something went wrong");
    default:
      return detail ? `${error.name}: ${detail}` : `${error.name || "Error"}.`;
  }
}

/** Flattens an assistant message's `info.error` (`{name, data:{message}}`) into an {@link ErrorLike}. */
export function messageError(error: NonNullable<AssistantMessage["error"]> | unknown): ErrorLike {
  const fields = rec(error);
  return { name: str(fields.name) ?? "UnknownError", message: str(rec(fields.data).message) };
}

/**
 * Shows one session or message error as a sentence. An abort is not a failure, so it is a quiet
 * status line; everything else is an alert in red.
 */
export function SessionErrorView(props: { error: ErrorLike }) {
  const aborted = () => props.error.name === "MessageAbortedError";
  return (
    <p
      role={aborted() ? "status" : "alert"}
      class={
        aborted()
          ? "text-sm text-zinc-500 dark:text-zinc-400"
          : "rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950/50 dark:text-red-200"
      }
    >
      {errorSentence(props.error)}
    </p>
  );
}

/** Parts a person reads; step-start, step-finish and snapshot carry nothing to show. */
function shows(part: Part): boolean {
  try {
    if (part.type === "text" || part.type === "reasoning") return (str(part.text) ?? "").trim() !== "";
    return part.type !== "step-start" && part.type !== "step-finish" && part.type !== "snapshot";
  } catch {
    // A part that cannot even be read shows its placeholder: the reply is not empty.
    return true;
  }
}

/**
 * Why a finished reply shows nothing, or undefined when it shows something (or has an error of its
 * own, or is not finished). Stopped while OpenCode waited to retry a failing provider, a reply ends
 * with no part, no error and no `finish` (EVENTS.md: only `message.updated` and idle are sent), which
 * read as a blank; `retried` is the last retry status seen for it, to say what was failing.
 */
export function emptyReplySentence(
  message: AssistantMessage,
  parts: Part[],
  retried?: Extract<SessionStatus, { type: "retry" }>,
): string | undefined {
  if (!rec(message.time).completed || message.error || parts.some(shows)) return undefined;
  if (message.finish) return "The model sent an empty reply.";
  const why = str(retried?.message)?.trim();
  return why
    ? `Stopped before the model answered. The model provider was failing (attempt ${retried!.attempt}): ${why}`
    : "Stopped before the model answered.";
}
