/**
 * The first message a page shows pays for more than itself: Solid parses each component's HTML
 * template on first use, `Intl` builds its clock format, and the engine has not compiled the code
 * yet. In CPU profiles of a long session's first open that was about a third of the time spent on
 * its first rows. `scheduleWarmUp` pays it while the page is idle instead: it warms the markdown
 * renderer, then builds a question and two replies (one done, with text, code, a tool call and
 * usage; one still streaming), each with its toolbar, and the badges a busy session shows, lays
 * them out hidden and drops them at once.
 */
import type { Message, Part } from "@opencode-ai/sdk/v2/client";
import type { JSX } from "solid-js";
import { render } from "solid-js/web";
import { warmUpMarkdown } from "../../lib/markdown";
import { Badges } from "../session-list";
import { MessageActions } from "./message-actions";
import { MessageView } from "./message-view";

const SESSION = "ses_warmup";
const AT = 1_700_000_000_000;
const TOKENS = { total: 16, input: 10, output: 6, reasoning: 0, cache: { read: 0, write: 0 } };

const question = {
  id: "msg_warmup_1",
  sessionID: SESSION,
  role: "user",
  time: { created: AT },
  agent: "build",
  model: { providerID: "p", modelID: "m" },
} as Message;
const reply = {
  id: "msg_warmup_2",
  sessionID: SESSION,
  role: "assistant",
  time: { created: AT, completed: AT + 900 },
  parentID: question.id,
  modelID: "m",
  providerID: "p",
  mode: "build",
  agent: "build",
  path: { cwd: "/", root: "/" },
  cost: 0,
  tokens: TOKENS,
  finish: "stop",
} as Message;
const base = { sessionID: SESSION, messageID: reply.id };
const replyParts = [
  { ...base, id: "prt_warmup_a", type: "step-start" },
  {
    ...base,
    id: "prt_warmup_b",
    type: "text",
    text: "Some **bold** and `code`.\n\n- one\n- two\n\n```\nconst a = 1;\n```",
    time: { start: AT, end: AT + 400 },
  },
  {
    ...base,
    id: "prt_warmup_c",
    type: "tool",
    callID: "call_warmup",
    tool: "bash",
    state: {
      status: "completed",
      input: { command: "true", description: "Nothing" },
      output: "",
      title: "true",
      metadata: { output: "", exit: 0, description: "Nothing", truncated: false },
      time: { start: AT + 500, end: AT + 600 },
    },
  },
  { ...base, id: "prt_warmup_d", type: "step-finish", reason: "stop", cost: 0, tokens: TOKENS },
] as Part[];
// A reply still streaming, as the newest message of a busy session shows it.
const streaming = { ...reply, id: "msg_warmup_3", time: { created: AT } } as Message;
const streamingParts = [
  { sessionID: SESSION, messageID: streaming.id, id: "prt_warmup_e", type: "step-start" },
  { sessionID: SESSION, messageID: streaming.id, id: "prt_warmup_f", type: "text", text: "Streaming", time: { start: AT } },
] as Part[];
const questionParts = [{ sessionID: SESSION, messageID: question.id, id: "prt_warmup_q", type: "text", text: "A question?" }] as Part[];

const nothing = () => Promise.resolve();

/**
 * Builds `messages`, each with its toolbar (a prompt's offers Fork and Revert too), lays them out
 * once in a hidden box of the page and disposes of them; returns the text they showed.
 *
 * Laid out, not only built: the first layout of a message's text also finds its fonts (the code
 * font's fallbacks are looked up on first use), shapes its glyphs and fills the style caches. Left
 * to the first rows of a session, that made the frame that showed them 30 ms later.
 */
function buildHidden(messages: { message: Message; parts: Part[]; live?: boolean }[], beside?: () => JSX.Element): string {
  const host = document.createElement("div");
  const toolbar = (message: Message) =>
    message.role === "user" ? (
      <MessageActions text={() => ""} onCopy={nothing} onFork={nothing} onRevert={nothing} />
    ) : (
      <MessageActions text={() => ""} onCopy={nothing} />
    );
  const dispose = render(
    () => [
      ...messages.map((m) => <MessageView message={m.message} parts={m.parts} live={m.live} actions={toolbar(m.message)} />),
      beside?.(),
    ],
    host,
  );
  const shown = host.textContent ?? "";
  host.setAttribute("aria-hidden", "true");
  // Out of sight and of everyone's way: fixed, hidden, and contained, so laying it out touches nothing else.
  host.style.cssText = "position:fixed;left:0;top:0;width:48rem;height:100vh;visibility:hidden;pointer-events:none;contain:strict";
  document.body.append(host);
  void host.getBoundingClientRect();
  host.firstElementChild?.getBoundingClientRect();
  host.remove();
  dispose();
  return shown;
}

/**
 * The warm-up in steps of a few milliseconds each: the markdown renderer, then the question, the
 * finished reply, the streaming one and the badges. Each returns the text it showed (for tests).
 */
export const WARM_UP_STEPS: readonly (() => string)[] = [
  () => {
    warmUpMarkdown();
    return "";
  },
  () => buildHidden([{ message: question, parts: questionParts }]),
  () => buildHidden([{ message: reply, parts: replyParts, live: false }]),
  () => buildHidden([{ message: streaming, parts: streamingParts, live: true }]),
  // The badges a session shows once it is busy. Their small bold type is a font of its own: its first
  // use asks the browser process for it, synchronously (2-6 ms in the frame a reply started in, more
  // on a busy machine), so it is a step of its own.
  () => buildHidden([], () => <Badges badges={["busy", "permission"]} />),
];

/** Builds the sample question and replies at once; returns the text they showed (for tests). */
export function warmUpMessageView(): string {
  return WARM_UP_STEPS.map((step) => step()).join("");
}

/**
 * Runs the warm-up while the page is idle, one step per idle callback: built at once it was a task
 * of ~50 ms, which a click in that moment waited for.
 */
export function scheduleWarmUp(): void {
  if (typeof requestIdleCallback !== "function") return;
  let next = 0;
  const step = () => {
    WARM_UP_STEPS[next++]();
    if (next < WARM_UP_STEPS.length) requestIdleCallback(step, { timeout: 5_000 });
  };
  requestIdleCallback(step, { timeout: 5_000 });
}
