/**
 * Everything the app holds for one connected server: its config and probe facts, its store, the
 * per-frame event batcher, and the REST resync that runs after every (re)connect. The SSEManager
 * owns the connection; this owns what flows out of it.
 */
import type { Part, Path, Session } from "@opencode-ai/sdk/v2/client";
import { createSignal, untrack, type Accessor } from "solid-js";
import { loadMessagePage, loadNewestMessages, loadSnapshot, loadTodos, unreadSentence, type MessagePage } from "../api/sync";
import { idRecord, own } from "../lib/records";
import { isObject as isRecord } from "../lib/server-data";
import { makeConnectionLog, type ConnectionCounts } from "./connection-log";
import type { PageTuning, SavedInstance } from "./persistence";
import { makeEventBatcher, type ScheduleFrame } from "../state/batcher";
import { createInstanceStore, type InstanceStore } from "../state/instance-store";
import type { InstanceState } from "../state/types";
import type { ConnectionStatus, RoutedEvent } from "../transport/types";

export interface InstanceRuntime {
  readonly id: string;
  config: Accessor<SavedInstance>;
  setConfig: (config: SavedInstance) => void;
  status: Accessor<ConnectionStatus>;
  setStatus: (status: ConnectionStatus) => void;
  version: Accessor<string | undefined>;
  path: Accessor<Path | undefined>;
  setServerInfo: (info: { version?: string; path?: Path }) => void;
  /**
   * The sentence shown when the last resync failed, or read only part of what it asked for (say,
   * "could not refresh pending requests"); cleared by the next complete one.
   */
  syncError: Accessor<string | undefined>;
  /** True once a resync has completed: from then on a session missing from the store is not on the server. */
  synced: Accessor<boolean>;
  store: InstanceStore;
  /** Queue one event; applied with the rest of the frame's events. */
  push: (event: RoutedEvent) => void;
  /**
   * Reload everything over REST (with the messages of `openSessions`), then apply it. A call while
   * one runs gets one more run after it (what the running one read may predate the call's reason,
   * a reconnect say); further calls meanwhile share that one.
   */
  resync: () => Promise<void>;
  /** Load one session's messages and todos (when its tab opens); a failure is kept in `historyError`. */
  loadSession: (session: Session) => Promise<void>;
  /** Why the last history load of a session failed, as a sentence; undefined once one succeeds. */
  historyError: (sessionId: string) => string | undefined;
  /** Counts for the diagnostics view (not reactive: read them when showing them). */
  connectionCounts: () => ConnectionCounts;
  /** The transport dropped a stream for a reason it could tell (counted for diagnostics). */
  noteStreamFailure: (message: string) => void;
  /**
   * Whether a session's history was loaded since the last (re)connect (its newest page at least; see
   * `historyComplete` for all of it). Live events alone are not enough: a session that streamed
   * while another tab was open holds only what streamed. Reactive.
   */
  isLoaded: (sessionId: string) => boolean;
  /**
   * Whether all of a session's history is in the store (reactive): a long session opens with its
   * newest page and loads the older ones behind it. Sums over every message wait for it.
   */
  historyComplete: (sessionId: string) => boolean;
  /**
   * Whether a text part was still streaming when REST first told us of it. The server saves a part's
   * text only at its start and end, so its REST answer mid-reply is "" (seen in Chromium against
   * 1.18.33): what shows until the part ends is the text streamed since, not its beginning.
   */
  joinedMidStream: (partId: string) => boolean;
  dispose: () => void;
}

export interface RuntimeOptions {
  fetch?: typeof fetch;
  /** Frame scheduler; default the batcher's (next animation frame or 100 ms). */
  schedule?: ScheduleFrame;
  /** The sessions whose messages are on screen, reloaded with every resync. */
  openSessions?: () => string[];
  /** Page sizes of a session's history; FIRST_PAGE and OLDER_PAGE unless set. */
  pages?: PageTuning;
  /** Called with the events of a frame after they were applied (child-tab auto-open looks at them). */
  onApplied?: (events: RoutedEvent[]) => void;
}

/**
 * A session opens with its newest messages: enough to fill the log and scroll a few screens, and
 * small enough that opening a 2,000-message session costs what a short one does. Everything in this
 * page is read, parsed and merged before the first rows can be drawn; the older pages follow at
 * once, while the reader looks at these.
 */
export const FIRST_PAGE = 50;
/** The older history then loads in pages this size, each merged in its own task. */
export const OLDER_PAGE = 250;

/** Resolves when the page has a moment (an idle period, or soon if it never has one). */
function whenIdle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === "function") requestIdleCallback(() => resolve(), { timeout: 200 });
    else setTimeout(resolve, 0);
  });
}

