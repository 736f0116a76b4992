/**
 * The connection indicator of an instance: a coloured dot and the status in words, in an element with
 * `role=status` so assistive tech announces changes. `data-state` carries the state for tests and styles.
 */
import { createMemo, createSignal, onCleanup, Show } from "solid-js";
import type { ConnectionStatus as Status } from "../transport/types";

const DOT: Record<Status["state"], string> = {
  connected: "bg-emerald-500",
  connecting: "bg-sky-400 animate-pulse",
  reconnecting: "bg-amber-400 animate-pulse",
  offline: "bg-zinc-400",
  error: "bg-red-500",
};

/** The words for a status; the first word is what tests and screen readers key on. */
export function describeStatus(status: Status, now: number): { word: string; detail: string } {
  switch (status.state) {
    case "connected":
      return { word: "Connected", detail: "" };
    case "connecting":
      // A later attempt in progress is still a reconnect to the person watching: say so.
      return status.attempt > 1 ? { word: "Reconnecting", detail: `attempt ${status.attempt}, trying now` } : { word: "Connecting", detail: "" };
    case "reconnecting": {
      const seconds = Math.max(0, Math.ceil((status.nextAttemptAt - now) / 1000));
      const attempt = `attempt ${status.attempt} of ${status.maxAttempts}${seconds > 0 ? `, next try in ${seconds} s` : ""}`;
      // Why the last attempt failed comes first: a retry that keeps failing for a reason nobody can see
      // looks like a slow network.
      return { word: "Reconnecting", detail: status.message ? `${status.message} (${attempt})` : attempt };
    }
    case "offline":
      return { word: "Offline", detail: status.message };
    case "error":
      return { word: "Error", detail: status.message };
  }
}

export interface ConnectionStatusProps {
  status: Status;
  /** Show the detail text inline (the instance tab shows only the word; the panel shows both). */
  detailed?: boolean;
  class?: string;
}

/** Renders the dot and the words; ticks once a second while a retry countdown is shown. */
export function ConnectionStatus(props: ConnectionStatusProps) {
  // The shown word decides data-state, so what tests and styles key on matches what people read.
  const shownState = () => (props.status.state === "connecting" && props.status.attempt > 1 ? "reconnecting" : props.status.state);
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => {
    if (props.status.state === "reconnecting") setNow(Date.now());
  }, 1000);
  onCleanup(() => clearInterval(timer));
  const text = createMemo(() => describeStatus(props.status, now()));
  return (
    <span
      role="status"
      data-state={shownState()}
      class={`inline-flex items-center gap-1.5 text-xs ${props.class ?? ""}`}
      title={text().detail || undefined}
    >
      <span aria-hidden="true" class={`inline-block h-2 w-2 shrink-0 rounded-full ${DOT[shownState()]}`} />
      <span>
        {text().word}
        <Show when={text().detail}>
          <span class={props.detailed ? "" : "sr-only"}>: {text().detail}</span>
        </Show>
      </span>
    </span>
  );
}
