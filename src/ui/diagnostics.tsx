/**
 * A small diagnostics view for one server, behind a "Diagnostics" disclosure in the sidebar: events
 * received, events dropped by reason, the last errors, connections and reconnects, and a "Copy"
 * button that puts the same as plain text on the clipboard for a bug report. Presentational: the
 * page hands it a `read` function (app/diagnostics.ts), called when it opens and once a second while
 * open. Nothing in the report is secret: no password, no payload of any event.
 */
import { createSignal, createUniqueId, For, onCleanup, Show } from "solid-js";
import type { ConnectionCounts } from "../app/connection-log";
import type { DroppedEvent, DropReason } from "../state/types";
import type { RenderError } from "./part-boundary";
import { count } from "../lib/count";

/** Everything the view shows, as plain data. */
export interface DiagnosticsReport {
  generatedAt: number;
  /** The server's address, never with credentials in it. */
  server: string;
  label?: string;
  passwordSet: boolean;
  version?: string;
  /** The connection status in words ("Connected", "Reconnecting: …"). */
  status: string;
  counts: ConnectionCounts;
  dropped: Record<DropReason, number>;
  recentDrops: readonly DroppedEvent[];
  renderErrors: readonly RenderError[];
  syncError?: string;
  sessions: number;
  userAgent?: string;
}

const REASON_WORDS: Record<DropReason, string> = {
  unknown: "unknown type",
  malformed: "malformed",
  internal: "internal error",
};

const time = (ms: number) => new Date(ms).toISOString().slice(11, 19);

/** The report as plain text, one fact a line, for pasting into a bug report. */
export function formatDiagnostics(report: DiagnosticsReport): string {
  const dropped = report.dropped.unknown + report.dropped.malformed + report.dropped.internal;
  const { counts } = report;
  const lines = [
    "Switchboard diagnostics",
    `Generated: ${new Date(report.generatedAt).toISOString()}`,
    `Server: ${report.server}${report.label ? ` (${report.label})` : ""}, password ${report.passwordSet ? "set" : "not set"}`,
    `OpenCode version: ${report.version ?? "unknown"}`,
    `Connection: ${report.status}`,
    `Connections opened: ${counts.connections}, lost: ${counts.drops}, failed attempts: ${counts.failedAttempts}, streams dropped with a reason: ${counts.streamFailures}`,
    `Events received: ${counts.received}`,
    `Events dropped: ${dropped} (${(Object.keys(REASON_WORDS) as DropReason[]).map((reason) => `${REASON_WORDS[reason]} ${report.dropped[reason]}`).join(", ")})`,
    `Sessions known: ${report.sessions}`,
  ];
  if (report.syncError) lines.push(`Last reload problem: ${report.syncError}`);
  const section = (title: string, items: string[]) => {
    if (items.length) lines.push(`${title}:`, ...items.map((item) => `  ${item}`));
  };
  section(
    "Last dropped events",
    report.recentDrops.map((drop) => `${time(drop.at)} ${REASON_WORDS[drop.reason]} ${drop.type}: ${drop.detail}`),
  );
  section(
    "Last stream failures",
    counts.lastStreamFailures.map((failure) => `${time(failure.at)} ${failure.message}`),
  );
  section(
    "Last display errors",
    report.renderErrors.map((error) => `${time(error.at)} ${error.what}: ${error.message}`),
  );
  if (report.userAgent) lines.push(`Browser: ${report.userAgent}`);
  return lines.join("\n");
}

const copyToClipboard = (text: string) => navigator.clipboard.writeText(text);

export function Diagnostics(props: { read: () => DiagnosticsReport; copy?: (text: string) => Promise<void> }) {
  const panelId = createUniqueId();
  const [open, setOpen] = createSignal(false);
  const [report, setReport] = createSignal<DiagnosticsReport>();
  const [copied, setCopied] = createSignal<"yes" | "failed">();
  let timer: ReturnType<typeof setInterval> | undefined;
  const stop = () => {
    clearInterval(timer);
    timer = undefined;
  };
  onCleanup(stop);

  const toggle = () => {
    const next = !open();
    setOpen(next);
    setCopied(undefined);
    stop();
    if (!next) return;
    setReport(props.read());
    timer = setInterval(() => setReport(props.read()), 1000);
  };
  const copy = async () => {
    const current = props.read();
    setReport(current);
    try {
      await (props.copy ?? copyToClipboard)(formatDiagnostics(current));
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  };

  return (
    <div class="text-xs">
      <button
        type="button"
        aria-expanded={open()}
        aria-controls={panelId}
        class="rounded-md border border-zinc-300 px-2.5 py-1 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
        onClick={toggle}
      >
        Diagnostics
      </button>
      <Show when={open() && report()}>
        {(shown) => (
          <section id={panelId} aria-label="Diagnostics" class="mt-2 space-y-1 rounded-md border border-zinc-200 p-2 dark:border-zinc-800">
            <dl class="grid grid-cols-[auto_1fr] gap-x-2">
              <dt class="text-zinc-500">Connection</dt>
              <dd>{shown().status}</dd>
              <dt class="text-zinc-500">Events received</dt>
              <dd>{shown().counts.received}</dd>
              <dt class="text-zinc-500">Dropped</dt>
              <dd>
                {shown().dropped.malformed} malformed, {shown().dropped.unknown} unknown type,{" "}
                {count(shown().dropped.internal, "internal error")}
              </dd>
              <dt class="text-zinc-500">Reconnects</dt>
              <dd>
                {Math.max(0, shown().counts.connections - 1)} ({shown().counts.drops} lost,{" "}
                {count(shown().counts.failedAttempts, "failed attempt")})
              </dd>
            </dl>
            <Show when={shown().recentDrops.length + shown().counts.lastStreamFailures.length + shown().renderErrors.length > 0}>
              <p class="text-zinc-500">Last errors</p>
              <ul class="space-y-0.5 break-words font-mono text-[11px]">
                <For each={shown().recentDrops}>{(drop) => <li>{`${REASON_WORDS[drop.reason]} ${drop.type}: ${drop.detail}`}</li>}</For>
                <For each={shown().counts.lastStreamFailures}>{(failure) => <li>{failure.message}</li>}</For>
                <For each={shown().renderErrors}>{(error) => <li>{`${error.what}: ${error.message}`}</li>}</For>
              </ul>
            </Show>
            <div class="flex items-center gap-2 pt-1">
              <button
                type="button"
                class="rounded-md border border-zinc-300 px-2 py-0.5 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
                onClick={() => void copy()}
              >
                Copy
              </button>
              <Show when={copied() === "yes"}>
                <span role="status">Copied: paste it into your bug report.</span>
              </Show>
              <Show when={copied() === "failed"}>
                <span role="alert">The browser did not allow copying; select the text below and copy it.</span>
              </Show>
            </div>
            <Show when={copied() === "failed"}>
              <textarea
                readOnly
                aria-label="Diagnostics report"
                class="h-32 w-full font-mono text-[11px]"
                value={formatDiagnostics(shown())}
              />
            </Show>
          </section>
        )}
      </Show>
    </div>
  );
}
