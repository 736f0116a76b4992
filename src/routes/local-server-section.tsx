/**
 * The part of an instance page about the process behind it, when the companion knows it: wires the
 * companion sync (health polling, log following, restart, stop with or without confirmation) to the
 * presentational ServerPanel, ServerLog and StopServerDialog. A locked server found on this machine
 * asks for its password here. Renders nothing without a companion or for a server elsewhere.
 */
import { Dialog } from "@kobalte/core/dialog";
import { createEffect, createSignal, onCleanup, Show } from "solid-js";
import type { LocalServer, LogLine, ServerHealth } from "../../shared/companion-api";
import { CompanionCallError } from "../app/companion";
import { useCompanion } from "../app/companion-context";
import type { CompanionSync } from "../app/companion-sync";
import type { InstanceRuntime } from "../app/instance-runtime";
import { ModalPanel } from "../ui/modal";
import { ServerLog } from "../ui/server-log";
import { ServerPanel } from "../ui/server-panel";
import { StopServerDialog } from "../ui/stop-server-dialog";

const HEALTH_EVERY_MS = 5_000;
const MAX_LOG_LINES = 5_000;

export function LocalServerSection(props: { runtime: InstanceRuntime }) {
  const companion = useCompanion();
  return (
    <Show when={companion}>
      {(sync) => (
        <Show keyed when={sync().serverFor(props.runtime.id)?.id}>
          {(id) => <Section companion={sync()} runtime={props.runtime} server={() => sync().serverFor(props.runtime.id)!} key={id} />}
        </Show>
      )}
    </Show>
  );
}

function Section(props: { companion: CompanionSync; runtime: InstanceRuntime; server: () => LocalServer; key: string }) {
  const [health, setHealth] = createSignal<ServerHealth>();
  const [busy, setBusy] = createSignal<string>();
  const [error, setError] = createSignal<{ message: string; logs: string[] }>();
  const [confirming, setConfirming] = createSignal<LocalServer>();
  const [logsOpen, setLogsOpen] = createSignal(false);
  const [lines, setLines] = createSignal<LogLine[]>([]);
  const alive = new AbortController();
  onCleanup(() => alive.abort());

  // Health: now and every few seconds while the page shows this server.
  const refreshHealth = () =>
    props.companion.client.health(props.key).then(
      (value) => !alive.signal.aborted && setHealth(value),
      () => undefined,
    );
  void refreshHealth();
  const timer = setInterval(() => void refreshHealth(), HEALTH_EVERY_MS);
  onCleanup(() => clearInterval(timer));

  // The log, followed while its dialog is open.
  createEffect(() => {
    if (!logsOpen()) return;
    const follow = new AbortController();
    onCleanup(() => follow.abort());
    void (async () => {
      let after = lines().length ? lines()[lines().length - 1].seq : 0;
      while (!follow.signal.aborted && !alive.signal.aborted) {
        try {
          const page = await props.companion.client.logs(props.key, after, after > 0, follow.signal);
          after = page.next;
          if (page.lines.length) setLines((old) => [...old, ...page.lines].slice(-MAX_LOG_LINES));
        } catch {
          if (follow.signal.aborted) return;
          await new Promise((ok) => setTimeout(ok, 1_000));
        }
      }
    })();
  });

  const run = async (label: string, action: () => Promise<unknown>) => {
    setBusy(label);
    setError(undefined);
    try {
      await action();
    } catch (caught) {
      setError({
        message: caught instanceof Error ? caught.message : String(caught),
        logs: caught instanceof CompanionCallError ? caught.logs : [],
      });
    } finally {
      if (!alive.signal.aborted) setBusy(undefined);
    }
  };

  return (
    <>
      <ServerPanel
        server={props.server()}
        health={health()}
        busy={busy()}
        error={error()?.message}
        errorLogs={error()?.logs}
        onLogs={() => setLogsOpen(true)}
        onRestart={() => void run("Restarting…", () => props.companion.restart(props.server()))}
        onStop={() => {
          if (props.server().ownership === "started") void run("Stopping…", () => props.companion.stop(props.server()));
          else setConfirming(props.server());
        }}
        onStopOnExit={(value) => void run("Saving…", () => props.companion.client.setStopOnExit(props.key, value))}
      />
      <StopServerDialog
        server={confirming()}
        onCancel={() => setConfirming(undefined)}
        onConfirm={() => {
          const server = confirming()!;
          setConfirming(undefined);
          void run("Stopping…", () => props.companion.stop(server));
        }}
      />
      <Dialog open={logsOpen()} onOpenChange={setLogsOpen}>
        <ModalPanel width="lg">
          <div class="mb-2 flex items-center justify-between">
            <Dialog.Title class="text-base font-semibold">Log of the server on port {props.server().port}</Dialog.Title>
            <Dialog.CloseButton class="rounded px-2 text-zinc-500 hover:text-zinc-900 dark:hover:text-zinc-100" aria-label="Close">
              ✕
            </Dialog.CloseButton>
          </div>
          <ServerLog lines={lines()} />
        </ModalPanel>
      </Dialog>
    </>
  );
}
