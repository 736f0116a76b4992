/**
 * "Notify me": the toggle for desktop notifications, and a sentence when the browser stands in the
 * way. Presentational: the status and the toggle come from app/desktop-notices.
 */
import type { NotifyStatus } from "../app/desktop-notices";

const NOTES: Partial<Record<NotifyStatus, string>> = {
  blocked:
    "Notifications are blocked by the browser for this site. Allow them in the site's settings (the icon left of the address), then press Notify me again.",
  unsupported: "This browser cannot show desktop notifications on this page (they need https or localhost).",
  dismissed: "The browser's question was closed without an answer: press Notify me to be asked again.",
};

export function NotifyToggle(props: { status: NotifyStatus; onToggle: () => void }) {
  return (
    <>
      <button
        type="button"
        aria-pressed={props.status !== "off" && props.status !== "dismissed"}
        title="A desktop notification when a session needs you, fails or finishes while this page is hidden"
        onClick={() => props.onToggle()}
        class="ml-auto rounded-md border border-zinc-300 px-2 py-0.5 text-xs font-medium hover:bg-zinc-100 aria-pressed:border-sky-600 aria-pressed:bg-sky-600 aria-pressed:text-white dark:border-zinc-700 dark:hover:bg-zinc-800"
      >
        Notify me
      </button>
      {/* Always in the DOM, so a screen reader announces the sentence when it appears. */}
      <p role="status" class={NOTES[props.status] ? "w-full text-xs font-normal text-amber-700 dark:text-amber-300" : "sr-only"}>
        {NOTES[props.status]}
      </p>
    </>
  );
}
