import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render, screen, within } from "@solidjs/testing-library";
import userEvent from "@testing-library/user-event";
import { ToolPartView } from "../../../src/ui/parts/tool-part";
import {
  bashCompleted,
  bashError,
  bashRunning,
  taskCompleted,
  taskPending,
  taskRunning,
  todowriteCompleted,
  writeCompleted,
} from "../../fixtures/parts";

afterEach(cleanup);

const CHILD = "ses_e0391935bffeFXTdTSi6pGGUSJ";

describe("ToolPartView status", () => {
  it("shows a pending call in words, without input or output yet", () => {
    render(() => <ToolPartView part={taskPending} />);
    const group = screen.getByRole("group", { name: "task tool, Pending" });
    expect(within(group).getByText("Pending")).toBeInTheDocument();
    expect(within(group).getByText("Preparing the call…")).toBeInTheDocument();
    expect(within(group).queryByText("Input")).toBeNull();
    expect(within(group).queryByRole("link")).toBeNull();
  });

  it("shows a running bash call with its command and the output so far", async () => {
    const user = userEvent.setup();
    render(() => <ToolPartView part={bashRunning} />);
    const group = screen.getByRole("group", { name: "bash tool, Running" });
    expect(within(group).getByText("echo hello-from-fake")).toBeInTheDocument();
    const output = within(group).getByText("Output so far");
    await user.click(output);
    expect(output.closest("details")).toHaveAttribute("open");
    expect(within(group).getByText("hello-from-fake", { selector: "details pre" })).toBeVisible();
  });

  it("shows a completed bash call with duration, collapsed input and output", async () => {
    const user = userEvent.setup();
    render(() => <ToolPartView part={bashCompleted} />);
    const group = screen.getByRole("group", { name: "bash tool, Completed" });
    expect(within(group).getByText("Completed")).toBeInTheDocument();
    expect(within(group).getByText("5.8 s")).toBeInTheDocument(); // 1795236481019 - 1795236475243
    const input = within(group).getByText("Input").closest("details")!;
    expect(input).not.toHaveAttribute("open");
    await user.click(within(group).getByText("Input"));
    expect(input).toHaveAttribute("open");
    expect(input.querySelector("pre")).toHaveTextContent('"description": "Print a greeting"');
    expect(within(group).getByText("Output").closest("details")).not.toHaveAttribute("open");
  });

  it("shows a failed call as Failed, with the error text in red", () => {
    render(() => <ToolPartView part={bashError} />);
    const group = screen.getByRole("group", { name: "bash tool, Failed" });
    const error = within(group).getByText(/The user rejected permission to use this specific tool call/);
    expect(error).toHaveTextContent("Error: The user rejected permission");
    expect(error.className).toMatch(/text-red-/);
  });

  it("shows the file a write call touched", () => {
    render(() => <ToolPartView part={writeCompleted} />);
    const group = screen.getByRole("group", { name: "write tool, Completed" });
    expect(within(group).getByText("fake-output.txt")).toBeInTheDocument();
  });

  it("shows the todo list of a todowrite call", () => {
    render(() => <ToolPartView part={todowriteCompleted} />);
    const list = screen.getByRole("list", { name: "Todos" });
    expect(within(list).getAllByRole("listitem")).toHaveLength(2);
  });
});

describe("ToolPartView task link", () => {
  it("links a running task to its child session, titled by the child's title", () => {
    const asked: string[] = [];
    render(() => (
      <ToolPartView
        part={taskRunning}
        childSessionHref={(id) => {
          asked.push(id);
          return `#/session/${id}`;
        }}
        childSessionTitle={(id) => (id === CHILD ? "Fake subagent job (@general subagent)" : undefined)}
      />
    ));
    const link = screen.getByRole("link", { name: "Fake subagent job (@general subagent)" });
    expect(link).toHaveAttribute("href", `#/session/${CHILD}`);
    expect(asked).toContain(CHILD);
    expect(screen.getByText(/Subagent @general/)).toBeInTheDocument();
  });

  it("falls back to the call's title when the child's title is unknown", () => {
    render(() => <ToolPartView part={taskCompleted} childSessionHref={(id) => `/s/${id}`} />);
    expect(screen.getByRole("link", { name: "Fake subagent job" })).toHaveAttribute("href", `/s/${CHILD}`);
  });

  it("shows the title without a link when no href is known", () => {
    render(() => <ToolPartView part={taskCompleted} childSessionHref={() => undefined} />);
    expect(screen.queryByRole("link")).toBeNull();
    expect(screen.getByText("Fake subagent job")).toBeInTheDocument();
  });

  it("shows the task's result rather than its <task> wrapper as output", async () => {
    const user = userEvent.setup();
    render(() => <ToolPartView part={taskCompleted} />);
    await user.click(screen.getByText("Output"));
    const pre = screen.getByText("Output").closest("details")!.querySelector("pre")!;
    expect(pre.textContent).toBe("Hello from the fake model! This is a streamed reply.");
  });
});
