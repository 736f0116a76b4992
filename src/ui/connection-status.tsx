/**
 * The connection indicator of an instance: a coloured dot and the status in words. The compact one in
 * the instance's tab is the instance's one live region (`role=status`): it announces state changes
 * (Reconnecting, attempt 3 of 8), never the seconds of a countdown. The detailed one in the panel
 * shows the countdown too and is not a live region, so one change is announced once, not twice.
 * `data-state` carries the state for tests and styles.
 */
import { createMemo, Show } from "solid-js";
import type { ConnectionStatus as Status } from "../transport/types";
import { useSecondClock } from "./clock";
import { TextWithCode, withoutBackticks } from "./text-with-code";

const DOT: Record<Status["state"], string> = {
  connected: "bg-emerald-500",
  connecting: "bg-sky-400 animate-pulse",
  reconnecting: "bg-amber-400 animate-pulse",
  offline: "bg-zinc-400",
  error: "bg-red-500",
};

/** The words for a status; the first word is what tests and screen readers key on. No clock: it changes only with the state. */
export function describeStatus(status: Status): { word: string; detail: string } {
  switch (status.state) {
    case "connected":
      return { word: "Connected", detail: "" };
    case "connecting":
      // A later attempt in progress is still a reconnect to the person watching: say so.
      return status.attempt > 1
        ? { word: "Reconnecting", detail: `attempt ${status.attempt}, trying now` }
        : { word: "Connecting", detail: "" };
    case "reconnecting": {
      // Why the last attempt failed comes first: a retry that keeps failing for a reason nobody can see
      // looks like a slow network. The countdown is not in this text: it is announced, and ticks are not.
      const attempt = `attempt ${status.attempt} of ${status.maxAttempts}`;
      return { word: "Reconnecting", detail: status.message ? `${status.message} (${attempt})` : attempt };
    }
    case "offline":
      return { word: "Offline", detail: status.message };
    case "error":
      return { word: "Error", detail: status.message };
  }
}

/** “, next try in 3 s” while a reconnect waits (rounded up), or "" once it is due. */
export function nextTry(status: Status, now: number): string {
  if (status.state !== "reconnecting") return "";
  const seconds = Math.max(0, Math.ceil((status.nextAttemptAt - now) / 1000));
  return seconds > 0 ? `, next try in ${seconds} s` : "";
}

export interface ConnectionStatusProps {
  status: Status;
  /** Show the detail text inline, with the countdown (the tab shows only the word; the panel shows both). */
  detailed?: boolean;
  /** Whether this is the instance's live region (`role=status`); default true. One per instance. */
  live?: boolean;
  class?: string;
}

/** Renders the dot and the words. */
export function ConnectionStatus(props: ConnectionStatusProps) {
  // The shown word decides data-state, so what tests and styles key on matches what people read.
  const shownState = () => (props.status.state === "connecting" && props.status.attempt > 1 ? "reconnecting" : props.status.state);
  const live = () => props.live !== false;
  const text = createMemo(() => describeStatus(props.status));
  return (
    <span
      role={live() ? "status" : undefined}
      data-state={shownState()}
      class={`inline-flex items-center gap-1.5 text-xs ${props.class ?? ""}`}
      title={withoutBackticks(text().detail) || undefined}
    >
      <span aria-hidden="true" class={`inline-block h-2 w-2 shrink-0 rounded-full ${DOT[shownState()]}`} />
      <span>
        {text().word}
        <Show when={text().detail}>
          <span class={props.detailed ? "" : "sr-only"}>
            : <TextWithCode text={text().detail} />
          </span>
        </Show>
        <Show when={props.detailed && props.status.state === "reconnecting" ? props.status : undefined}>
          {(waiting) => <Countdown status={waiting()} hidden={live()} />}
        </Show>
      </span>
    </span>
  );
}

/** The seconds to the next try, on the shared clock; kept out of a live region's announcements. */
function Countdown(props: { status: Status; hidden: boolean }) {
  const now = useSecondClock();
  return <span aria-hidden={props.hidden ? "true" : undefined}>{nextTry(props.status, now())}</span>;
}
