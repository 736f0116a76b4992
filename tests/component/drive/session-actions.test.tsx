import "../shell/setup";
import { render, screen, waitFor } from "@solidjs/testing-library";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { SessionActions, type SessionActionsProps } from "../../../src/ui/session-actions";

function setup(overrides: Partial<SessionActionsProps> = {}) {
  const props: SessionActionsProps = {
    title: "Fix the tests",
    canUndo: true,
    canRedo: false,
    onRename: vi.fn(async () => undefined),
    onDelete: vi.fn(async () => undefined),
    onFork: vi.fn(async () => undefined),
    onUndo: vi.fn(async () => undefined),
    onRedo: vi.fn(async () => undefined),
    ...overrides,
  };
  render(() => <SessionActions {...props} />);
  return { props, user: userEvent.setup() };
}

describe("SessionActions", () => {
  it("renames the session from a dialog prefilled with its title", async () => {
    const { props, user } = setup();
    await user.click(screen.getByRole("button", { name: "Rename session" }));
    const field = screen.getByRole("textbox", { name: "Session title" });
    expect(field).toHaveValue("Fix the tests");
    await user.clear(field);
    await user.type(field, "Green again{Enter}");
    expect(props.onRename).toHaveBeenCalledWith("Green again");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
  });

  it("keeps the rename dialog open with the server's refusal in it", async () => {
    const { user } = setup({ onRename: vi.fn(async () => Promise.reject(new Error("Could not rename the session (HTTP 500)."))) });
    await user.click(screen.getByRole("button", { name: "Rename session" }));
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Could not rename the session (HTTP 500).");
    expect(screen.getByRole("dialog")).toBeInTheDocument();
  });

  it("asks for a title instead of saving an empty one, and opens afresh after Cancel", async () => {
    const { props, user } = setup();
    await user.click(screen.getByRole("button", { name: "Rename session" }));
    await user.clear(screen.getByRole("textbox", { name: "Session title" }));
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("A session needs a title: type one, or press Cancel.");
    expect(props.onRename).not.toHaveBeenCalled();
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    await user.click(await screen.findByRole("button", { name: "Rename session" }));
    expect(screen.getByRole("textbox", { name: "Session title" })).toHaveValue("Fix the tests");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("deletes only after the Delete confirmation, and Cancel keeps the session", async () => {
    const { props, user } = setup();
    await user.click(screen.getByRole("button", { name: "Delete session" }));
    expect(screen.getByRole("alertdialog")).toHaveTextContent("Fix the tests");
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(props.onDelete).not.toHaveBeenCalled();
    await user.click(await screen.findByRole("button", { name: "Delete session" }));
    await user.click(screen.getByRole("button", { name: "Delete" }));
    expect(props.onDelete).toHaveBeenCalledTimes(1);
  });

  it("forks, undoes and redoes, and says so when one fails", async () => {
    const { props, user } = setup({
      canRedo: true,
      onFork: vi.fn(async () => Promise.reject(new Error("Could not fork the session (HTTP 404)."))),
    });
    await user.click(screen.getByRole("button", { name: "Fork" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Could not fork the session (HTTP 404).");
    await user.click(screen.getByRole("button", { name: "Undo" }));
    await user.click(screen.getByRole("button", { name: "Redo" }));
    expect(props.onUndo).toHaveBeenCalledTimes(1);
    expect(props.onRedo).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.queryByRole("alert")).not.toBeInTheDocument());
  });

  it("disables Undo and Redo when there is nothing to undo or redo", () => {
    setup({ canUndo: false, canRedo: false });
    expect(screen.getByRole("button", { name: "Undo" })).toBeDisabled();
    expect(screen.getByRole("button", { name: "Redo" })).toBeDisabled();
  });
});
