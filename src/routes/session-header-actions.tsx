/**
 * The session header's actions, wired: rename, delete (then the tab closes and the URL moves on),
 * fork (the fork opens in its own tab), undo and redo, and sharing. Which session is shown stays the
 * URL's: these only navigate, as a click on a tab would.
 */
import { createResource, createSignal } from "solid-js";
import { useSwitchboard } from "../app/context";
import type { InstanceRuntime } from "../app/instance-runtime";
import { pendingAttachments } from "../app/pending-attachments";
import { sessionPrefs } from "../app/session-prefs";
import { redo, redoStep, undo, undoTarget, type UndoTarget } from "../app/undo";
import * as api from "../api/session-api";
import { SessionActions } from "../ui/session-actions";
import { SessionShare } from "../ui/session-share";
import { instanceHref, sessionHref } from "./links";
import { routerNavigate, sessionTarget, takeSession } from "./session-wiring";

export function SessionHeaderActions(props: { runtime: InstanceRuntime; sessionId: string }) {
  const board = useSwitchboard();
  // Outside a router (the view rendered on its own, as some tests do) there is no URL to move on.
  const navigate = routerNavigate();
  const state = () => props.runtime.store.state;
  const session = () => state().sessions[props.sessionId];
  const messages = () => state().messages[props.sessionId] ?? [];
  const target = () => sessionTarget(props.runtime, props.sessionId);
  const config = () => props.runtime.config();
  const took = takeSession(props.runtime);
  // A config the server would not give leaves its default, which is "manual": sharing allowed.
  const loadShareSettings = (directory: string) => api.loadShareSettings(config(), directory, board.fetch).catch(() => undefined);
  // Read only once Share is pressed: as a session opens, the catalogue, its commands, messages and
  // todos already take the six connections Chromium gives one server, and a seventh request queued
  // a prompt sent meanwhile past its timeout (a fresh directory's first answers take seconds).
  const [sharing, setSharing] = createSignal(false);
  const [shareSettings] = createResource(() => (sharing() ? session()?.directory : undefined), loadShareSettings);

  const undoing = (): UndoTarget => ({ config: config(), session: target(), messages: messages(), fetch: board.fetch, took });

  return (
    <div class="flex flex-wrap items-center gap-1.5">
      <SessionActions
        title={session()?.title ?? ""}
        canUndo={!!undoTarget(messages(), session()?.revert)}
        canRedo={!!redoStep(messages(), session()?.revert)}
        onRename={async (title) => took(await api.renameSession(config(), target(), title, board.fetch))}
        onDelete={async () => {
          await api.deleteSession(config(), target(), board.fetch);
          sessionPrefs().forget(props.runtime.id, props.sessionId);
          pendingAttachments.set(props.runtime.id, props.sessionId, []);
          const next = board.closeSession(props.runtime.id, props.sessionId);
          navigate(next ? sessionHref(props.runtime.id, next) : instanceHref(props.runtime.id));
        }}
        onFork={async () => {
          const fork = await api.forkSession(config(), target(), undefined, board.fetch);
          took(fork);
          board.openSession(props.runtime.id, fork.id);
          navigate(sessionHref(props.runtime.id, fork.id));
        }}
        onUndo={() => undo(undoing()).then(() => undefined)}
        onRedo={() => redo(undoing()).then(() => undefined)}
      />
      <SessionShare
        url={typeof session()?.share?.url === "string" ? session()!.share!.url : undefined}
        enabled={!sharing() || shareSettings.loading ? undefined : shareSettings()?.share !== "disabled"}
        service={shareSettings.latest?.enterprise?.url}
        onOpen={() => setSharing(true)}
        onShare={async () => {
          // Pressed before the config arrived: a server that turns sharing off answers only "Unexpected server error".
          const settings = shareSettings.latest ?? (await loadShareSettings(target().directory));
          if (settings?.share === "disabled")
            throw new Error("Sharing is turned off on this server: its config sets “share” to “disabled”. Nothing was published.");
          took(await api.shareSession(config(), target(), board.fetch));
        }}
        onUnshare={async () => took(await api.unshareSession(config(), target(), board.fetch))}
      />
    </div>
  );
}
