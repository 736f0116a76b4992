import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, render, screen } from "@solidjs/testing-library";
import userEvent from "@testing-library/user-event";
import type { PermissionReply } from "../../../src/api/actions";
import { PermissionCard } from "../../../src/ui/parts/permission-card";
import { permissionAsked } from "../../fixtures/parts";

afterEach(cleanup);

function deferred() {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

const buttons = () => ["Allow once", "Always allow", "Reject"].map((name) => screen.getByRole("button", { name }));

describe("PermissionCard", () => {
  it("shows the permission, the command and what 'Always allow' would allow", () => {
    render(() => <PermissionCard request={permissionAsked} onReply={() => {}} />);
    const card = screen.getByRole("region", { name: "Permission request: bash" });
    expect(card).toHaveTextContent("The agent wants to run this command:");
    expect(screen.getByText("echo hello-from-fake")).toBeInTheDocument();
    expect(card).toHaveTextContent("also allows from now on: echo *");
  });

  it("lists the patterns when there is no command", () => {
    const request = { ...permissionAsked, permission: "edit", metadata: {}, patterns: ["src/a.ts", "src/b.ts"] };
    render(() => <PermissionCard request={request} onReply={() => {}} />);
    expect(screen.getByRole("region", { name: "Permission request: edit" })).toHaveTextContent("wants to edit:");
    expect(screen.getByText("src/a.ts")).toBeInTheDocument();
    expect(screen.getByText("src/b.ts")).toBeInTheDocument();
  });

  for (const [name, value] of [
    ["Allow once", "once"],
    ["Always allow", "always"],
    ["Reject", "reject"],
  ] as const) {
    it(`"${name}" replies "${value}"`, async () => {
      const user = userEvent.setup();
      const onReply = vi.fn<(reply: PermissionReply) => void>();
      render(() => <PermissionCard request={permissionAsked} onReply={onReply} />);
      await user.click(screen.getByRole("button", { name }));
      expect(onReply).toHaveBeenCalledExactlyOnceWith(value);
    });
  }

  it("disables every button while the reply is in flight, and after it went through", async () => {
    const user = userEvent.setup();
    const reply = deferred();
    const onReply = vi.fn(() => reply.promise);
    render(() => <PermissionCard request={permissionAsked} onReply={onReply} />);
    for (const button of buttons()) expect(button).toBeEnabled();

    await user.click(screen.getByRole("button", { name: "Allow once" }));
    for (const button of buttons()) expect(button).toBeDisabled();
    expect(screen.getByRole("status")).toHaveTextContent("Sending…");
    await user.click(screen.getByRole("button", { name: "Reject" }));
    expect(onReply).toHaveBeenCalledTimes(1);

    reply.resolve();
    await vi.waitFor(() => expect(screen.queryByRole("status")).toBeNull());
    for (const button of buttons()) expect(button).toBeDisabled();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("says so when the reply fails, and lets the user try again", async () => {
    const user = userEvent.setup();
    const onReply = vi
      .fn<(reply: PermissionReply) => Promise<void>>()
      .mockRejectedValueOnce(new Error("the server answered 404"))
      .mockResolvedValueOnce();
    render(() => <PermissionCard request={permissionAsked} onReply={onReply} />);

    await user.click(screen.getByRole("button", { name: "Always allow" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Could not send your reply: the server answered 404. Try again.");
    for (const button of buttons()) expect(button).toBeEnabled();

    await user.click(screen.getByRole("button", { name: "Always allow" }));
    await vi.waitFor(() => expect(screen.queryByRole("alert")).toBeNull());
    expect(onReply).toHaveBeenNthCalledWith(2, "always");
  });
});
