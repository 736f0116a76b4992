/**
 * One message of a session with all its parts: the user's prompt, or the assistant's reply with its
 * reasoning, tool calls, changed files, errors and usage footer. Pending permission requests are not
 * shown here but under the log (session-view.tsx): a virtual list leaves off-screen messages out of
 * the page, and a request must never be.
 */
import { createMemo, createUniqueId, Index, Show, untrack, type JSX } from "solid-js";
import type { AssistantMessage, Message, Part, SessionStatus } from "@opencode-ai/sdk/v2/client";
import { PartBoundary } from "../part-boundary";
import { formatClock } from "./format";
import { MessageFooter } from "./message-footer";
import { hasView, PartView } from "./part-view";
import { fixedField } from "../../lib/fixed-field";
import { sameItems } from "../../lib/keep-unchanged";
import { rec, str, timestamp } from "../../lib/server-data";
import { replyProgress } from "./reply-progress";
import { emptyReplySentence, messageError, SessionErrorView } from "./session-error";

/** Props of {@link MessageView}. */
export interface MessageViewProps {
  message: Message;
  /** The message's parts, sorted by id (the order the server made them). */
  parts: Part[];
  /** Where a task tool's child session opens; undefined means the title is shown without a link. */
  childSessionHref?: (sessionID: string) => string | undefined;
  /** A child session's title, when known. */
  childSessionTitle?: (sessionID: string) => string | undefined;
  /** Where a file a reply changed is shown in the session's Changes (see PatchPartView). */
  changesHref?: (file: string) => string | undefined;
  /** Whether a text part was joined mid-stream: its earlier text is not shown until it ends. */
  joinedMidStream?: (partId: string) => boolean;
  /** The last retry status seen while this reply was being made: says why a reply stopped then is empty. */
  retried?: Extract<SessionStatus, { type: "retry" }>;
  /**
   * Whether the message may still stream: its session is busy and it is the session's newest
   * message. False makes a reply that never completed read "Interrupted"; undefined means unknown.
   */
  live?: boolean;
  /** The message's toolbar (Copy, Fork from here, …), shown in its header. */
  actions?: JSX.Element;
}

/**
 * An `<article>` named "You, 14:03" or "Assistant, 14:03". User messages show their text as typed and
 * their attachments; assistant messages show every part in order, the message's error in words, and
 * a footer with model, tokens, cost and duration. Whatever in it cannot be shown costs one
 * placeholder ("This part could not be shown"), not the session.
 */
export function MessageView(props: MessageViewProps) {
  return (
    <PartBoundary what="message" retryOn={() => props.message}>
      <MessageBody {...props} />
    </PartBoundary>
  );
}

function MessageBody(props: MessageViewProps) {
  const headingId = createUniqueId();
  // What never changes in a message (role, creation time, agent, folder) is read without subscribing:
  // each subscription is a store signal per message and field, kept as long as the session is, and
  // scrolling through a long session made tens of thousands of them for the garbage collector to copy.
  const fixed = <T,>(read: (message: Message) => T) => fixedField(() => props.message, read);
  const isUser = fixed((message) => message.role === "user");
  const who = () => (isUser() ? "You" : "Assistant");
  const isAssistant = fixed((message) => message.role === "assistant");
  const assistant = () => (isAssistant() ? (props.message as AssistantMessage) : undefined);
  const created = fixed((message) => timestamp(rec(message.time).created));
  const agent = fixed((message) => (message.role === "assistant" ? str(message.agent) : undefined));
  const root = fixed((message) => (message.role === "assistant" ? str(rec(message.path).root) : undefined));
  const interrupted = () => replyProgress(props.message, props.live) === "interrupted";
  // Only the parts with something to show get a view (a reply's step-start and step-finish do not):
  // the list changes when a part comes or goes, not when a part's text grows.
  // The list is tracked, each part's type (which never changes) is not.
  const shown = createMemo(() => props.parts.filter((part) => untrack(() => hasView(part))), undefined, {
    equals: (a, b) => sameItems(a, b),
  });

  return (
    <article
      aria-labelledby={headingId}
      class={isUser() ? "rounded-lg border border-zinc-200 bg-zinc-50 px-3 py-2 dark:border-zinc-800 dark:bg-zinc-900" : "px-3 py-2"}
    >
      <header class="mb-1 flex items-baseline gap-2 text-xs">
        {/* Named by aria-label: a visually hidden ", " between the words is absolutely positioned, so
            browsers set it apart with spaces and the heading read "You , 08:49 AM". */}
        <h2
          id={headingId}
          aria-label={created() ? `${who()}, ${formatClock(created()!)}` : who()}
          class="font-semibold text-zinc-700 dark:text-zinc-200"
        >
          {who()}
          <Show when={created()}>
            {(time) => (
              <>
                {" "}
                <time dateTime={new Date(time()).toISOString()} class="ml-1 font-normal text-zinc-400 dark:text-zinc-500">
                  {formatClock(time())}
                </time>
              </>
            )}
          </Show>
        </h2>
        <Show when={agent()}>{(name) => <span class="text-zinc-400 dark:text-zinc-500">{name()}</span>}</Show>
        {props.actions}
      </header>

      <div class="space-y-2">
        <Index each={shown()}>
          {(part) => (
            <PartView
              part={part()}
              role={props.message.role}
              root={root()}
              childSessionHref={props.childSessionHref}
              childSessionTitle={props.childSessionTitle}
              changesHref={props.changesHref}
              joinedMidStream={props.joinedMidStream}
              interrupted={interrupted()}
            />
          )}
        </Index>
        <Show when={interrupted()}>
          <p role="status" class="text-xs text-zinc-500 dark:text-zinc-400">
            Interrupted: this reply stopped before it was finished (the server may have stopped or restarted).
          </p>
        </Show>
        <Show when={assistant()?.error}>{(error) => <SessionErrorView error={messageError(error())} />}</Show>
        <Show when={assistant() && emptyReplySentence(assistant()!, props.parts, props.retried)}>
          {(sentence) => <p class="text-sm text-zinc-500 dark:text-zinc-400">{sentence()}</p>}
        </Show>
      </div>

      <Show when={assistant()}>{(info) => <MessageFooter message={info()} parts={props.parts} />}</Show>
    </article>
  );
}
