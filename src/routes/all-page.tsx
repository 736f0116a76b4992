/**
 * The "All servers" page (`/all`, and `/` once more than one server is added): the merged session
 * list and "Needs you". It only reads the runtimes and links to `/i/:instance/s/:session`; opening a
 * session is navigating there, so which session is shown stays the URL's alone.
 */
import { createMemo, createSignal, mapArray, onCleanup, Show } from "solid-js";
import { broadcastJson, broadcastMarkdown, broadcastResult, broadcastTargets } from "../app/broadcast";
import type { Broadcasts } from "../app/broadcasts";
import { commonChoices } from "../app/broadcast-choice";
import { parseModelKey } from "../app/model-choice";
import * as api from "../api/session-api";
import type { DesktopNotices } from "../app/desktop-notices";
import { projectDirectories } from "../app/view-models";
import { BroadcastDialog } from "../ui/broadcast-dialog";
import { BroadcastResults } from "../ui/broadcast-results";
import { useSwitchboard } from "../app/context";
import {
  attentionItems,
  filterMerged,
  keepUnchangedRows,
  mergeServerRows,
  serverRows,
  type RowCache,
  type MergedFilter,
  type MergedRow,
  type MergedSource,
} from "../app/merged";
import type { Switchboard } from "../app/switchboard";
import { instanceHostLabel } from "../api/instance";
import { MergedList } from "../ui/merged-list";
import { NeedsYou } from "../ui/needs-you";
import { NotifyToggle } from "../ui/notify-toggle";
import { sessionHref } from "./links";

/** Every runtime as the merged view functions read it. */
export function mergedSources(board: Switchboard): MergedSource[] {
  return board.instances().map((runtime) => ({
    instanceId: runtime.id,
    server: runtime.config().label || instanceHostLabel(runtime.config().baseUrl),
    state: runtime.store.state,
  }));
}

/** Hands `text` to the browser as a file download. */
function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = Object.assign(document.createElement("a"), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * The merged list's rows by the session object they were built from, kept while the page is away:
 * coming back to All servers then builds only the rows of sessions that changed meanwhile, not all
 * 5,000 of ten busy servers again (that was half of the time the tab took to show). A session's
 * object is replaced when it changes, so an entry goes with the session it was made from.
 */
const rowCache: RowCache = new WeakMap();

export function AllPage(props: { broadcasts: Broadcasts; notices: DesktopNotices }) {
  const board = useSwitchboard();
  const sources = createMemo(() => mergedSources(board));
  // One memo per server: a change on one server reads and sorts only its sessions, and keeps the
  // row objects that did not change, so the list draws again only the rows that did.
  const perServer = createMemo(
    mapArray(sources, (source) => createMemo<MergedRow[]>((previous) => keepUnchangedRows(previous, serverRows(source, rowCache)))),
  );
  const rows = createMemo(() => mergeServerRows(perServer().map((server) => server())));
  const attention = createMemo(() => attentionItems(sources()));
  const [query, setQuery] = createSignal("");
  const [filter, setFilter] = createSignal<MergedFilter>("all");
  const shown = createMemo(() => filterMerged(rows(), query(), filter()));
  // "5 min ago" moves on by itself; once a minute is as precise as those words are.
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), 60_000);
  onCleanup(() => clearInterval(timer));

  // A function, not a memo: every session's directory is read only while the dialog is open and
  // asks (a memo would list them again on every change of any session of any server).
  const targets = () =>
    broadcastTargets(
      board
        .instances()
        .filter((runtime) => runtime.status().state === "connected")
        .map((runtime) => ({
          instanceId: runtime.id,
          server: runtime.config().label || instanceHostLabel(runtime.config().baseUrl),
          directories: projectDirectories(runtime.store.state, runtime.path()?.directory),
        })),
    );
  /** The models and agents every chosen target's server offers in its project. */
  const loadChoices = async (chosen: readonly { instanceId: string; directory: string }[]) => {
    const catalogues = await Promise.all(
      chosen.map((target) => {
        const runtime = board.runtime(target.instanceId);
        if (!runtime) throw new Error("a chosen server was removed");
        return api.cachedCatalogue(runtime.config(), target.directory, board.fetch);
      }),
    );
    return commonChoices(catalogues);
  };
  const latest = () => props.broadcasts.list[0];
  const results = createMemo(() => {
    const broadcast = latest();
    if (!broadcast) return [];
    return broadcast.runs.map((run) => broadcastResult(run, board.runtime(run.target.instanceId)?.store.state, now()));
  });
  // Busy cards count their duration up; once a second is as fine as the card shows it.
  const ticker = setInterval(() => {
    if (results().some((r) => r.status === "busy" || r.status === "retrying")) setNow(Date.now());
  }, 1000);
  onCleanup(() => clearInterval(ticker));
  const exportLatest = (format: "markdown" | "json") => {
    const broadcast = latest();
    if (!broadcast) return;
    if (format === "json") download(`${broadcast.id}.json`, "application/json", broadcastJson(broadcast, results()));
    else download(`${broadcast.id}.md`, "text/markdown", broadcastMarkdown(broadcast, results()));
  };

  return (
    <div class="flex min-h-0 min-w-0 flex-1 flex-col">
      <div class="flex items-center gap-2 border-b border-zinc-200 px-3 py-1.5 dark:border-zinc-800">
        <h2 class="text-sm font-semibold">All servers</h2>
        <div class="ml-auto">
          <BroadcastDialog
            targets={targets()}
            loadChoices={loadChoices}
            onSend={(chosen, prompt, pick) =>
              void props.broadcasts.start(chosen, prompt, { model: parseModelKey(pick.model), agent: pick.agent })
            }
          />
        </div>
      </div>
      <Show when={latest()}>
        {(broadcast) => (
          <BroadcastResults
            prompt={broadcast().prompt}
            results={results()}
            href={(result) => (result.sessionId ? sessionHref(result.target.instanceId, result.sessionId) : undefined)}
            onExport={exportLatest}
          />
        )}
      </Show>
      <div class="flex min-h-0 min-w-0 flex-1 flex-col lg:flex-row">
        <MergedList
          rows={shown()}
          total={rows().length}
          query={query()}
          onQuery={setQuery}
          filter={filter()}
          onFilter={setFilter}
          href={(row) => sessionHref(row.instanceId, row.sessionId)}
          now={now()}
        />
        <NeedsYou
          items={attention()}
          href={(item) => sessionHref(item.instanceId, item.sessionId)}
          onPermission={(item, reply) => board.replyPermission(item.instanceId, item.request, reply)}
          onQuestion={(item, answers) => board.replyQuestion(item.instanceId, item.request, answers)}
          onRejectQuestion={(item) => board.rejectQuestion(item.instanceId, item.request)}
          actions={<NotifyToggle status={props.notices.status()} onToggle={() => void props.notices.toggle()} />}
        />
      </div>
    </div>
  );
}
