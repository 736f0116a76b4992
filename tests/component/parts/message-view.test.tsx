import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render, screen, within } from "@solidjs/testing-library";
import type { StepFinishPart } from "@opencode-ai/sdk/v2/client";
import { formatClock } from "../../../src/ui/parts/format";
import { MessageView } from "../../../src/ui/parts/message-view";
import {
  abortedMessage,
  apiErrorMessage,
  assistantMessage,
  assistantText,
  bashRunning,
  patch,
  reasoning,
  stepFinish,
  stepStart,
  taskRunning,
  userMessage,
  userText,
} from "../../fixtures/parts";

afterEach(cleanup);

describe("MessageView", () => {
  it("renders the user's prompt as an article named 'You'", () => {
    render(() => <MessageView message={userMessage} parts={[userText]} />);
    const article = screen.getByRole("article", { name: /^You/ });
    expect(within(article).getByText("hi")).toBeInTheDocument();
    expect(within(article).queryByRole("contentinfo")).toBeNull();
    expect(article.querySelector("time")).toHaveAttribute("datetime", new Date(userMessage.time.created).toISOString());
  });

  // Tailwind's sr-only is position:absolute, which makes a span a block: browsers then put spaces
  // around a hidden ", " and read the heading "You , 08:49 AM". The style below does the same here.
  it("reads its heading as “You, <time>”, with no stray space, whatever hides what", () => {
    const style = document.head.appendChild(document.createElement("style"));
    style.textContent = ".sr-only { display: block; }";
    try {
      render(() => <MessageView message={userMessage} parts={[userText]} />);
      const name = `You, ${formatClock(userMessage.time.created)}`;
      expect(screen.getByRole("heading", { level: 2 })).toHaveAccessibleName(name);
      expect(screen.getByRole("article")).toHaveAccessibleName(name);
    } finally {
      style.remove();
    }
  });

  it("says why a reply stopped during a provider retry is empty, as plain text", () => {
    const empty = { ...assistantMessage, finish: undefined, time: { created: 1, completed: 2 } };
    render(() => (
      <MessageView message={empty} parts={[]} retried={{ type: "retry", attempt: 3, message: "fake upstream error 500", next: 1 }} />
    ));
    const article = screen.getByRole("article", { name: /^Assistant/ });
    expect(article).toHaveTextContent(
      "Stopped before the model answered. The model provider was failing (attempt 3): fake upstream error 500",
    );
    expect(within(article).queryByRole("alert")).toBeNull();
  });

  it("hides text OpenCode added to the user's message itself", () => {
    const synthetic = { ...userText, id: "prt_2", text: "Called the Read tool", synthetic: true };
    render(() => <MessageView message={userMessage} parts={[userText, synthetic]} />);
    expect(screen.queryByText("Called the Read tool")).toBeNull();
  });

  it("renders the captured assistant reply with its footer: model, tokens, cost, duration", () => {
    render(() => <MessageView message={assistantMessage} parts={[stepStart, assistantText, stepFinish]} />);
    const article = screen.getByRole("article", { name: /^Assistant/ });
    expect(within(article).getByText("Hello from the fake model! This is a streamed reply.")).toBeInTheDocument();
    const footer = within(article).getByRole("contentinfo");
    expect(footer).toHaveTextContent("fake-model");
    expect(footer).toHaveTextContent("10 in");
    expect(footer).toHaveTextContent("6 out");
    expect(footer).toHaveTextContent("$0");
    expect(footer).toHaveTextContent("2.8 s"); // time.completed - time.created in 01-hi
  });

  it("adds up tokens and cost over several step-finish parts", () => {
    const second: StepFinishPart = {
      ...stepFinish,
      id: "prt_zz",
      cost: 0.0125,
      tokens: { input: 1200, output: 30, reasoning: 7, cache: { read: 500, write: 0 } },
    };
    const first: StepFinishPart = { ...stepFinish, cost: 0.0025 };
    render(() => <MessageView message={assistantMessage} parts={[first, second]} />);
    const footer = screen.getByRole("contentinfo");
    expect(footer).toHaveTextContent("1.2k in");
    expect(footer).toHaveTextContent("36 out");
    expect(footer).toHaveTextContent("7 reasoning");
    expect(footer).toHaveTextContent("500 cached");
    expect(footer).toHaveTextContent("$0.02");
  });

  it("renders reasoning, tools and patches in order", () => {
    render(() => (
      <MessageView
        message={assistantMessage}
        parts={[reasoning, taskRunning, patch]}
        childSessionHref={(id) => `#/s/${id}`}
        childSessionTitle={() => "Child title"}
      />
    ));
    expect(screen.getByText("Reasoning")).toBeInTheDocument();
    expect(screen.getByRole("group", { name: "task tool, Running" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Child title" })).toHaveAttribute("href", "#/s/ses_e0391935bffeFXTdTSi6pGGUSJ");
    expect(within(screen.getByRole("list", { name: "Files changed" })).getByText("fake-output.txt")).toBeInTheDocument();
  });

  it("tells a message-level APIError in words", () => {
    render(() => <MessageView message={apiErrorMessage} parts={[]} />);
    expect(screen.getByRole("alert")).toHaveTextContent("The model provider returned an error: fake upstream error 400");
  });

  describe("a reply that never completed", () => {
    // What a server killed mid-reply leaves: no time.completed, a text part and a reasoning part
    // without time.end, a tool call still "running".
    const unfinished = { ...assistantMessage, time: { created: assistantMessage.time.created } };
    const parts = [
      { ...reasoning, messageID: unfinished.id, time: { start: 1 } },
      { ...assistantText, time: { start: 1 } },
      { ...bashRunning, messageID: unfinished.id },
    ];
    const caret = (article: HTMLElement) => article.querySelector(".animate-pulse");

    it("streams while its session works on it", () => {
      render(() => <MessageView message={unfinished} parts={parts} live />);
      const article = screen.getByRole("article", { name: /^Assistant/ });
      expect(caret(article)).not.toBeNull();
      expect(within(article).getByText("thinking…")).toBeInTheDocument();
      expect(within(article).getByRole("group", { name: "bash tool, Running" })).toBeInTheDocument();
      expect(within(article).queryByText(/^Interrupted/)).toBeNull();
    });

    it("reads Interrupted once its session is idle: no caret, nothing thinking or running", () => {
      render(() => <MessageView message={unfinished} parts={parts} live={false} />);
      const article = screen.getByRole("article", { name: /^Assistant/ });
      expect(caret(article)).toBeNull();
      expect(within(article).queryByText("thinking…")).toBeNull();
      expect(within(article).getByRole("group", { name: "bash tool, Interrupted" })).toBeInTheDocument();
      expect(within(article).getByRole("status")).toHaveTextContent(/^Interrupted: this reply stopped before it was finished/);
    });

    it("is not interrupted once completed, whatever its session does", () => {
      render(() => <MessageView message={assistantMessage} parts={[assistantText]} live={false} />);
      expect(screen.queryByText(/^Interrupted/)).toBeNull();
    });
  });

  it("tells an aborted message as Stopped.", () => {
    render(() => <MessageView message={abortedMessage} parts={[]} />);
    expect(screen.getByRole("status")).toHaveTextContent("Stopped.");
  });
});
