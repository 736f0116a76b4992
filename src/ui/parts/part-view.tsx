/**
 * Picks the component for one part by its `type`. Parts that carry nothing to read (step-start,
 * step-finish, snapshot) render nothing: step-finish usage is shown in the message footer instead.
 */
import { createMemo, Show, untrack, type JSX } from "solid-js";
import type {
  AgentPart,
  FilePart,
  Message,
  Part,
  PatchPart,
  ReasoningPart,
  RetryPart,
  SubtaskPart,
  TextPart,
  ToolPart,
} from "@opencode-ai/sdk/v2/client";
import { PartBoundary } from "../part-boundary";
import { FilePartView } from "./file-part";
import { PatchPartView } from "./patch-part";
import { ReasoningPartView } from "./reasoning-part";
import { TextPartView } from "./text-part";
import { ToolPartView } from "./tool-part";
import { fixedField } from "../../lib/fixed-field";
import { num, rec, str } from "../../lib/server-data";
import { errorSentence } from "./session-error";

/** Part types that carry nothing to read: they get no view at all (not even a boundary). */
const SILENT: ReadonlySet<unknown> = new Set(["step-start", "step-finish", "snapshot"]);

/**
 * Whether a part has anything to show. A part that cannot even be read does: its view is the
 * placeholder ("This part could not be shown").
 */
export function hasView(part: Part): boolean {
  try {
    return !SILENT.has(part.type);
  } catch {
    return true;
  }
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

/**
 * The view for the part's type. A part's type does not change, so this is one memo on the type and
 * one component, not a `<Switch>` asking every type in turn: a long session builds thousands of
 * these while it is scrolled, and what each one allocates is what the garbage collector then pauses
 * the page for.
 */
function PartSwitch(props: PartViewProps) {
  // A part's type never changes: read without subscribing to it.
  const type = createMemo(
    fixedField(
      () => props.part,
      (part) => part.type,
    ),
  );
  return <>{createMemo(() => viewOf(type(), props))()}</>;
}

/** Built untracked: the views track what they read themselves. */
function viewOf(type: Part["type"], props: PartViewProps): JSX.Element {
  return untrack(() => {
    switch (type) {
      case "text": {
        const text = () => props.part as TextPart;
        return (
          <Show when={!(props.role === "user" && (text().synthetic || text().ignored))}>
            <TextPartView
              part={text()}
              plain={props.role === "user"}
              joinedMidStream={props.joinedMidStream?.(text().id)}
              interrupted={props.interrupted}
            />
          </Show>
        );
      }
      case "reasoning":
        return <ReasoningPartView part={props.part as ReasoningPart} interrupted={props.interrupted} />;
      case "tool":
        return (
          <ToolPartView
            part={props.part as ToolPart}
            childSessionHref={props.childSessionHref}
            childSessionTitle={props.childSessionTitle}
            interrupted={props.interrupted}
          />
        );
      case "patch":
        return <PatchPartView part={props.part as PatchPart} root={props.root} changesHref={props.changesHref} />;
      case "file":
        return <FilePartView part={props.part as FilePart} />;
      case "subtask": {
        const subtask = () => props.part as SubtaskPart;
        return (
          <p class={NOTE}>
            Subtask for @{str(subtask().agent) ?? "an agent"}: {str(subtask().description)}
          </p>
        );
      }
      case "agent":
        return <p class={NOTE}>Asked @{str((props.part as AgentPart).name) ?? "an agent"}</p>;
      case "retry": {
        const retry = () => props.part as RetryPart;
        return (
          <p class={NOTE}>
            Attempt {String(num(retry().attempt) ?? "?")} failed.{" "}
            {errorSentence({ name: str(rec(retry().error).name) ?? "UnknownError", message: str(rec(rec(retry().error).data).message) })}
          </p>
        );
      }
      case "compaction":
        return <p class={NOTE}>The conversation was compacted to fit the model's context.</p>;
      default:
        return undefined;
    }
  });
}
