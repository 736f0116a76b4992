/**
 * The error boundary around each message, part and card. Components guard what they read from the
 * server (parts/server-data.ts); this is the last line behind the guards: whatever still throws
 * while one of them renders costs that one placeholder, and the rest of the session stays live. Without it an
 * error in one part's render escaped Solid's update loop and the session view stopped updating.
 */
import { createEffect, ErrorBoundary, on, type JSX } from "solid-js";

/** The exact words of the placeholder (tests and people look for them). */
export const PART_FALLBACK_TEXT = "This part could not be shown";

/** What the diagnostics view lists: the last few render errors, newest last. */
export interface RenderError {
  what: string;
  message: string;
  at: number;
}

const RECENT = 5;
const recent: RenderError[] = [];

/** The last few errors the boundaries caught, newest last (for the diagnostics report). */
export function recentRenderErrors(): readonly RenderError[] {
  return recent;
}

function remember(what: string, error: unknown): void {
  let message = "unknown error";
  try {
    message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  } catch {
    // An object without a prototype cannot even be turned into a string.
  }
  recent.push({ what, message: message.slice(0, 300), at: Date.now() });
  if (recent.length > RECENT) recent.splice(0, recent.length - RECENT);
  console.error(`Switchboard could not show a ${what}:`, error);
}

/**
 * Renders `children`, or the placeholder once they throw. `what` names the thing for the report
 * ("message", "part", "permission request"); when `retryOn` changes (the server sent a new version
 * of the message or part), it tries to render again.
 */
export function PartBoundary(props: { what: string; retryOn?: () => unknown; children: JSX.Element }) {
  return (
    <ErrorBoundary
      fallback={(error, reset) => {
        remember(props.what, error);
        if (props.retryOn) createEffect(on(props.retryOn, reset, { defer: true }));
        return (
          <p
            role="note"
            class="rounded border border-dashed border-zinc-300 px-2 py-1 text-xs text-zinc-500 dark:border-zinc-700 dark:text-zinc-400"
          >
            {PART_FALLBACK_TEXT}
          </p>
        );
      }}
    >
      {props.children}
    </ErrorBoundary>
  );
}
