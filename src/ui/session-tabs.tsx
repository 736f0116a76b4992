/**
 * The "Sessions" tablist of an instance: one tab per open session, named by its title, with a badge
 * when the session waits for the user. A tab closes with Delete while it has focus (the WAI-ARIA
 * tabs pattern's "delete" key); the × beside it is for the pointer only, hidden from assistive tech
 * and out of the Tab order, so the tablist holds nothing but tabs.
 */
import { Tabs } from "@kobalte/core/tabs";
import { For, Show, type JSX } from "solid-js";
import { Badges, type SessionBadge } from "./session-list";

export interface SessionTabInfo {
  id: string;
  title: string;
  badges: SessionBadge[];
  isChild: boolean;
}

export interface SessionTabsProps {
  sessions: SessionTabInfo[];
  active: string | undefined;
  onSelect: (id: string) => void;
  onClose: (id: string) => void;
  children: JSX.Element;
}

/** The open sessions as Kobalte tabs; `children` is the panel of the active one. */
export function SessionTabs(props: SessionTabsProps) {
  let list!: HTMLDivElement;
  // The closed tab had focus: hand it to the tab that is selected now, as a tab strip does.
  const closeFromKeyboard = (id: string) => {
    props.onClose(id);
    queueMicrotask(() => list.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')?.focus());
  };
  return (
    // With no tab and nothing shown there is nothing to draw: an empty strip's bottom border was a stray
    // line across the top of the main area, and it took half the width from the empty-state text.
    <Show when={props.sessions.length || props.active}>
      <Tabs value={props.active} onChange={props.onSelect} class="flex min-h-0 min-w-0 flex-1 flex-col">
        <Show when={props.sessions.length}>
          <Tabs.List ref={list} aria-label="Sessions" class="flex shrink-0 gap-0.5 overflow-x-auto border-b border-zinc-200 px-2 pt-1.5 dark:border-zinc-800">
            <For each={props.sessions}>
              {(session) => (
                <div class="group flex shrink-0 items-center rounded-t-md border border-b-0 border-transparent has-[[data-selected]]:border-zinc-200 has-[[data-selected]]:bg-white dark:has-[[data-selected]]:border-zinc-700 dark:has-[[data-selected]]:bg-zinc-950">
                  <Tabs.Trigger
                    value={session.id}
                    id={`session-tab-${session.id}`}
                    aria-controls={`session-panel-${session.id}`}
                    aria-keyshortcuts="Delete"
                    onKeyDown={(event: KeyboardEvent) => {
                      if (event.key !== "Delete") return;
                      event.preventDefault();
                      closeFromKeyboard(session.id);
                    }}
                    class="flex max-w-[16rem] items-center gap-1.5 px-3 py-1.5 text-sm text-zinc-600 outline-none focus-visible:ring-2 focus-visible:ring-sky-500 data-[selected]:text-zinc-900 dark:text-zinc-400 dark:data-[selected]:text-zinc-100"
                  >
                    <Show when={session.isChild}>
                      <span aria-hidden="true" class="text-zinc-400">↳</span>
                    </Show>
                    <span class="truncate">{session.title}</span>
                    <Badges badges={session.badges.filter((b) => b === "permission" || b === "error")} />
                  </Tabs.Trigger>
                  <button
                    type="button"
                    tabindex="-1"
                    aria-hidden="true"
                    title={`Close ${session.title} (Delete)`}
                    class="mr-1 rounded px-1 text-zinc-400 hover:bg-zinc-200 hover:text-zinc-900 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
                    onClick={() => props.onClose(session.id)}
                  >
                    ×
                  </button>
                </div>
              )}
            </For>
          </Tabs.List>
        </Show>
        <Show when={props.active}>
          {/* A plain tabpanel, not Kobalte's Tabs.Content: that one re-checks its visibility with
              getComputedStyle on every change inside it, which costs long tasks while a reply streams. */}
          <div role="tabpanel" id={`session-panel-${props.active}`} aria-labelledby={`session-tab-${props.active}`} class="flex min-h-0 flex-1 flex-col outline-none">
            {props.children}
          </div>
        </Show>
      </Tabs>
    </Show>
  );
}
