import "./setup";
import { render, screen, within } from "@solidjs/testing-library";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { needsPassword, PasswordPrompt } from "../../../src/ui/password-prompt";

describe("PasswordPrompt", () => {
  it("is a form named after the server with a Password field, Remember and Connect", () => {
    render(() => <PasswordPrompt name=":4096" onConnect={vi.fn()} />);
    const form = screen.getByRole("form", { name: "Password for :4096" });
    expect(within(form).getByLabelText("Password")).toHaveAttribute("type", "password");
    expect(within(form).getByRole("checkbox", { name: "Remember the password on this browser" })).toHaveAccessibleDescription(/plain text/);
    expect(within(form).getByRole("button", { name: "Connect" })).toBeInTheDocument();
  });

  it("hands the password and the choice to onConnect, and shows a refusal as an alert", async () => {
    const onConnect = vi.fn(async () => "Port 4096 refused the password.");
    const user = userEvent.setup();
    render(() => <PasswordPrompt name=":4096" onConnect={onConnect} />);
    await user.type(screen.getByLabelText("Password"), "secret");
    await user.click(screen.getByRole("checkbox", { name: /Remember/ }));
    await user.click(screen.getByRole("button", { name: "Connect" }));
    expect(onConnect).toHaveBeenCalledWith("secret", true);
    expect(await screen.findByRole("alert")).toHaveTextContent("Port 4096 refused the password.");
  });
});

describe("needsPassword", () => {
  it("is true only for a server that refused us for want of a password", () => {
    expect(needsPassword({ state: "error", reason: "unauthorized", message: "needs a password" })).toBe(true);
    expect(needsPassword({ state: "error", reason: "not-opencode", message: "not OpenCode" })).toBe(false);
    expect(needsPassword({ state: "offline", message: "gone" })).toBe(false);
  });
});
