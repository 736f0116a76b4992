/**
 * The "All servers" page (`/all`, and `/` once more than one server is added): the merged session
 * list and "Needs you". It only reads the runtimes and links to `/i/:instance/s/:session`; opening a
 * session is navigating there, so which session is shown stays the URL's alone.
 */
import { createMemo, createSignal, onCleanup } from "solid-js";
import { useSwitchboard } from "../app/context";
import { attentionItems, filterMerged, mergedRows, type MergedFilter, type MergedSource } from "../app/merged";
import type { Switchboard } from "../app/switchboard";
import { instanceHostLabel } from "../api/instance";
import { MergedList } from "../ui/merged-list";
import { NeedsYou } from "../ui/needs-you";
import { sessionHref } from "./links";

/** Every runtime as the merged view functions read it. */
export function mergedSources(board: Switchboard): MergedSource[] {
  return board.instances().map((runtime) => ({
    instanceId: runtime.id,
    server: runtime.config().label || instanceHostLabel(runtime.config().baseUrl),
    state: runtime.store.state,
  }));
}

export function AllPage() {
  const board = useSwitchboard();
  const sources = createMemo(() => mergedSources(board));
  const rows = createMemo(() => mergedRows(sources()));
  const attention = createMemo(() => attentionItems(sources()));
  const [query, setQuery] = createSignal("");
  const [filter, setFilter] = createSignal<MergedFilter>("all");
  const shown = createMemo(() => filterMerged(rows(), query(), filter()));
  // "5 min ago" moves on by itself; once a minute is as precise as those words are.
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), 60_000);
  onCleanup(() => clearInterval(timer));

  return (
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
      />
    </div>
  );
}
