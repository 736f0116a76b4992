/**
 * Picks the component for one part by its `type`. Parts that carry nothing to read (step-start,
 * step-finish, snapshot) render nothing: step-finish usage is shown in the message footer instead.
 */
import { Match, Show, Switch } from "solid-js";
import type { Message, Part } from "@opencode-ai/sdk/v2/client";
import { PartBoundary } from "../part-boundary";
import { FilePartView } from "./file-part";
import { PatchPartView } from "./patch-part";
import { ReasoningPartView } from "./reasoning-part";
import { TextPartView } from "./text-part";
import { ToolPartView } from "./tool-part";
import { num, rec, str } from "../../lib/server-data";
import { errorSentence } from "./session-error";

/** The part narrowed to the given type, or false: lets `<Match when>` hand a typed part to its child. */
export function ofType<T extends Part["type"]>(part: Part, type: T): Extract<Part, { type: T }> | false {
  return part.type === type ? (part as Extract<Part, { type: T }>) : false;
}

const NOTE = "text-xs text-zinc-500 dark:text-zinc-400";

/** Props of {@link PartView}. */
export interface PartViewProps {
  part: Part;
  role: Message["role"];
  root?: string;
  childSessionHref?: (sessionID: string) => string | undefined;
  childSessionTitle?: (sessionID: string) => string | undefined;
  /** Where a changed file (relative to `root`) is shown in the session's Changes; undefined: no link. */
  changesHref?: (file: string) => string | undefined;
  /** Whether a text part was joined mid-stream (see InstanceRuntime.joinedMidStream). */
  joinedMidStream?: (partId: string) => boolean;
  /** The reply this part belongs to stopped without finishing: nothing in it is still running. */
  interrupted?: boolean;
}

/**
 * One part of a message. `role` decides how text reads (user text as typed, assistant text as
 * markdown; synthetic or ignored user text, which OpenCode adds itself, is not shown); `root`
 * shortens changed-file paths; the child-session callbacks go to task tool calls. A part that
 * cannot be shown is one placeholder ("This part could not be shown").
 */
export function PartView(props: PartViewProps) {
  return (
    <PartBoundary what="part" retryOn={() => props.part}>
      <PartSwitch {...props} />
    </PartBoundary>
  );
}

function PartSwitch(props: PartViewProps) {
  const part = () => props.part;
  return (
    <Switch>
      <Match when={ofType(part(), "text")}>
        {(text) => (
          <Show when={!(props.role === "user" && (text().synthetic || text().ignored))}>
            <TextPartView
              part={text()}
              plain={props.role === "user"}
              joinedMidStream={props.joinedMidStream?.(text().id)}
              interrupted={props.interrupted}
            />
          </Show>
        )}
      </Match>
      <Match when={ofType(part(), "reasoning")}>
        {(reasoning) => <ReasoningPartView part={reasoning()} interrupted={props.interrupted} />}
      </Match>
      <Match when={ofType(part(), "tool")}>
        {(tool) => (
          <ToolPartView
            part={tool()}
            childSessionHref={props.childSessionHref}
            childSessionTitle={props.childSessionTitle}
            interrupted={props.interrupted}
          />
        )}
      </Match>
      <Match when={ofType(part(), "patch")}>
        {(patch) => <PatchPartView part={patch()} root={props.root} changesHref={props.changesHref} />}
      </Match>
      <Match when={ofType(part(), "file")}>{(file) => <FilePartView part={file()} />}</Match>
      <Match when={ofType(part(), "subtask")}>
        {(subtask) => (
          <p class={NOTE}>
            Subtask for @{str(subtask().agent) ?? "an agent"}: {str(subtask().description)}
          </p>
        )}
      </Match>
      <Match when={ofType(part(), "agent")}>{(agent) => <p class={NOTE}>Asked @{str(agent().name) ?? "an agent"}</p>}</Match>
      <Match when={ofType(part(), "retry")}>
        {(retry) => (
          <p class={NOTE}>
            Attempt {String(num(retry().attempt) ?? "?")} failed.{" "}
            {errorSentence({ name: str(rec(retry().error).name) ?? "UnknownError", message: str(rec(rec(retry().error).data).message) })}
          </p>
        )}
      </Match>
      <Match when={ofType(part(), "compaction")}>
        <p class={NOTE}>The conversation was compacted to fit the model's context.</p>
      </Match>
    </Switch>
  );
}
