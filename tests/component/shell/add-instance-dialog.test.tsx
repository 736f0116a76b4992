import "./setup";
import { render, screen, waitFor, within } from "@solidjs/testing-library";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { AddInstanceDialog, type AddInstanceValues, type ConnectAnswer } from "../../../src/ui/add-instance-dialog";

/** A promise the test settles by hand, to look at the dialog while a connect is under way. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

async function openDialog(onConnect: (values: AddInstanceValues) => Promise<ConnectAnswer>) {
  const user = userEvent.setup();
  render(() => <AddInstanceDialog onConnect={onConnect} />);
  await user.click(screen.getByRole("button", { name: "Add instance" }));
  const dialog = await screen.findByRole("dialog");
  return { user, dialog };
}

describe("AddInstanceDialog", () => {
  it("opens a dialog named after what it does, with the fields labelled", async () => {
    const { dialog } = await openDialog(vi.fn());
    expect(dialog).toHaveAccessibleName("Add an OpenCode server");
    expect(within(dialog).getByRole("textbox", { name: "Port or URL" })).toBeInTheDocument();
    // Password inputs have no role: find them by their label.
    expect(within(dialog).getByLabelText("Password")).toHaveAttribute("type", "password");
    expect(within(dialog).getByRole("checkbox", { name: "Remember the password on this browser" })).not.toBeChecked();
    expect(within(dialog).getByRole("textbox", { name: "Label (optional)" })).toBeInTheDocument();
  });

  it("is closed until the button is pressed", () => {
    render(() => <AddInstanceDialog onConnect={vi.fn()} />);
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("hands what was typed to onConnect", async () => {
    const onConnect = vi.fn(async () => undefined);
    const { user, dialog } = await openDialog(onConnect);
    await user.type(within(dialog).getByRole("textbox", { name: "Port or URL" }), "4096");
    await user.type(within(dialog).getByLabelText("Password"), "pw");
    await user.click(within(dialog).getByRole("checkbox", { name: /Remember the password/ }));
    await user.type(within(dialog).getByRole("textbox", { name: "Label (optional)" }), "  work  ");
    await user.click(within(dialog).getByRole("button", { name: "Connect" }));
    expect(onConnect).toHaveBeenCalledTimes(1);
    expect(onConnect).toHaveBeenCalledWith({ address: "4096", password: "pw", rememberPassword: true, label: "work" });
  });

  it("submits with Enter in the address field", async () => {
    const onConnect = vi.fn(async () => undefined);
    const { user, dialog } = await openDialog(onConnect);
    await user.type(within(dialog).getByRole("textbox", { name: "Port or URL" }), "4097{Enter}");
    expect(onConnect).toHaveBeenCalledWith(expect.objectContaining({ address: "4097", password: "" }));
  });

  it("shows the error sentence as an alert in the dialog and keeps what was typed", async () => {
    const sentence = "Port 4096 needs a password (the server was started with OPENCODE_SERVER_PASSWORD). Enter it and connect again.";
    const { user, dialog } = await openDialog(async () => sentence);
    await user.type(within(dialog).getByRole("textbox", { name: "Port or URL" }), "4096");
    await user.type(within(dialog).getByLabelText("Password"), "wrong");
    await user.click(within(dialog).getByRole("button", { name: "Connect" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent(sentence);
    expect(screen.getByRole("dialog")).toBe(dialog);
    expect(within(dialog).getByRole("textbox", { name: "Port or URL" })).toHaveValue("4096");
    expect(within(dialog).getByLabelText("Password")).toHaveValue("wrong");
  });

  it("shows a thrown error as an alert too", async () => {
    const { user, dialog } = await openDialog(async () => {
      throw new Error("Something broke while connecting.");
    });
    await user.type(within(dialog).getByRole("textbox", { name: "Port or URL" }), "4096");
    await user.click(within(dialog).getByRole("button", { name: "Connect" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("Something broke while connecting.");
  });

  it("closes on success and starts empty next time", async () => {
    const onConnect = vi.fn(async () => undefined);
    const { user, dialog } = await openDialog(onConnect);
    await user.type(within(dialog).getByRole("textbox", { name: "Port or URL" }), "4096");
    await user.type(within(dialog).getByLabelText("Password"), "pw");
    await user.click(within(dialog).getByRole("button", { name: "Connect" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    // Kobalte un-hides the rest of the page a moment after the dialog is gone.
    await user.click(await screen.findByRole("button", { name: "Add instance" }));
    const again = await screen.findByRole("dialog");
    expect(within(again).getByRole("textbox", { name: "Port or URL" })).toHaveValue("");
    expect(within(again).getByLabelText("Password")).toHaveValue("");
  });

  it("clears an old error once the dialog is closed and reopened", async () => {
    const { user, dialog } = await openDialog(async () => "Nothing answered at http://127.0.0.1:4096.");
    await user.type(within(dialog).getByRole("textbox", { name: "Port or URL" }), "4096");
    await user.click(within(dialog).getByRole("button", { name: "Connect" }));
    await within(dialog).findByRole("alert");
    await user.click(within(dialog).getByRole("button", { name: "Close" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    // Kobalte un-hides the rest of the page a moment after the dialog is gone.
    await user.click(await screen.findByRole("button", { name: "Add instance" }));
    const again = await screen.findByRole("dialog");
    expect(within(again).queryByRole("alert")).not.toBeInTheDocument();
  });

  it("shows a command in the sentence as code, without its backticks", async () => {
    const sentence =
      "Nothing answered at http://127.0.0.1:4096. Check that `opencode serve --port 4096` is running and reachable from this browser.";
    const { user, dialog } = await openDialog(async () => sentence);
    await user.type(within(dialog).getByRole("textbox", { name: "Port or URL" }), "4096{Enter}");
    const alert = await within(dialog).findByRole("alert");
    expect(alert).toHaveTextContent("Check that opencode serve --port 4096 is running");
    expect(alert.querySelector("code")).toHaveTextContent(/^opencode serve --port 4096$/);
  });

  it("disables Connect while connecting, so one click makes one probe", async () => {
    const pending = deferred<string | undefined>();
    const onConnect = vi.fn(() => pending.promise);
    const { user, dialog } = await openDialog(onConnect);
    await user.type(within(dialog).getByRole("textbox", { name: "Port or URL" }), "4096");
    const connect = within(dialog).getByRole("button", { name: "Connect" });
    await user.click(connect);
    expect(connect).toBeDisabled();
    expect(connect).toHaveAttribute("aria-busy", "true");
    pending.resolve("Port 4096 answered, but it is not an OpenCode server (HTTP 404 on /global/health).");
    await within(dialog).findByRole("alert");
    expect(connect).toBeEnabled();
    expect(onConnect).toHaveBeenCalledTimes(1);
  });

  it("moves focus into the dialog and keeps Tab inside it", async () => {
    const { user, dialog } = await openDialog(vi.fn());
    await waitFor(() => expect(dialog).toContainElement(document.activeElement as HTMLElement));
    for (let i = 0; i < 8; i++) {
      await user.tab();
      expect(dialog).toContainElement(document.activeElement as HTMLElement);
    }
  });

  it("puts focus on “Port or URL” when it opens, so typing a port goes there", async () => {
    const { user, dialog } = await openDialog(vi.fn());
    const address = within(dialog).getByRole("textbox", { name: "Port or URL" });
    await waitFor(() => expect(document.activeElement).toBe(address));
    await user.keyboard("4096");
    expect(address).toHaveValue("4096");
  });

  it("says next to “Remember the password” that it is then stored in plain text", async () => {
    const { dialog } = await openDialog(vi.fn());
    const box = within(dialog).getByRole("checkbox", { name: "Remember the password on this browser" });
    expect(box).toHaveAccessibleDescription(/plain text in this browser's local storage/);
  });

  it("closes on a notice (nothing new added) and says it beside the button", async () => {
    const { user, dialog } = await openDialog(async () => ({ notice: "Port 4096 is already added; it is selected." }));
    await user.type(within(dialog).getByRole("textbox", { name: "Port or URL" }), "localhost:4096");
    await user.click(within(dialog).getByRole("button", { name: "Connect" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(await screen.findByRole("status")).toHaveTextContent("Port 4096 is already added; it is selected.");
  });

  it("closes with Escape and gives focus back to the button", async () => {
    const { user } = await openDialog(vi.fn());
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    await waitFor(() => expect(document.activeElement).toHaveTextContent("Add instance"));
  });

  it("can be opened from outside and reports closing", async () => {
    const onOpenChange = vi.fn();
    const user = userEvent.setup();
    render(() => <AddInstanceDialog onConnect={vi.fn()} open onOpenChange={onOpenChange} />);
    expect(await screen.findByRole("dialog")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Close" }));
    expect(onOpenChange).toHaveBeenCalledWith(false);
  });
});