export function createInstanceRuntime(initial: SavedInstance, options: RuntimeOptions = {}): InstanceRuntime {
  const [config, setConfig] = createSignal(initial);
  const [status, setStatus] = createSignal<ConnectionStatus>({ state: "connecting", attempt: 1 });
  const [version, setVersion] = createSignal<string>();
  const [path, setPath] = createSignal<Path>();
  const [syncError, setSyncError] = createSignal<string>();
  const [synced, setSynced] = createSignal(false);
  const store = createInstanceStore();
  const log = makeConnectionLog();
  const [midStream, setMidStream] = createSignal<ReadonlySet<string>>(new Set(), { equals: false });
  /** Call after the batcher's flush and before the merge: what the store holds then is what streamed to us. */
  const noteMidStream = (messages: Record<string, Array<{ parts: Part[] }>>) => {
    const found = untrack(() => streamingPartsNotHeld(messages, store.state));
    if (!found.length) return;
    setMidStream((set) => {
      const next = new Set(set);
      for (const id of found) next.add(id);
      return next;
    });
  };
  let running: Promise<void> | undefined;
  /** The open sessions the running resync is loading the messages of. */
  let resyncing: ReadonlySet<string> = new Set();
  let queued: Promise<void> | undefined;
  const [historyErrors, setHistoryErrors] = createSignal<Readonly<Record<string, string>>>({});
  const setHistoryError = (sessionId: string, message: string | undefined) =>
    setHistoryErrors((all) => {
      if (message === undefined && own(all, sessionId) === undefined) return all;
      const next = Object.assign(idRecord<string>(), all);
      if (message === undefined) delete next[sessionId];
      else next[sessionId] = message;
      return next;
    });
  let loaded = new Set<string>();
  // `loaded` is read in event handlers and in the view (“Loading messages…”): a signal says when it changed.
  const [loadedChanged, noteLoaded] = createSignal(undefined, { equals: false });
  const [complete, setComplete] = createSignal<ReadonlySet<string>>(new Set());
  const markComplete = (ids: string[]) => setComplete((set) => (ids.every((id) => set.has(id)) ? set : new Set([...set, ...ids])));
  const markIncomplete = (ids: string[]) =>
    setComplete((set) => (ids.some((id) => set.has(id)) ? new Set([...set].filter((id) => !ids.includes(id))) : set));
  const loading = new Map<string, Promise<void>>();
  /** The run loading each session's older pages; a newer run (a reconnect, Retry) supersedes it. */
  const olderRuns = new Map<string, symbol>();
  const batcher = makeEventBatcher({
    schedule: options.schedule,
    apply: (events) => {
      // `server.instance.disposed` / `global.disposed`: the server dropped state we hold; reload it.
      if (store.applyEvents(events).length) void resync();
      options.onApplied?.(events);
    },
  });

  /** Merges one answer of `GET /session/:id/message` (all of it, or a page of it). */
  function applyPage(sessionId: string, messages: MessagePage["messages"], page?: "newest" | "older") {
    batcher.flush();
    noteMidStream({ [sessionId]: messages });
    store.applySnapshot({
      messages: { [sessionId]: messages },
      ...(page ? { pages: { [sessionId]: page } } : {}),
    });
  }

  /**
   * The rest of a long session's history, behind its newest page, one page at a time while the page
   * is idle, so the session is on screen at once and opening it never waits for thousands of
   * messages. A failure leaves what arrived and says so; Retry loads the session again.
   */
  async function loadOlder(session: Pick<Session, "id" | "directory">, cursor: string) {
    const run = Symbol(session.id);
    olderRuns.set(session.id, run);
    const current = () => olderRuns.get(session.id) === run;
    let before: string | undefined = cursor;
    try {
      // Not before the newest page is drawn: an older page's answer is read and parsed on this
      // thread too, and asked for at once it landed in the frame that shows the session.
      await whenIdle();
      while (before) {
        const page = await loadMessagePage(config(), session, options.pages?.older ?? OLDER_PAGE, before, options.fetch);
        await whenIdle();
        if (!current()) return;
        applyPage(session.id, page.messages, "older");
        before = page.older;
      }
    } catch (error) {
      // A run a reconnect replaced failed with the old connection: the new run speaks for the session.
      if (current())
        setHistoryError(
          session.id,
          `Could not load this session's older messages: ${error instanceof Error ? error.message : String(error)}`,
        );
    } finally {
      if (current()) {
        markComplete([session.id]);
        olderRuns.delete(session.id);
      }
    }
  }

  function resync(): Promise<void> {
    if (running) {
      queued ??= running.then(() => {
        queued = undefined;
        return resync();
      });
      return queued;
    }
    running = (async () => {
      try {
        const known = (id: string) => untrack(() => store.state.sessions[id]);
        const open = options.openSessions?.() ?? [];
        resyncing = new Set(open);
        const snapshot = await loadSnapshot(config(), open, options.fetch, known, options.pages?.first ?? FIRST_PAGE);
        // Events that arrived while REST was loading are applied first, so the merge sees them.
        batcher.flush();
        noteMidStream(snapshot.messages);
        store.applySnapshot(snapshot);
        loaded = new Set(Object.keys(snapshot.messages));
        noteLoaded();
        // A long session's newest page is in; its older pages follow as when it was opened. What the
        // store already held of them stays until each page speaks for its span.
        markComplete([...loaded].filter((id) => own(snapshot.older, id) === undefined));
        markIncomplete(Object.keys(snapshot.older));
        for (const [id, cursor] of Object.entries(snapshot.older)) {
          const session = known(id);
          if (session) void loadOlder(session, cursor);
        }
        for (const id of loaded) setHistoryError(id, undefined);
        for (const [id, why] of Object.entries(snapshot.historyErrors))
          setHistoryError(id, `Could not load this session's messages: ${why}`);
        setSyncError(unreadSentence(snapshot));
        setSynced(true);
      } catch (error) {
        setSyncError(`Could not reload this server's sessions: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        running = undefined;
        resyncing = new Set();
      }
    })();
    return running;
  }

  return {
    id: initial.id,
    config,
    setConfig,
    status,
    setStatus: (next) => {
      log.noteStatus(next);
      setStatus(next);
    },
    version,
    path,
    setServerInfo: (info) => {
      if (info.version) setVersion(info.version);
      if (info.path) setPath(info.path);
    },
    syncError,
    synced,
    store,
    push: (event) => {
      log.noteEvent();
      batcher.push(event);
    },
    connectionCounts: () => log.read(),
    noteStreamFailure: (message) => log.noteStreamFailure(message),
    resync,
    // One load per session at a time: the page may ask again while the first is in flight (each
    // session.updated re-runs the effect that opens its tab), and a second 2,000-message merge is slow.
    loadSession: (session) => {
      const inFlight = loading.get(session.id);
      if (inFlight) return inFlight;
      const load = (async () => {
        try {
          // A resync under way is loading this session already (a reload with its tab open): one
          // request, not two. A session opened since it started does not wait for it.
          if (running && resyncing.has(session.id)) {
            await running;
            if (loaded.has(session.id)) return;
          }
          // The todos come on their own: the messages are what the reader waits for.
          void loadTodos(config(), session, options.fetch).then(
            (todos) => todos && store.applySnapshot({ todos: { [session.id]: todos } }),
          );
          const page = await loadNewestMessages(config(), session, options.pages?.first ?? FIRST_PAGE, options.fetch);
          applyPage(session.id, page.messages, page.older ? "newest" : undefined);
          loaded.add(session.id);
          noteLoaded();
          if (!page.older) markComplete([session.id]);
          setHistoryError(session.id, undefined);
          if (page.older) void loadOlder(session, page.older);
        } catch (error) {
          setHistoryError(session.id, `Could not load this session's messages: ${error instanceof Error ? error.message : String(error)}`);
          throw error;
        } finally {
          loading.delete(session.id);
        }
      })();
      loading.set(session.id, load);
      return load;
    },
    isLoaded: (sessionId) => {
      loadedChanged();
      return loaded.has(sessionId);
    },
    historyComplete: (sessionId) => complete().has(sessionId),
    joinedMidStream: (partId) => midStream().has(partId),
    historyError: (sessionId) => own(historyErrors(), sessionId),
    dispose: () => {
      batcher.dispose();
      store.reset();
    },
  };
}

/**
 * The text parts of a REST answer that had not ended and whose start this page did not see: a reply
 * that was already streaming before this page heard of it.
 */
export function streamingPartsNotHeld(messages: Record<string, Array<{ parts: Part[] }>>, state: InstanceState): string[] {
  const found: string[] = [];
  // A REST answer is untrusted: any entry, list or part may be of another shape (state/resync.ts skips those too).
  for (const list of Object.values(messages)) {
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      const parts: unknown = isRecord(entry) ? entry.parts : undefined;
      if (!Array.isArray(parts)) continue;
      for (const part of parts as Part[]) {
        // User text has no time at all; only a model's part that started and has not ended counts.
        if (!isRecord(part) || part.type !== "text" || !isRecord(part.time) || part.time.end !== undefined) continue;
        // A part the store made up from a delta (the reducer's placeholder, with no time) was joined
        // mid-stream too; one whose start streamed to this page (message.part.updated) has its time.
        const held = state.parts[part.messageID]?.find((known) => known.id === part.id);
        if (!held || !("time" in held) || !held.time) found.push(part.id);
      }
    }
  }
  return found;
}
