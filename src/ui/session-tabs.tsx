/**
 * The "Sessions" tablist of an instance: one tab per open session, named by its title, with a badge
 * when the session waits for the user. The shown session is the URL's (the `active` prop); this list
 * only reports what the user did: a click or an arrow key (`onSelect`), a × or Delete (`onClose`). A tab
 * closes with Delete while it has focus (the WAI-ARIA tabs pattern's "delete" key); the × beside it is
 * for the pointer only, hidden from assistive tech and out of the Tab order, so the tablist holds
 * nothing but tabs.
 */
import { createEffect, For, on, Show, type JSX } from "solid-js";
import { Badges, type SessionBadge } from "./session-list";
import { onTabKeyDown, tabIndexFor } from "./tablist-keys";

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

/** The open sessions as tabs; `children` is the panel of the active one, or what shows while none is. */
export function SessionTabs(props: SessionTabsProps) {
  let list!: HTMLDivElement;
  const ids = () => props.sessions.map((session) => session.id);
  // The tab that had focus was closed from the keyboard: focus follows the selection once the page
  // has shown the next session, as a tab strip does (the URL moves after this handler returns).
  let refocus = false;
  createEffect(
    on(
      () => props.active,
      () => {
        if (!refocus) return;
        refocus = false;
        list.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')?.focus();
      },
    ),
  );
  const closeFromKeyboard = (id: string) => {
    refocus = id === props.active;
    props.onClose(id);
  };
  return (
    <div class="flex min-h-0 min-w-0 flex-1 flex-col">
      {/* No strip without tabs: an empty strip's bottom border was a stray line across the main area. */}
      <Show when={props.sessions.length}>
        <div
          ref={list}
          role="tablist"
          aria-label="Sessions"
          class="flex shrink-0 gap-0.5 overflow-x-auto border-b border-zinc-200 px-2 pt-1.5 dark:border-zinc-800"
        >
          <For each={props.sessions}>
            {(session) => {
              const selected = () => session.id === props.active;
              return (
                <div class="group flex shrink-0 items-center rounded-t-md border border-b-0 border-transparent has-[[aria-selected=true]]:border-zinc-200 has-[[aria-selected=true]]:bg-white dark:has-[[aria-selected=true]]:border-zinc-700 dark:has-[[aria-selected=true]]:bg-zinc-950">
                  <button
                    type="button"
                    role="tab"
                    data-tab-id={session.id}
                    id={`session-tab-${session.id}`}
                    aria-selected={selected()}
                    aria-controls={selected() ? `session-panel-${session.id}` : undefined}
                    aria-keyshortcuts="Delete"
                    tabindex={tabIndexFor(session.id, props.active, ids())}
                    onClick={() => {
                      if (!selected()) props.onSelect(session.id);
                    }}
                    onKeyDown={(event) => onTabKeyDown(event, { onSelect: props.onSelect, onDelete: closeFromKeyboard })}
                    class="flex max-w-[16rem] items-center gap-1.5 px-3 py-1.5 text-sm text-zinc-600 outline-none focus-visible:ring-2 focus-visible:ring-sky-500 aria-selected:text-zinc-900 dark:text-zinc-400 dark:aria-selected:text-zinc-100"
                  >
                    <Show when={session.isChild}>
                      <span aria-hidden="true" class="text-zinc-400">
                        ↳
                      </span>
                    </Show>
                    <span class="truncate">{session.title}</span>
                    <Badges badges={session.badges.filter((b) => b === "permission" || b === "error")} />
                  </button>
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
              );
            }}
          </For>
        </div>
      </Show>
      <Show when={props.active} fallback={<div class="flex min-h-0 flex-1 flex-col">{props.children}</div>}>
        <div
          role="tabpanel"
          id={`session-panel-${props.active}`}
          aria-labelledby={`session-tab-${props.active}`}
          class="flex min-h-0 flex-1 flex-col outline-none"
        >
          {props.children}
        </div>
      </Show>
    </div>
  );
}
