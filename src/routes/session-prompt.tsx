/**
 * The prompt under a session, wired: the model and agent pickers (defaults from the server, the
 * user's choice remembered per session), and sending with that choice.
 */
import { createMemo, createResource } from "solid-js";
import { useSwitchboard } from "../app/context";
import type { InstanceRuntime } from "../app/instance-runtime";
import { agentOptions, chosen, defaultAgent, defaultModel, modelOptions, parseModelKey } from "../app/model-choice";
import { sessionPrefs } from "../app/session-prefs";
import { loadCatalogue, type PromptChoice } from "../api/session-api";
import { PromptBox } from "../ui/prompt-box";
import { PromptPickers } from "../ui/prompt-pickers";

export function SessionPrompt(props: { runtime: InstanceRuntime; sessionId: string; busy: boolean }) {
  const board = useSwitchboard();
  const prefs = sessionPrefs();
  const session = () => props.runtime.store.state.sessions[props.sessionId];
  const [catalogue] = createResource(
    () => session()?.directory,
    (directory) => loadCatalogue(props.runtime.config(), directory, board.fetch),
  );
  const loaded = () => (catalogue.error ? undefined : catalogue());
  const models = createMemo(() => modelOptions(loaded()));
  const agents = createMemo(() => agentOptions(loaded()));
  const mine = () => prefs.get(props.runtime.id, props.sessionId);
  const model = () => chosen(mine().model, models().map((option) => option.value), defaultModel(loaded(), session()));
  const agent = () => chosen(mine().agent, agents().map((option) => option.name), defaultAgent(loaded(), session()));
  /** What goes with the next prompt, command or shell command. */
  const choice = (): PromptChoice => ({ model: parseModelKey(model()), agent: agent() });

  return (
    <PromptBox
      busy={props.busy}
      connected={props.runtime.status().state === "connected"}
      controls={
        <PromptPickers
          models={models()}
          model={model()}
          onModel={(value) => prefs.set(props.runtime.id, props.sessionId, { model: value })}
          agents={agents()}
          agent={agent()}
          onAgent={(name) => prefs.set(props.runtime.id, props.sessionId, { agent: name })}
          error={catalogue.error ? (catalogue.error instanceof Error ? catalogue.error.message : String(catalogue.error)) : undefined}
        />
      }
      onSend={(text) => board.sendPrompt(props.runtime.id, props.sessionId, text, choice())}
      onStop={() => board.abort(props.runtime.id, props.sessionId)}
    />
  );
}
