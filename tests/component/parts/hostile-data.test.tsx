/**
 * Server data in shapes the SDK's types do not promise: every component that shows it reads what it
 * can and shows the rest as nothing, and what still throws costs one placeholder, "This part could
 * not be shown", while the rest of the message and the session stay live.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, render, screen, within } from "@solidjs/testing-library";
import userEvent from "@testing-library/user-event";
import { createSignal } from "solid-js";
import type { Message, Part, PermissionRequest, QuestionRequest } from "@opencode-ai/sdk/v2/client";
import { MessageView } from "../../../src/ui/parts/message-view";
import { PermissionCard } from "../../../src/ui/parts/permission-card";
import { QuestionCard } from "../../../src/ui/parts/question-card";
import { RetryStatus } from "../../../src/ui/parts/retry-status";
import { TodoList } from "../../../src/ui/parts/todo-list";
import { assistantMessage, assistantText, permissionAsked, stepFinish, userMessage, userText } from "../../fixtures/parts";

afterEach(cleanup);
// The boundaries report what they caught on the console; that is expected here.
beforeEach(() => void vi.spyOn(console, "error").mockImplementation(() => undefined));
afterEach(() => vi.restoreAllMocks());

const FALLBACK = "This part could not be shown";
const odd = <T,>(value: unknown) => value as T;

describe("a message with fields of the wrong shape", () => {
  it.each([
    ["time: {}", { time: {} }],
    ["no time", { time: undefined }],
    ["a time a Date cannot hold", { time: { created: 1e20, completed: "later" } }],
    ["times that are strings", { time: { created: "yesterday", completed: "now" } }],
    ["tokens and cost that are not numbers", { tokens: { input: "5", output: null, cache: "x" }, cost: "free" }],
    ["no path, model or agent", { path: null, modelID: 42, providerID: undefined, agent: {} }],
    ["an error that is a string", { error: "boom" }],
  ])("shows an assistant message with %s, footer included", (_, change) => {
    const message = odd<Message>({ ...assistantMessage, ...change });
    render(() => <MessageView message={message} parts={[assistantText]} />);
    const article = screen.getByRole("article", { name: /^Assistant/ });
    expect(within(article).getByText("Hello from the fake model! This is a streamed reply.")).toBeInTheDocument();
    expect(within(article).getByRole("contentinfo")).toHaveTextContent(/\d+ in/);
    expect(screen.queryByText(FALLBACK)).toBeNull();
  });

  it("shows a user message without a time, and no <time> element for it", () => {
    render(() => <MessageView message={odd<Message>({ ...userMessage, time: {} })} parts={[userText]} />);
    const article = screen.getByRole("article", { name: /^You/ });
    expect(article.querySelector("time")).toBeNull();
    expect(within(article).getByText("hi")).toBeInTheDocument();
  });
});

describe("parts with fields of the wrong shape", () => {
  const base = { messageID: assistantMessage.id, sessionID: assistantMessage.sessionID };
  const hostile: Array<[string, unknown]> = [
    ["text that is a number", { id: "prt_1", type: "text", text: 42, time: "soon" }],
    ["reasoning without times", { id: "prt_2", type: "reasoning", text: null, time: { start: "x", end: {} } }],
    ["a tool without a state", { id: "prt_3", type: "tool", tool: "bash", callID: "c", state: null }],
    ["a tool with an unknown status", { id: "prt_4", type: "tool", tool: 7, callID: "c", state: { status: "constructor", input: "ls" } }],
    [
      "a completed tool without times or output",
      { id: "prt_5", type: "tool", tool: "task", callID: "c", state: { status: "completed", output: { a: 1 }, metadata: "x" } },
    ],
    [
      "a failed tool whose error is an object",
      { id: "prt_6", type: "tool", tool: "bash", callID: "c", state: { status: "error", error: { no: 1 }, time: null } },
    ],
    [
      "a todowrite with junk todos",
      {
        id: "prt_7",
        type: "tool",
        tool: "todowrite",
        callID: "c",
        state: { status: "completed", input: { todos: [null, 3, { content: "real", status: "toString" }] }, output: "" },
      },
    ],
    ["a file without a url", { id: "prt_8", type: "file", mime: 3, filename: null, source: "x" }],
    ["a file whose url has a stray %", { id: "prt_9", type: "file", mime: "text/plain", url: "http://h/a%E0%A4%A" }],
    ["a patch without files", { id: "prt_a", type: "patch", hash: "h", files: null }],
    ["a retry without an error", { id: "prt_b", type: "retry", attempt: "2", error: null }],
    ["a subtask without an agent", { id: "prt_c", type: "subtask", agent: null, description: {} }],
  ];

  it.each(hostile)("shows %s without a placeholder and without throwing", (_, part) => {
    const parts = [odd<Part>({ ...base, ...(part as object) }), assistantText];
    render(() => <MessageView message={assistantMessage} parts={parts} />);
    expect(screen.getByText("Hello from the fake model! This is a streamed reply.")).toBeInTheDocument();
    expect(screen.queryByText(FALLBACK)).toBeNull();
  });
});

describe("the error boundaries", () => {
  // A field that throws when read: what is left once every guard has done its part.
  const throwing = (fields: object, name: string) =>
    Object.defineProperty({ ...fields }, name, {
      enumerable: true,
      get() {
        throw new Error(`cannot read ${name}`);
      },
    });

  it("costs one placeholder for a part that throws; the other parts and the footer stay", () => {
    const bad = odd<Part>(throwing({ ...assistantText, id: "prt_bad" }, "text"));
    render(() => <MessageView message={assistantMessage} parts={[bad, assistantText, stepFinish]} />);
    expect(screen.getByText(FALLBACK)).toBeInTheDocument();
    expect(screen.getByText("Hello from the fake model! This is a streamed reply.")).toBeInTheDocument();
    expect(screen.getByRole("contentinfo")).toHaveTextContent("10 in");
  });

  it("costs one placeholder for a message that throws, and shows it again once the server sends a good one", () => {
    const [message, setMessage] = createSignal(odd<Message>(throwing({ ...assistantMessage }, "role")));
    render(() => (
      <>
        <MessageView message={message()} parts={[assistantText]} />
        <MessageView message={userMessage} parts={[userText]} />
      </>
    ));
    expect(screen.getByText(FALLBACK)).toBeInTheDocument();
    expect(screen.getByRole("article", { name: /^You/ })).toBeInTheDocument();
    setMessage({ ...assistantMessage });
    expect(screen.queryByText(FALLBACK)).toBeNull();
    expect(screen.getByRole("article", { name: /^Assistant/ })).toBeInTheDocument();
  });

  it("costs one placeholder for a permission request that throws, and the next card still works", async () => {
    const user = userEvent.setup();
    const onReply = vi.fn();
    const bad = odd<PermissionRequest>(throwing({ ...permissionAsked, id: "per_bad" }, "permission"));
    render(() => (
      <>
        <PermissionCard request={bad} onReply={() => undefined} />
        <PermissionCard request={permissionAsked} onReply={onReply} />
      </>
    ));
    expect(screen.getByText(FALLBACK)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Allow once" }));
    expect(onReply).toHaveBeenCalledExactlyOnceWith("once");
  });
});

describe("cards for requests with missing fields", () => {
  it.each([
    ["no always", { always: undefined }],
    ["always that is not a list", { always: "echo *" }],
    ["no patterns, metadata or permission", { patterns: undefined, metadata: null, permission: undefined }],
    ["a permission named like an Object member", { permission: "constructor", metadata: {}, patterns: ["x", 3] }],
  ])("a permission request with %s gets its card, and Allow once answers it", async (_, change) => {
    const user = userEvent.setup();
    const onReply = vi.fn();
    render(() => <PermissionCard request={odd<PermissionRequest>({ ...permissionAsked, ...change })} onReply={onReply} />);
    expect(screen.getByRole("region", { name: /^Permission request: / })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Allow once" }));
    expect(onReply).toHaveBeenCalledExactlyOnceWith("once");
    expect(screen.queryByText(FALLBACK)).toBeNull();
  });

  it("a question request without questions, or with junk in them, gets its card and can be dismissed", async () => {
    const user = userEvent.setup();
    const onReject = vi.fn();
    const requests = [
      { id: "que_1", sessionID: "ses_1" },
      {
        id: "que_2",
        sessionID: "ses_1",
        questions: [null, { question: 5, options: "x" }, { question: "Pick", header: "H", options: [null, { label: "A" }] }],
      },
    ];
    for (const request of requests) {
      render(() => <QuestionCard request={odd<QuestionRequest>(request)} onReply={() => undefined} onReject={onReject} />);
      await user.click(screen.getByRole("button", { name: "Dismiss" }));
      cleanup();
    }
    expect(onReject).toHaveBeenCalledTimes(2);
  });

  it("a retry status and a todo list with junk fields still read", () => {
    render(() => (
      <>
        <RetryStatus status={odd({ type: "retry", attempt: "x", message: 5, next: null, action: "go" })} now={() => 0} />
        <TodoList todos={odd([null, { content: "write tests", status: "constructor" }, { content: 7 }])} />
      </>
    ));
    expect(screen.getByRole("status")).toHaveTextContent("Retrying now");
    expect(screen.getByRole("list", { name: "Todos" })).toHaveTextContent("write tests");
  });
});
