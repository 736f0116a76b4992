import "./setup";
import { render, screen, waitFor } from "@solidjs/testing-library";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { InstanceActions } from "../../../src/ui/instance-actions";

function setup(label?: string) {
  const onRename = vi.fn();
  const onRemove = vi.fn();
  const user = userEvent.setup();
  render(() => <InstanceActions name={label ? `${label} :4096` : ":4096"} label={label} onRename={onRename} onRemove={onRemove} />);
  return { onRename, onRemove, user };
}

describe("InstanceActions", () => {
  it("renames in a dialog that starts from the current label", async () => {
    const { onRename, user } = setup("webshop");
    await user.click(screen.getByRole("button", { name: "Rename" }));
    const dialog = await screen.findByRole("dialog", { name: "Rename webshop :4096" });
    const field = screen.getByRole("textbox", { name: "Label" });
    expect(dialog).toContainElement(field);
    expect(field).toHaveValue("webshop");
    await user.clear(field);
    await user.type(field, "  docs site ");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(onRename).toHaveBeenCalledWith("docs site");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
  });

  it("renames nothing when cancelled", async () => {
    const { onRename, user } = setup();
    await user.click(screen.getByRole("button", { name: "Rename" }));
    await user.type(await screen.findByRole("textbox", { name: "Label" }), "x");
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(onRename).not.toHaveBeenCalled();
  });

  it("asks before removing, says the server keeps running, and removes only on confirmation", async () => {
    const { onRemove, user } = setup();
    await user.click(screen.getByRole("button", { name: "Remove" }));
    const dialog = await screen.findByRole("alertdialog", { name: "Remove :4096?" });
    expect(dialog).toHaveTextContent(/keep running/);
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(onRemove).not.toHaveBeenCalled();
    await user.click(await screen.findByRole("button", { name: "Remove" }));
    await user.click(await screen.findByRole("button", { name: "Remove instance" }));
    expect(onRemove).toHaveBeenCalledTimes(1);
  });
});
