/**
 * The "retry" session status: the model provider failed and OpenCode waits before trying again.
 * Shows the attempt, a live countdown to `next` and the provider's message.
 */
import { createSignal, onCleanup, Show } from "solid-js";
import type { SessionStatus } from "@opencode-ai/sdk/v2/client";
import { safeExternalHref } from "./format";
import { num, rec, str } from "../../lib/server-data";

/** The retry variant of the SDK's SessionStatus. */
export type RetrySessionStatus = Extract<SessionStatus, { type: "retry" }>;

/**
 * The sentence for a retry status at time `now` (ms): "Retrying (attempt 2) in 4 s: fake upstream
 * error", or "… now: …" once `next` has passed.
 */
export function retrySentence(status: RetrySessionStatus, now: number): string {
  const next = num(status.next);
  const seconds = next === undefined ? 0 : Math.ceil((next - now) / 1000);
  const when = seconds > 0 ? `in ${seconds} s` : "now";
  const message = str(status.message)?.trim();
  const attempt = num(status.attempt);
  return `Retrying${attempt === undefined ? "" : ` (attempt ${attempt})`} ${when}${message ? `: ${message}` : ""}`;
}

/**
 * Live retry line for a session. `now` is the clock (defaults to `Date.now`) and is read once a
 * second while mounted, so the countdown ticks down; a provider `action` (e.g. "add credits") is
 * shown with its link.
 */
export function RetryStatus(props: { status: RetrySessionStatus; now?: () => number }) {
  const clock = () => (props.now ?? Date.now)();
  const [now, setNow] = createSignal(clock());
  const timer = setInterval(() => setNow(clock()), 1000);
  onCleanup(() => clearInterval(timer));
  return (
    <div
      role="status"
      class="flex flex-wrap items-baseline gap-x-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-1.5 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-200"
    >
      <span aria-hidden="true">↻</span>
      <span>{retrySentence(props.status, now())}</span>
      <Show when={props.status.action && rec(props.status.action)}>
        {(action) => (
          <span class="text-amber-800 dark:text-amber-300">
            {str(action().message)}{" "}
            <Show when={safeExternalHref(action().link)}>
              {(link) => (
                <a href={link()} target="_blank" rel="noopener noreferrer nofollow" class="underline hover:no-underline">
                  {str(action().label) ?? str(action().title) ?? "Open"}
                </a>
              )}
            </Show>
          </span>
        )}
      </Show>
    </div>
  );
}
