/**
 * The "Instances" tablist: one tab per server, named by its label and port/host, holding the live
 * connection status. Hovering or focusing a tab shows its URL, server version and projects.
 * The selected server is the URL's (the `active` prop): the list reports clicks and arrow keys only
 * (see tablist-keys.ts for why this is not Kobalte's Tabs).
 */
import { Tooltip } from "@kobalte/core/tooltip";
import { For, Show, type JSX } from "solid-js";
import { onTabKeyDown, tabIndexFor } from "./tablist-keys";
import type { ConnectionStatus as Status } from "../transport/types";
import { ConnectionStatus } from "./connection-status";

export interface InstanceTabInfo {
  id: string;
  label?: string;
  host: string;
  url: string;
  status: Status;
  version?: string;
  projects: string[];
  /** Pending permission requests and questions across the instance's sessions. */
  waiting: number;
}

/** The id of the "All servers" tab; instance ids never hold a "*" (see instanceIdFor). */
export const ALL_SERVERS_TAB = "*all";

export interface InstanceTabsProps {
  instances: InstanceTabInfo[];
  /** Shows the "All servers" tab first, with what waits across every server. */
  all?: { waiting: number };
  active: string | undefined;
  onSelect: (id: string) => void;
  children: JSX.Element;
}

const TAB =
  "group -mb-px flex shrink-0 items-center gap-2 border-b-2 border-transparent px-3 py-2 text-sm text-zinc-600 outline-none hover:text-zinc-900 focus-visible:ring-2 focus-visible:ring-sky-500 aria-selected:border-sky-500 aria-selected:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100 dark:aria-selected:text-zinc-100";

/** The servers as tabs, each with its status and waiting count; `children` is the active server's panel. */
export function InstanceTabs(props: InstanceTabsProps) {
  // A function call, not an inline `&&`: the compiler wraps that in a memo made on each read, and the
  // tooltip reads it in its event handlers, outside any owner.
  const quietTooltip = (id: string, state: string) => id === props.active && state !== "connected";
  const ids = () => [...(props.all ? [ALL_SERVERS_TAB] : []), ...props.instances.map((instance) => instance.id)];
  return (
    <div class="flex min-h-0 flex-1 flex-col">
      <div
        role="tablist"
        aria-label="Instances"
        class="flex shrink-0 gap-1 overflow-x-auto border-b border-zinc-200 bg-zinc-50 px-2 dark:border-zinc-800 dark:bg-zinc-900"
      >
        <Show when={props.all}>
          {(all) => (
            <button
              type="button"
              role="tab"
              data-tab-id={ALL_SERVERS_TAB}
              id={`instance-tab-${ALL_SERVERS_TAB}`}
              aria-selected={props.active === ALL_SERVERS_TAB}
              aria-controls={props.active === ALL_SERVERS_TAB ? `instance-panel-${ALL_SERVERS_TAB}` : undefined}
              tabindex={tabIndexFor(ALL_SERVERS_TAB, props.active, ids())}
              onClick={() => {
                if (props.active !== ALL_SERVERS_TAB) props.onSelect(ALL_SERVERS_TAB);
              }}
              onKeyDown={(event: KeyboardEvent) => onTabKeyDown(event, { onSelect: props.onSelect })}
              class={TAB}
            >
              <span class="font-medium">All servers</span>
              <Show when={all().waiting > 0}>
                {" "}
                <span class="rounded-full bg-amber-500 px-1.5 text-[11px] font-semibold text-white">
                  {all().waiting} <span class="sr-only">waiting for you</span>
                </span>
              </Show>
            </button>
          )}
        </Show>
        <For each={props.instances}>
          {(instance) => (
            // The card opens below the tab, over the top of the panel where an instance in trouble says why
            // and offers Retry: it closes the moment the pointer leaves the tab (no safe area towards it,
            // and it takes no pointer events, so moving to Retry goes through it), and the selected tab of
            // an instance that is not connected shows none, as its panel says more already.
            <Tooltip
              openDelay={400}
              closeDelay={0}
              ignoreSafeArea
              disabled={quietTooltip(instance.id, instance.status.state)}
              placement="bottom-start"
            >
              <Tooltip.Trigger
                as="button"
                type="button"
                role="tab"
                data-tab-id={instance.id}
                id={`instance-tab-${instance.id}`}
                aria-selected={instance.id === props.active}
                aria-controls={instance.id === props.active ? `instance-panel-${instance.id}` : undefined}
                tabindex={tabIndexFor(instance.id, props.active, ids())}
                onClick={() => {
                  if (instance.id !== props.active) props.onSelect(instance.id);
                }}
                onKeyDown={(event: KeyboardEvent) => onTabKeyDown(event, { onSelect: props.onSelect })}
                class={TAB}
              >
                <span class="font-medium">
                  <Show when={instance.label}>{instance.label} </Show>
                  <span class={instance.label ? "text-zinc-500" : ""}>{instance.host}</span>
                </span>
                {/* The spaces keep the tab's accessible name readable (":4096 Connected", not ":4096Connected");
                    a flex container does not lay them out. */}{" "}
                <ConnectionStatus status={instance.status} />
                <Show when={instance.waiting > 0}>
                  {" "}
                  <span class="rounded-full bg-amber-500 px-1.5 text-[11px] font-semibold text-white">
                    {instance.waiting} <span class="sr-only">waiting for you</span>
                  </span>
                </Show>
              </Tooltip.Trigger>
              <Tooltip.Portal>
                <Tooltip.Content class="pointer-events-none z-50 max-w-sm rounded-md border border-zinc-200 bg-white p-2.5 text-xs shadow-lg dark:border-zinc-700 dark:bg-zinc-800">
                  <div class="font-mono">{instance.url}</div>
                  <div class="mt-1 text-zinc-500">OpenCode {instance.version ?? "version unknown"}</div>
                  <Show when={instance.projects.length}>
                    <ul class="mt-1.5 space-y-0.5">
                      <For each={instance.projects}>{(project) => <li class="font-mono">{project}</li>}</For>
                    </ul>
                  </Show>
                </Tooltip.Content>
              </Tooltip.Portal>
            </Tooltip>
          )}
        </For>
      </div>
      <Show when={props.active}>
        <div
          role="tabpanel"
          id={`instance-panel-${props.active}`}
          aria-labelledby={`instance-tab-${props.active}`}
          class="flex min-h-0 flex-1 outline-none"
        >
          {props.children}
        </div>
      </Show>
    </div>
  );
}
