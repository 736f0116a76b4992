/**
 * The prompt under a session, wired: the model and agent pickers (defaults from the server, the
 * user's choice remembered per session), the server's commands plus the built-in ones (compact, undo,
 * redo), shell commands, file mentions and attachments, the session's earlier prompts and its draft.
 */
import type { Session } from "@opencode-ai/sdk/v2/client";
import { useLocation } from "@solidjs/router";
import { createMemo, createResource, Show } from "solid-js";
import { paintedOnce } from "../lib/after-paint";
import { useSwitchboard } from "../app/context";
import type { InstanceRuntime } from "../app/instance-runtime";
import { pendingAttachments } from "../app/pending-attachments";
import { agentOptions, chosen, defaultAgent, defaultModel, modelOptions, parseModelKey } from "../app/model-choice";
import { mentionParts, promptHistory } from "../app/prompt-input";
import { sessionPrefs } from "../app/session-prefs";
import { redo, undo } from "../app/undo";
import * as api from "../api/session-api";
import { PromptBox } from "../ui/prompt-box";
import { PromptPickers } from "../ui/prompt-pickers";

/** Actions of Switchboard's own that the `/` list offers before the server's commands. */
const BUILT_IN = [
  { name: "compact", description: "Summarise the session so far to free its context" },
  { name: "summarize", description: "Same as /compact" },
  { name: "undo", description: "Undo the last exchange and its file changes" },
  { name: "redo", description: "Bring back what Undo removed" },
];

const sentence = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function SessionPrompt(props: { runtime: InstanceRuntime; sessionId: string; busy: boolean }) {
  const board = useSwitchboard();
  const prefs = sessionPrefs();
  // "New session" navigates with this state: the user is about to type, so the prompt takes the focus.
  const location = useLocation<{ focus?: string } | undefined>();
  const state = () => props.runtime.store.state;
  const session = () => state().sessions[props.sessionId];
  const config = () => props.runtime.config();
  // The models, agents and commands are asked for once the log has painted what it opened with: sent
  // beside the history, these four requests (the first of them slow on a server's first call) held
  // four of the browser's six connections to the server while the session opened.
  const shown = paintedOnce(() => (state().messages[props.sessionId]?.length ?? 0) > 0 || props.runtime.historyComplete(props.sessionId));
  const directory = () => (shown() ? session()?.directory : undefined);
  const [catalogue] = createResource(directory, (dir) => api.cachedCatalogue(config(), dir, board.fetch));
  const [serverCommands] = createResource(directory, (dir) => api.loadCommands(config(), dir, board.fetch).catch(() => []));
  const loaded = () => (catalogue.error ? undefined : catalogue.latest);
  const models = createMemo(() => modelOptions(loaded()));
  const agents = createMemo(() => agentOptions(loaded()));
  const mine = () => prefs.get(props.runtime.id, props.sessionId);
  const model = () =>
    chosen(
      mine().model,
      models().map((option) => option.value),
      defaultModel(loaded(), session()),
    );
  const agent = () =>
    chosen(
      mine().agent,
      agents().map((option) => option.name),
      defaultAgent(loaded(), session()),
    );
  /** What goes with the next prompt, command or shell command. */
  const choice = (): api.PromptChoice => ({ model: parseModelKey(model()), agent: agent() });
  const commands = createMemo(() => [
    ...BUILT_IN,
    ...(serverCommands.latest ?? []).filter(
      (command) => command && typeof command.name === "string" && !BUILT_IN.some((own) => own.name === command.name),
    ),
  ]);
  // Read only when Up or Down asks for it (a function, not a memo): a memo would walk every message
  // of a long session while it opens.
  const history = () => promptHistory(state().messages[props.sessionId] ?? [], state().parts);
  const target = () => {
    const current = session();
    if (!current) throw new Error("This session is not loaded yet: wait for the server to reconnect.");
    return current;
  };
  const took = (updated: Session) => {
    if (updated && typeof updated.id === "string") props.runtime.store.applySnapshot({ sessions: [updated] });
  };
  const undoing = () => ({
    config: config(),
    session: target(),
    messages: state().messages[props.sessionId] ?? [],
    fetch: board.fetch,
    took,
  });

  const runCommand = async (name: string, args: string) => {
    if (name === "compact" || name === "summarize") {
      const chosenModel = choice().model;
      if (!chosenModel) throw new Error("Choose a model first: compacting asks a model to write the summary.");
      return api.summarizeSession(config(), target(), chosenModel, board.fetch);
    }
    if (name === "undo" && !(await undo(undoing()))) throw new Error("Nothing to undo yet.");
    if (name === "redo" && !(await redo(undoing()))) throw new Error("Nothing to redo: Undo first.");
    if (name === "undo" || name === "redo") return;
    await api.runCommand(config(), target(), name, args, choice(), board.fetch);
  };

  return (
    <Show when={props.sessionId} keyed>
      {(sessionId) => (
        <PromptBox
          busy={props.busy}
          connected={props.runtime.status().state === "connected"}
          controls={
            <PromptPickers
              models={models()}
              model={model()}
              onModel={(value) => prefs.set(props.runtime.id, sessionId, { model: value })}
              agents={agents()}
              agent={agent()}
              onAgent={(name) => prefs.set(props.runtime.id, sessionId, { agent: name })}
              error={catalogue.error ? sentence(catalogue.error) : undefined}
            />
          }
          commands={commands()}
          onCommand={runCommand}
          onShell={(command) => api.runShell(config(), target(), command, choice(), board.fetch)}
          searchFiles={(query) => api.findFiles(config(), session()?.directory, query, board.fetch)}
          history={history()}
          draft={prefs.get(props.runtime.id, sessionId).draft}
          onDraft={(draft) => prefs.set(props.runtime.id, sessionId, { draft })}
          attachments={pendingAttachments.get(props.runtime.id, sessionId)}
          onAttachments={(attachments) => pendingAttachments.set(props.runtime.id, sessionId, attachments)}
          onSend={(text, mentions, attached) =>
            board.sendPrompt(props.runtime.id, sessionId, text, {
              ...choice(),
              files: [...mentionParts(text, target().directory, mentions), ...attached],
            })
          }
          onStop={() => board.abort(props.runtime.id, sessionId)}
          autofocus={location.state?.focus === "prompt"}
        />
      )}
    </Show>
  );
}
