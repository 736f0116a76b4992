/**
 * What Switchboard knows about the process behind an instance on this machine: how it was started,
 * its health (version, uptime, memory, CPU, MCP and LSP), and the buttons to watch and stop it.
 * "Logs" and "Restart server" exist only for servers Switchboard started (it has their log and
 * their password); "Stop server" also for the user's own other servers, after a confirmation.
 */
import { For, Show } from "solid-js";
import type { LocalServer, ServerHealth } from "../../shared/companion-api";

export interface ServerPanelProps {
  server: LocalServer;
  health?: ServerHealth;
  /** What is under way ("Restarting…", "Stopping…"), to disable the buttons and say so. */
  busy?: string;
  error?: string;
  errorLogs?: string[];
  onLogs: () => void;
  onRestart: () => void;
  onStop: () => void;
  onStopOnExit: (value: boolean) => void;
}

const button =
  "rounded-md border border-zinc-300 px-2.5 py-1 text-xs hover:bg-zinc-100 disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-zinc-700 dark:hover:bg-zinc-800";

function origin(server: LocalServer): string {
  if (server.ownership === "started") return "Started by Switchboard";
  const how = server.how === "serve" ? "opencode serve" : server.how === "tui" ? "an OpenCode TUI with --port" : "OpenCode";
  return server.pid
    ? `Found on this machine: ${how}, pid ${server.pid}`
    : `Found on port ${server.port} (its process is not visible: another user's or a container's)`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  return `${Math.round(bytes / 1024 ** 2)} MB`;
}

export function formatUptime(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}

export function ServerPanel(props: ServerPanelProps) {
  const started = () => props.server.ownership === "started";
  const stoppable = () => started() || (props.server.ownership === "own" && props.server.pid !== undefined);
  return (
    <section aria-label="Server process" class="space-y-2 text-xs">
      <p class="text-zinc-600 dark:text-zinc-400">{origin(props.server)}</p>
      <Show when={props.health}>
        {(health) => (
          <dl class="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
            <Show when={health().version}>
              <dt class="text-zinc-500">Version</dt>
              <dd>{health().version}</dd>
            </Show>
            <Show when={health().uptimeSeconds !== undefined}>
              <dt class="text-zinc-500">Uptime</dt>
              <dd>{formatUptime(health().uptimeSeconds!)}</dd>
            </Show>
            <Show when={health().memoryBytes !== undefined}>
              <dt class="text-zinc-500">Memory</dt>
              <dd>{formatBytes(health().memoryBytes!)}</dd>
            </Show>
            <Show when={health().cpuPercent !== undefined}>
              <dt class="text-zinc-500">CPU</dt>
              <dd>{health().cpuPercent}% of a core</dd>
            </Show>
            <Show when={health().mcp}>
              <dt class="text-zinc-500">MCP</dt>
              <dd>
                {Object.keys(health().mcp!).length
                  ? Object.entries(health().mcp!)
                      .map(([name, status]) => `${name}: ${status}`)
                      .join(", ")
                  : "none configured"}
              </dd>
            </Show>
            <Show when={health().lsp}>
              <dt class="text-zinc-500">LSP</dt>
              <dd>
                {health().lsp!.length
                  ? health()
                      .lsp!.map((lsp) => `${lsp.name}: ${lsp.status}`)
                      .join(", ")
                  : "none running"}
              </dd>
            </Show>
          </dl>
        )}
      </Show>
      <Show when={props.health?.problems.length}>
        <ul class="text-zinc-500">
          <For each={props.health!.problems}>{(problem) => <li>{problem}</li>}</For>
        </ul>
      </Show>
      <div class="flex flex-wrap items-center gap-1.5">
        <Show when={started()}>
          <button type="button" class={button} onClick={() => props.onLogs()}>
            Logs
          </button>
          <button type="button" class={button} disabled={!!props.busy} onClick={() => props.onRestart()}>
            Restart server
          </button>
        </Show>
        <Show when={stoppable()}>
          <button type="button" class={button} disabled={!!props.busy} onClick={() => props.onStop()}>
            Stop server
          </button>
        </Show>
        <Show when={props.busy}>
          <span role="status" class="text-zinc-500">
            {props.busy}
          </span>
        </Show>
      </div>
      <Show when={started()}>
        <label class="flex items-center gap-1.5">
          <input
            type="checkbox"
            checked={props.server.stopOnExit === true}
            onChange={(event) => props.onStopOnExit(event.currentTarget.checked)}
          />
          Stop when Switchboard exits
        </label>
      </Show>
      <Show when={props.error}>
        <div role="alert" class="text-red-700 dark:text-red-300">
          <p>{props.error}</p>
          <Show when={props.errorLogs?.length}>
            <pre class="mt-1 max-h-32 overflow-auto whitespace-pre-wrap">{props.errorLogs!.join("\n")}</pre>
          </Show>
        </div>
      </Show>
    </section>
  );
}
