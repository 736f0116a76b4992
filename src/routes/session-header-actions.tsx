/**
 * The session header's actions, wired: rename, delete (then the tab closes and the URL moves on),
 * fork (the fork opens in its own tab), undo and redo. Which session is shown stays the URL's: these
 * only navigate, as a click on a tab would.
 */
import type { Session } from "@opencode-ai/sdk/v2/client";
import { useNavigate } from "@solidjs/router";
import { useSwitchboard } from "../app/context";
import type { InstanceRuntime } from "../app/instance-runtime";
import { sessionPrefs } from "../app/session-prefs";
import { redo, redoStep, undo, undoTarget, type UndoTarget } from "../app/undo";
import * as api from "../api/session-api";
import { SessionActions } from "../ui/session-actions";
import { instanceHref, sessionHref } from "./links";

function routerNavigate(): (href: string) => void {
  try {
    return useNavigate();
  } catch {
    return () => undefined;
  }
}

export function SessionHeaderActions(props: { runtime: InstanceRuntime; sessionId: string }) {
  const board = useSwitchboard();
  // Outside a router (the view rendered on its own, as some tests do) there is no URL to move on.
  const navigate = routerNavigate();
  const state = () => props.runtime.store.state;
  const session = () => state().sessions[props.sessionId];
  const messages = () => state().messages[props.sessionId] ?? [];
  const target = () => {
    const current = session();
    if (!current) throw new Error("This session is not loaded yet: wait for the server to reconnect.");
    return current;
  };
  const config = () => props.runtime.config();
  /** The server answers with the session as it is now; take it at once rather than wait for its event. */
  const took = (updated: Session) => {
    if (updated && typeof updated.id === "string") props.runtime.store.applySnapshot({ sessions: [updated] });
  };

  const undoing = (): UndoTarget => ({ config: config(), session: target(), messages: messages(), fetch: board.fetch, took });

  return (
    <SessionActions
      title={session()?.title ?? ""}
      canUndo={!!undoTarget(messages(), session()?.revert)}
      canRedo={!!redoStep(messages(), session()?.revert)}
      onRename={async (title) => took(await api.renameSession(config(), target(), title, board.fetch))}
      onDelete={async () => {
        await api.deleteSession(config(), target(), board.fetch);
        sessionPrefs().forget(props.runtime.id, props.sessionId);
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
  );
}
