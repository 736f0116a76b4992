/**
 * One message of a session with all its parts: the user's prompt, or the assistant's reply with its
 * reasoning, tool calls (and any permission they wait for), changed files, errors and usage footer.
 */
import { createUniqueId, For, Index, Show } from "solid-js";
import type { Message, Part, PermissionRequest, SessionStatus } from "@opencode-ai/sdk/v2/client";
import { formatClock } from "./format";
import { MessageFooter } from "./message-footer";
import { ofType, PartView } from "./part-view";
import { PermissionCard, type PermissionReply } from "./permission-card";
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
  /**
   * Pending permission requests of the session. Those whose `tool.messageID` is this message are
   * shown after the tool call they belong to (matched by `callID`), or at the end if none matches.
   */
  permissions?: PermissionRequest[];
  /** Whether a text part was joined mid-stream: its earlier text is not shown until it ends. */
  joinedMidStream?: (partId: string) => boolean;
  /** The last retry status seen while this reply was being made: says why a reply stopped then is empty. */
  retried?: Extract<SessionStatus, { type: "retry" }>;
  /** Sends a permission reply; a rejected promise shows an error on the card. */
  onPermissionReply?: (request: PermissionRequest, reply: PermissionReply) => Promise<void> | void;
}

/**
 * An `<article>` named "You, 14:03" or "Assistant, 14:03" (its heading's name). User messages show their text as typed and
 * their attachments; assistant messages show every part in order, the message's error in words, and
 * a footer with model, tokens, cost and duration.
 */
export function MessageView(props: MessageViewProps) {
  const headingId = createUniqueId();
  const isUser = () => props.message.role === "user";
  const who = () => (isUser() ? "You" : "Assistant");
  const assistant = () => (props.message.role === "assistant" ? props.message : undefined);
  const mine = () => (props.permissions ?? []).filter((request) => request.tool?.messageID === props.message.id);
  const permissionsFor = (callID: string) => mine().filter((request) => request.tool?.callID === callID);
  const unmatched = () =>
    mine().filter(
      (request) => !props.parts.some((part) => part.type === "tool" && part.callID === request.tool?.callID),
    );
  const reply = (request: PermissionRequest) => (value: PermissionReply) =>
    props.onPermissionReply?.(request, value);

  const permissionCards = (requests: PermissionRequest[]) => (
    <For each={requests}>{(request) => <PermissionCard request={request} onReply={reply(request)} />}</For>
  );

  return (
    <article
      aria-labelledby={headingId}
      class={
        isUser()
          ? "rounded-lg border border-zinc-200 bg-zinc-50 px-3 py-2 dark:border-zinc-800 dark:bg-zinc-900"
          : "px-3 py-2"
      }
    >
      <header class="mb-1 flex items-baseline gap-2 text-xs">
        {/* Named by aria-label: a visually hidden ", " between the words is absolutely positioned, so
            browsers set it apart with spaces and the heading read "You , 08:49 AM". */}
        <h2 id={headingId} aria-label={`${who()}, ${formatClock(props.message.time.created)}`} class="font-semibold text-zinc-700 dark:text-zinc-200">
          {who()}{" "}
          <time
            dateTime={new Date(props.message.time.created).toISOString()}
            class="ml-1 font-normal text-zinc-400 dark:text-zinc-500"
          >
            {formatClock(props.message.time.created)}
          </time>
        </h2>
        <Show when={assistant()}>
          {(info) => <span class="text-zinc-400 dark:text-zinc-500">{info().agent}</span>}
        </Show>
      </header>

      <div class="space-y-2">
        <Index each={props.parts}>
          {(part) => (
            <>
              <PartView
                part={part()}
                role={props.message.role}
                root={assistant()?.path.root}
                childSessionHref={props.childSessionHref}
                childSessionTitle={props.childSessionTitle}
                joinedMidStream={props.joinedMidStream}
              />
              <Show when={ofType(part(), "tool")}>
                {(tool) => permissionCards(permissionsFor(tool().callID))}
              </Show>
            </>
          )}
        </Index>
        {permissionCards(unmatched())}
        <Show when={assistant()?.error}>
          {(error) => <SessionErrorView error={messageError(error())} />}
        </Show>
        <Show when={assistant() && emptyReplySentence(assistant()!, props.parts, props.retried)}>
          {(sentence) => <p class="text-sm text-zinc-500 dark:text-zinc-400">{sentence()}</p>}
        </Show>
      </div>

      <Show when={assistant()}>
        {(info) => <MessageFooter message={info()} parts={props.parts} />}
      </Show>
    </article>
  );
}
