/**
 * The in-flight/failed/sent state of a reply button group (permission and question cards), so a
 * double click cannot send twice and a failed reply says so in a sentence.
 */
import { createSignal } from "solid-js";

/** Turns whatever a reply callback threw into the message part of a sentence. */
export function failureMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === "string" && error) return error;
  return "unknown error";
}

/**
 * Signals for one card's reply: `pending` (what is being sent), `sent` (what went through) and
 * `error` (a sentence). `send(label, action)` runs the action unless a reply is already in flight or
 * sent, and records the outcome. Must be called inside a component.
 */
export function createReplyState<T extends string>() {
  const [pending, setPending] = createSignal<T>();
  const [sent, setSent] = createSignal<T>();
  const [error, setError] = createSignal<string>();
  async function send(label: T, action: () => Promise<void> | void): Promise<void> {
    if (pending() || sent()) return;
    setPending(() => label);
    setError(undefined);
    try {
      await action();
      setSent(() => label);
    } catch (failure) {
      setError(`Could not send your reply: ${failureMessage(failure)}. Try again.`);
    } finally {
      setPending(undefined);
    }
  }
  return { pending, sent, error, send, busy: () => !!pending() || !!sent() };
}
