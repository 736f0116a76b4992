import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, render, screen, within } from "@solidjs/testing-library";
import userEvent from "@testing-library/user-event";
import type { QuestionRequest } from "@opencode-ai/sdk/v2/client";
import { QuestionCard } from "../../../src/ui/parts/question-card";

afterEach(cleanup);

// No capture has a question (the fake model never calls the question tool): this follows the SDK's
// QuestionRequest type and the OpenAPI body of POST /question/{id}/reply ({answers: string[][]}).
const request: QuestionRequest = {
  id: "que_1fc7a2794001PGJRQyey13vKUl",
  sessionID: "ses_e0385e898ffeoGgOdIvaMechFe",
  questions: [
    {
      header: "Database",
      question: "Which database should the service use?",
      options: [
        { label: "Postgres", description: "Relational, already in the stack" },
        { label: "SQLite", description: "One file, no server" },
      ],
    },
    {
      header: "Extras",
      question: "Which extras do you want?",
      multiple: true,
      custom: false,
      options: [
        { label: "Metrics", description: "Prometheus endpoint" },
        { label: "Tracing", description: "OpenTelemetry" },
      ],
    },
  ],
  tool: { messageID: "msg_1fc7a274c001tYxSeJqQNZQOAK", callID: "call_fake_4" },
};

describe("QuestionCard", () => {
  it("shows every question with its options as buttons", () => {
    render(() => <QuestionCard request={request} onReply={() => {}} onReject={() => {}} />);
    expect(screen.getByRole("region", { name: "Question from the agent" })).toBeInTheDocument();
    const database = screen.getByRole("group", { name: "Database" });
    expect(within(database).getByText("Which database should the service use?")).toBeInTheDocument();
    expect(within(database).getByRole("button", { name: "Postgres" })).toHaveAttribute("aria-pressed", "false");
    expect(within(database).getByRole("textbox", { name: /Your own answer/ })).toBeInTheDocument();
    // custom: false → no text box for that question
    expect(within(screen.getByRole("group", { name: "Extras" })).queryByRole("textbox")).toBeNull();
  });

  it("sends one answer per question: single choice replaces, multiple choice adds", async () => {
    const user = userEvent.setup();
    const onReply = vi.fn();
    render(() => <QuestionCard request={request} onReply={onReply} onReject={() => {}} />);
    const send = screen.getByRole("button", { name: "Send answer" });
    expect(send).toBeDisabled();

    const database = screen.getByRole("group", { name: "Database" });
    await user.click(within(database).getByRole("button", { name: "Postgres" }));
    await user.click(within(database).getByRole("button", { name: "SQLite" }));
    expect(within(database).getByRole("button", { name: "Postgres" })).toHaveAttribute("aria-pressed", "false");
    expect(within(database).getByRole("button", { name: "SQLite" })).toHaveAttribute("aria-pressed", "true");
    expect(send).toBeDisabled(); // the second question has no answer yet

    const extras = screen.getByRole("group", { name: "Extras" });
    await user.click(within(extras).getByRole("button", { name: "Metrics" }));
    await user.click(within(extras).getByRole("button", { name: "Tracing" }));
    expect(send).toBeEnabled();
    await user.click(send);
    expect(onReply).toHaveBeenCalledExactlyOnceWith([["SQLite"], ["Metrics", "Tracing"]]);
  });

  it("accepts a typed answer instead of an option", async () => {
    const user = userEvent.setup();
    const onReply = vi.fn();
    const single: QuestionRequest = { ...request, questions: [request.questions[0]] };
    render(() => <QuestionCard request={single} onReply={onReply} onReject={() => {}} />);
    await user.type(screen.getByRole("textbox", { name: /Your own answer/ }), "DuckDB");
    await user.click(screen.getByRole("button", { name: "Send answer" }));
    expect(onReply).toHaveBeenCalledExactlyOnceWith([["DuckDB"]]);
  });

  it("dismisses with onReject, and shows a failed reply as a sentence", async () => {
    const user = userEvent.setup();
    const onReject = vi.fn().mockRejectedValueOnce(new Error("network down"));
    render(() => <QuestionCard request={request} onReply={() => {}} onReject={onReject} />);
    await user.click(screen.getByRole("button", { name: "Dismiss" }));
    expect(onReject).toHaveBeenCalledTimes(1);
    expect(await screen.findByRole("alert")).toHaveTextContent("Could not send your reply: network down. Try again.");
    expect(screen.getByRole("button", { name: "Dismiss" })).toBeEnabled();
  });
});
