/**
 * The sessions of one server, grouped by project directory, newest first, child sessions (subagents)
 * nested under their parent. Each row is a link, so a session opens by click, keyboard or new tab.
 */
import { A } from "@solidjs/router";
import { For, Show } from "solid-js";

export type SessionBadge = "busy" | "retrying" | "error" | "permission";

export interface SessionRow {
  id: string;
  title: string;
  href: string;
  updated: number;
  badges: SessionBadge[];
  children: SessionRow[];
}

export interface SessionGroup {
  directory: string;
  sessions: SessionRow[];
}

const BADGE: Record<SessionBadge, { text: string; class: string }> = {
  busy: { text: "busy", class: "bg-sky-100 text-sky-800 dark:bg-sky-900 dark:text-sky-200" },
  retrying: { text: "retrying", class: "bg-amber-100 text-amber-800 dark:bg-amber-900 dark:text-amber-200" },
  error: { text: "error", class: "bg-red-100 text-red-800 dark:bg-red-900 dark:text-red-200" },
  permission: { text: "needs you", class: "bg-amber-500 text-white" },
};

/**
 * The small word badges of a session ("busy", "needs you"). Each comes with a leading space so a
 * link or tab that holds them is named "task test busy", not "task testbusy"; the flex rows they sit
 * in do not lay the spaces out.
 */
export function Badges(props: { badges: SessionBadge[] }) {
  return (
    <For each={props.badges}>
      {(badge) => (
        <>
          {" "}
          <span class={`whitespace-nowrap rounded px-1 text-[10px] font-semibold uppercase tracking-wide ${BADGE[badge].class}`}>
            {BADGE[badge].text}
          </span>
        </>
      )}
    </For>
  );
}

function directoryName(directory: string): string {
  return directory.split("/").filter(Boolean).pop() ?? directory;
}

function Row(props: { row: SessionRow; depth: number; active?: string }) {
  return (
    <li>
      <A
        href={props.row.href}
        class="flex items-center gap-1.5 rounded px-2 py-1 text-sm hover:bg-zinc-200/70 dark:hover:bg-zinc-800"
        classList={{ "bg-sky-100 dark:bg-sky-950": props.active === props.row.id }}
        style={{ "padding-left": `${0.5 + props.depth * 0.9}rem` }}
        aria-current={props.active === props.row.id ? "page" : undefined}
      >
        <Show when={props.depth > 0}>
          <span aria-hidden="true" class="text-zinc-400">
            ↳
          </span>
        </Show>
        <span class="min-w-0 flex-1 truncate">{props.row.title}</span>
        <Badges badges={props.row.badges} />
      </A>
      <Show when={props.row.children.length}>
        <ul>
          <For each={props.row.children}>{(child) => <Row row={child} depth={props.depth + 1} active={props.active} />}</For>
        </ul>
      </Show>
    </li>
  );
}

/** The session tree of one server as links, one labelled section per project directory. */
export function SessionList(props: { groups: SessionGroup[]; active?: string }) {
  return (
    <nav aria-label="Sessions by project" class="space-y-3">
      <Show when={props.groups.length} fallback={<p class="px-2 text-sm text-zinc-500">No sessions yet. Start one with “New session”.</p>}>
        <For each={props.groups}>
          {(group) => (
            <section aria-label={`Project ${group.directory}`}>
              <h3 class="truncate px-2 text-xs font-semibold uppercase tracking-wide text-zinc-500" title={group.directory}>
                {directoryName(group.directory)}{" "}
                <span class="ml-1 font-normal normal-case tracking-normal text-zinc-400">{group.directory}</span>
              </h3>
              <ul class="mt-1">
                <For each={group.sessions}>{(row) => <Row row={row} depth={0} active={props.active} />}</For>
              </ul>
            </section>
          )}
        </For>
      </Show>
    </nav>
  );
}
