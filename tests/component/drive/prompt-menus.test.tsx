import "../shell/setup";
import { render, screen, waitFor } from "@solidjs/testing-library";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { PromptBox, type PromptBoxProps } from "../../../src/ui/prompt-box";

const commands = [
  { name: "init", description: "guided AGENTS.md setup" },
  { name: "review", description: "review changes" },
  { name: "undo", description: "Undo the last exchange" },
];

function setup(overrides: Partial<PromptBoxProps> = {}) {
  const props = {
    onSend: vi.fn<PromptBoxProps["onSend"]>(async () => undefined),
    onStop: vi.fn(async () => undefined),
    onCommand: vi.fn<NonNullable<PromptBoxProps["onCommand"]>>(async () => undefined),
    onShell: vi.fn<NonNullable<PromptBoxProps["onShell"]>>(async () => undefined),
    searchFiles: vi.fn(async (query: string) => ["src/app.ts", "src/api/client.ts", "README.md"].filter((path) => path.includes(query))),
    ...overrides,
  };
  render(() => <PromptBox busy={false} connected commands={commands} {...props} />);
  return { props, user: userEvent.setup(), box: screen.getByRole("textbox", { name: "Message" }) };
}

describe("PromptBox: / commands", () => {
  it("lists the commands by name when / is typed, filtered as you type", async () => {
    const { user, box } = setup();
    await user.type(box, "/");
    const list = screen.getByRole("listbox", { name: "Commands" });
    expect(list).toBeInTheDocument();
    expect(screen.getAllByRole("option").map((option) => option.getAttribute("aria-label"))).toEqual(["init", "review", "undo"]);
    expect(screen.getByRole("option", { name: "init" })).toHaveTextContent("guided AGENTS.md setup");
    await user.type(box, "re");
    expect(screen.getAllByRole("option").map((option) => option.getAttribute("aria-label"))).toEqual(["review"]);
  });

  it("picks with Enter, then runs the command with its arguments", async () => {
    const { user, box, props } = setup();
    await user.type(box, "/in{Enter}");
    expect(box).toHaveValue("/init ");
    expect(screen.queryByRole("listbox")).not.toBeInTheDocument();
    await user.type(box, "focus on tests{Enter}");
    expect(props.onCommand).toHaveBeenCalledWith("init", "focus on tests");
    expect(props.onSend).not.toHaveBeenCalled();
    await waitFor(() => expect(box).toHaveValue(""));
  });

  it("moves through the list with the arrow keys and picks with a click", async () => {
    const { user, box } = setup();
    await user.type(box, "/");
    await user.keyboard("{ArrowDown}");
    expect(screen.getByRole("option", { name: "review" })).toHaveAttribute("aria-selected", "true");
    expect(box.getAttribute("aria-activedescendant")).toBe(screen.getByRole("option", { name: "review" }).id);
    await user.click(screen.getByRole("option", { name: "undo" }));
    expect(box).toHaveValue("/undo ");
  });

  it("closes the list on Escape and sends an unknown /word as text", async () => {
    const { user, box, props } = setup();
    await user.type(box, "/nothing");
    expect(screen.queryByRole("listbox")).not.toBeInTheDocument();
    await user.keyboard("{Escape}{Enter}");
    expect(props.onSend).toHaveBeenCalledWith("/nothing", [], []);
  });

  it("shows a failed command's sentence where the user typed it and keeps the text", async () => {
    const { user, box } = setup({ onCommand: vi.fn(async () => Promise.reject(new Error("Could not run /init (HTTP 500)."))) });
    await user.type(box, "/init{Enter}{Enter}");
    expect(await screen.findByRole("alert")).toHaveTextContent("Could not run /init (HTTP 500).");
    expect(box).toHaveValue("/init ");
  });
});

describe("PromptBox: ! shell and @ files", () => {
  it("runs !command in the shell", async () => {
    const { user, box, props } = setup();
    await user.type(box, "!ls -la{Enter}");
    expect(props.onShell).toHaveBeenCalledWith("ls -la");
    expect(props.onSend).not.toHaveBeenCalled();
  });

  it("lists matching files for @, and a picked file goes with the prompt", async () => {
    const { user, box, props } = setup();
    await user.type(box, "look at @api");
    const option = await screen.findByRole("option", { name: "src/api/client.ts" });
    expect(screen.getByRole("listbox", { name: "Files" })).toBeInTheDocument();
    expect(props.searchFiles).toHaveBeenLastCalledWith("api");
    await user.click(option);
    expect(box).toHaveValue("look at @src/api/client.ts ");
    await user.type(box, "please{Enter}");
    expect(props.onSend).toHaveBeenCalledWith("look at @src/api/client.ts please", ["src/api/client.ts"], []);
  });
});

describe("PromptBox: history, draft and size", () => {
  it("recalls earlier prompts with Up and comes back to the draft with Down", async () => {
    const { user, box } = setup({ history: ["first prompt", "second prompt"] });
    await user.type(box, "half typed");
    await user.keyboard("{Home}{ArrowUp}");
    expect(box).toHaveValue("second prompt");
    await user.keyboard("{ArrowUp}");
    expect(box).toHaveValue("first prompt");
    await user.keyboard("{ArrowDown}{ArrowDown}");
    expect(box).toHaveValue("half typed");
  });

  it("starts from the saved draft and reports every change to it", async () => {
    const onDraft = vi.fn();
    const { user, box } = setup({ draft: "kept from before", onDraft });
    expect(box).toHaveValue("kept from before");
    await user.type(box, "!");
    expect(onDraft).toHaveBeenLastCalledWith("kept from before!");
  });
});
