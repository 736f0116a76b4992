/**
 * A pending question from the agent (`question.asked`, the question tool): one or more questions,
 * each with options and, unless turned off, a free-text answer. The agent waits for the reply.
 */
import { createMemo, createUniqueId, For, Index, Show } from "solid-js";
import { createStore } from "solid-js/store";
import type { QuestionAnswer, QuestionInfo, QuestionRequest } from "@opencode-ai/sdk/v2/client";
import { PartBoundary } from "../part-boundary";
import { createReplyState } from "./reply-state";
import { ReplyFeedback } from "./reply-feedback";
import { isObject, list, str, text } from "../../lib/server-data";

const BUTTON =
  "rounded-md px-3 py-1 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-500 disabled:cursor-not-allowed disabled:opacity-50";

interface Draft {
  selected: string[];
  custom: string;
}

/** The answer to one question: the chosen option labels, then the typed answer if any. */
export function answerOf(draft: Draft): QuestionAnswer {
  const custom = draft.custom.trim();
  return custom ? [...draft.selected, custom] : [...draft.selected];
}

/**
 * A card (a region named "Question from the agent") with every question as a group: options are
 * toggle buttons (`aria-pressed`; picking one replaces the other unless the question allows
 * several), plus a text box for an own answer when `custom` is not false. "Send answer" calls
 * `onReply` with one answer (an array of labels) per question, in order, and is enabled once every
 * question has one; "Dismiss" calls `onReject`. Failures are shown as a sentence.
 */
export function QuestionCard(props: QuestionCardProps) {
  return (
    <PartBoundary what="question" retryOn={() => props.request}>
      <QuestionCardBody {...props} />
    </PartBoundary>
  );
}

/** Props of {@link QuestionCard}. */
export interface QuestionCardProps {
  request: QuestionRequest;
  onReply: (answers: QuestionAnswer[]) => Promise<void> | void;
  onReject: () => Promise<void> | void;
}

/**
 * The questions as the card shows them: each a record with a text, a header, and options that have
 * a label; anything else the server put in the list is left out.
 */
export function readableQuestions(request: QuestionRequest): QuestionInfo[] {
  return list(request.questions)
    .filter(isObject)
    .map((question) => ({
      ...question,
      question: text(question.question),
      header: text(question.header),
      options: list(question.options).filter(
        (option): option is QuestionInfo["options"][number] => isObject(option) && typeof option.label === "string",
      ),
      multiple: question.multiple === true,
    }));
}

function QuestionCardBody(props: QuestionCardProps) {
  const headingId = createUniqueId();
  const questions = createMemo(() => readableQuestions(props.request));
  const [drafts, setDrafts] = createStore<Draft[]>(questions().map(() => ({ selected: [], custom: "" })));
  const reply = createReplyState<"reply" | "reject">();
  const complete = () => drafts.every((draft) => answerOf(draft).length > 0);

  const toggle = (index: number, question: QuestionInfo, label: string) =>
    setDrafts(index, "selected", (selected) => {
      if (selected.includes(label)) return selected.filter((item) => item !== label);
      return question.multiple ? [...selected, label] : [label];
    });

  return (
    <section
      aria-labelledby={headingId}
      class="rounded-md border border-blue-300 bg-blue-50 p-3 text-sm dark:border-blue-800 dark:bg-blue-950/40"
    >
      <h3 id={headingId} class="font-semibold text-blue-900 dark:text-blue-200">
        Question from the agent
      </h3>
      <Index each={questions()}>
        {(question, index) => (
          <div role="group" aria-label={question().header || question().question} class="mt-2">
            <p class="text-xs font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400">{question().header}</p>
            <p class="text-zinc-800 dark:text-zinc-100">{question().question}</p>
            <div class="mt-1 flex flex-wrap gap-1.5">
              <For each={question().options}>
                {(option) => (
                  <button
                    type="button"
                    aria-pressed={drafts[index].selected.includes(option.label)}
                    title={str(option.description)}
                    disabled={reply.busy()}
                    onClick={() => toggle(index, question(), option.label)}
                    class={`${BUTTON} border ${
                      drafts[index].selected.includes(option.label)
                        ? "border-blue-600 bg-blue-600 text-white dark:border-blue-400 dark:bg-blue-500"
                        : "border-zinc-300 bg-white text-zinc-800 hover:bg-zinc-100 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800"
                    }`}
                  >
                    {option.label}
                  </button>
                )}
              </For>
            </div>
            <Show when={question().custom !== false}>
              <input
                type="text"
                aria-label={`Your own answer to: ${question().header || question().question}`}
                placeholder="Or type your own answer"
                value={drafts[index].custom}
                disabled={reply.busy()}
                onInput={(event) => setDrafts(index, "custom", event.currentTarget.value)}
                class="mt-1.5 w-full rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm text-zinc-900 placeholder:text-zinc-400 focus-visible:outline-2 focus-visible:outline-blue-500 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100"
              />
            </Show>
          </div>
        )}
      </Index>
      <div class="mt-3 flex flex-wrap gap-2">
        <button
          type="button"
          class={`${BUTTON} bg-blue-600 text-white hover:bg-blue-700 dark:bg-blue-500 dark:hover:bg-blue-400`}
          disabled={reply.busy() || !complete()}
          onClick={() => reply.send("reply", () => props.onReply(drafts.map(answerOf)))}
        >
          Send answer
        </button>
        <button
          type="button"
          class={`${BUTTON} border border-zinc-300 bg-white text-zinc-800 hover:bg-zinc-100 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800`}
          disabled={reply.busy()}
          onClick={() => reply.send("reject", () => props.onReject())}
        >
          Dismiss
        </button>
      </div>
      <ReplyFeedback pending={!!reply.pending()} error={reply.error()} />
    </section>
  );
}
