/**
 * A message's toolbar, wired: Copy puts its words on the clipboard; on the user's prompts, "Fork from
 * here" makes a new session of the conversation before that prompt and opens its tab through the
 * router (with the prompt's words as its draft, as OpenCode's TUI does, to edit and send again), and
 * "Revert to here" undoes that prompt and everything after it (the header's Redo brings it back).
 */
import type { Message, Part } from "@opencode-ai/sdk/v2/client";
import { useSwitchboard } from "../app/context";
import type { InstanceRuntime } from "../app/instance-runtime";
import { messageCopyText } from "../app/message-text";
import { sessionPrefs } from "../app/session-prefs";
import * as api from "../api/session-api";
import { copyText } from "../lib/clipboard";
import { MessageActions } from "../ui/parts/message-actions";
import { sessionHref } from "./links";
import { routerNavigate, sessionTarget, takeSession } from "./session-wiring";

export function SessionMessageActions(props: { runtime: InstanceRuntime; sessionId: string; message: Message; parts: Part[] }) {
  const board = useSwitchboard();
  const navigate = routerNavigate();
  const config = () => props.runtime.config();
  const took = takeSession(props.runtime);
  const text = () => messageCopyText(props.parts);
  const isUser = () => props.message.role === "user";

  const fork = async () => {
    const forked = await api.forkSession(config(), sessionTarget(props.runtime, props.sessionId), props.message.id, board.fetch);
    took(forked);
    const words = text();
    if (words) sessionPrefs().set(props.runtime.id, forked.id, { draft: words });
    board.openSession(props.runtime.id, forked.id);
    navigate(sessionHref(props.runtime.id, forked.id));
  };
  const revert = async () => {
    const target = sessionTarget(props.runtime, props.sessionId);
    took(await api.revertSession(config(), target, props.message.id, board.fetch, "revert the session to this message"));
  };

  return (
    <MessageActions
      text={text}
      onCopy={(words) => copyText(words)}
      onFork={isUser() ? fork : undefined}
      onRevert={isUser() ? revert : undefined}
    />
  );
}
