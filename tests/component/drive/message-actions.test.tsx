import "../shell/setup";
import { render, screen, waitFor, within } from "@solidjs/testing-library";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { MessageActions, type MessageActionsProps } from "../../../src/ui/parts/message-actions";
import { MessageView } from "../../../src/ui/parts/message-view";
import { userMessage, userText } from "../../fixtures/parts";

function setup(overrides: Partial<MessageActionsProps> = {}) {
  const props: MessageActionsProps = {
    text: () => "Fix the failing test",
    onCopy: vi.fn(async () => undefined),
    onFork: vi.fn(async () => undefined),
    onRevert: vi.fn(async () => undefined),
    ...overrides,
  };
  render(() => <MessageActions {...props} />);
  return { props, user: userEvent.setup(), toolbar: screen.getByRole("toolbar", { name: "Message actions" }) };
}

describe("MessageActions", () => {
  it("offers Copy, Fork from here and Revert to here on a user message", () => {
    const { toolbar } = setup();
    expect(
      within(toolbar)
        .getAllByRole("button")
        .map((button) => button.textContent),
    ).toEqual(["Copy", "Fork from here", "Revert to here"]);
  });

  it("offers only Copy on an assistant message", () => {
    const { toolbar } = setup({ onFork: undefined, onRevert: undefined });
    expect(
      within(toolbar)
        .getAllByRole("button")
        .map((button) => button.textContent),
    ).toEqual(["Copy"]);
  });

  it("copies the message's words and says Copied", async () => {
    const { props, user } = setup();
    await user.click(screen.getByRole("button", { name: "Copy" }));
    expect(props.onCopy).toHaveBeenCalledWith("Fix the failing test");
    expect(await screen.findByRole("status")).toHaveTextContent("Copied");
  });

  it("says why copying failed", async () => {
    const { user } = setup({
      onCopy: vi.fn(async () =>
        Promise.reject(new Error("The browser did not allow copying: select the text and copy it with the keyboard instead.")),
      ),
    });
    await user.click(screen.getByRole("button", { name: "Copy" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("The browser did not allow copying");
    expect(screen.queryByRole("status")).toBeNull();
  });

  it("says so when a message has no words to copy (a reply of tool calls only)", async () => {
    const { props, user } = setup({ text: () => "" });
    await user.click(screen.getByRole("button", { name: "Copy" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("This message has no text to copy.");
    expect(props.onCopy).not.toHaveBeenCalled();
  });

  it("forks and reverts, each failure a sentence beside the buttons", async () => {
    const { props, user } = setup({
      onRevert: vi.fn(async () => Promise.reject(new Error("Could not revert the session to this message (HTTP 400)."))),
    });
    await user.click(screen.getByRole("button", { name: "Fork from here" }));
    expect(props.onFork).toHaveBeenCalledTimes(1);
    await user.click(screen.getByRole("button", { name: "Revert to here" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Could not revert the session to this message (HTTP 400).");
    await user.click(screen.getByRole("button", { name: "Copy" }));
    await waitFor(() => expect(screen.queryByRole("alert")).toBeNull());
  });

  it("is one Tab stop, and the arrow keys, Home and End move within it", async () => {
    const { user } = setup();
    const [copy, fork, revert] = screen.getAllByRole("button");
    expect([copy.tabIndex, fork.tabIndex, revert.tabIndex]).toEqual([0, -1, -1]);
    await user.tab();
    expect(copy).toHaveFocus();
    await user.keyboard("{ArrowRight}");
    expect(fork).toHaveFocus();
    expect([copy.tabIndex, fork.tabIndex]).toEqual([-1, 0]);
    await user.keyboard("{End}");
    expect(revert).toHaveFocus();
    await user.keyboard("{ArrowRight}");
    expect(copy).toHaveFocus();
    await user.keyboard("{ArrowLeft}");
    expect(revert).toHaveFocus();
    await user.keyboard("{Home}{Enter}");
    expect(await screen.findByRole("status")).toHaveTextContent("Copied");
  });

  it("sits in the message's header", () => {
    render(() => (
      <MessageView message={userMessage} parts={[userText]} actions={<MessageActions text={() => "hi"} onCopy={async () => undefined} />} />
    ));
    const article = screen.getByRole("article", { name: /^You/ });
    expect(within(article).getByRole("toolbar", { name: "Message actions" })).toBeInTheDocument();
  });
});
