import "../shell/setup";
import { render, screen, waitFor } from "@solidjs/testing-library";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { SessionShare, type SessionShareProps } from "../../../src/ui/session-share";

function setup(overrides: Partial<SessionShareProps> = {}) {
  const props: SessionShareProps = {
    enabled: true,
    onShare: vi.fn(async () => undefined),
    onUnshare: vi.fn(async () => undefined),
    ...overrides,
  };
  render(() => <SessionShare {...props} />);
  return { props, user: userEvent.setup() };
}

describe("SessionShare", () => {
  it("says that sharing publishes the session on the internet before it does, and Cancel publishes nothing", async () => {
    const { props, user } = setup();
    await user.click(screen.getByRole("button", { name: "Share" }));
    const dialog = screen.getByRole("alertdialog", { name: "Publish this session on the internet?" });
    expect(dialog).toHaveTextContent("anyone who has the link can read it");
    expect(dialog).toHaveTextContent("OpenCode's share service at https://opncd.ai");
    expect(dialog).toHaveTextContent("it needs internet access");
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(props.onShare).not.toHaveBeenCalled();
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
  });

  it("names the share service the server's config points to", async () => {
    const { user } = setup({ service: "https://share.example.com" });
    await user.click(screen.getByRole("button", { name: "Share" }));
    expect(screen.getByRole("alertdialog")).toHaveTextContent("share service at https://share.example.com");
  });

  it("publishes on Publish and closes", async () => {
    const { props, user } = setup();
    await user.click(screen.getByRole("button", { name: "Share" }));
    await user.click(screen.getByRole("button", { name: "Publish" }));
    expect(props.onShare).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
  });

  it("keeps the dialog open with the failure's sentence", async () => {
    const { user } = setup({
      onShare: vi.fn(async () => Promise.reject(new Error("Could not share the session (HTTP 500). Nothing was published."))),
    });
    await user.click(screen.getByRole("button", { name: "Share" }));
    await user.click(screen.getByRole("button", { name: "Publish" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Could not share the session (HTTP 500). Nothing was published.");
    expect(screen.getByRole("alertdialog")).toBeInTheDocument();
  });

  it("says sharing is turned off on the server, and offers nothing to publish", async () => {
    const { props, user } = setup({ enabled: false });
    await user.click(screen.getByRole("button", { name: "Share" }));
    expect(screen.getByRole("alertdialog", { name: "Sharing is turned off on this server" })).toHaveTextContent(
      "config sets “share” to “disabled”",
    );
    expect(screen.queryByRole("button", { name: "Publish" })).toBeNull();
    await user.click(screen.getByRole("button", { name: "Close" }));
    expect(props.onShare).not.toHaveBeenCalled();
  });

  it("says it is still checking the server's settings, and waits with Publish until it knows", async () => {
    const { props, user } = setup({ enabled: undefined });
    await user.click(screen.getByRole("button", { name: "Share" }));
    expect(screen.getByRole("status")).toHaveTextContent("Checking whether this server allows sharing…");
    expect(screen.getByRole("button", { name: "Publish" })).toBeDisabled();
    expect(props.onShare).not.toHaveBeenCalled();
  });

  it("shows a shared session's link and Unshare, and Unshare's failure", async () => {
    const { props, user } = setup({
      url: "https://opncd.ai/s/abc123",
      onUnshare: vi.fn(async () => Promise.reject(new Error("Could not unshare the session (HTTP 500)."))),
    });
    const link = screen.getByRole("link", { name: /Shared/ });
    expect(link).toHaveAttribute("href", "https://opncd.ai/s/abc123");
    expect(link).toHaveAttribute("rel", expect.stringContaining("noopener"));
    expect(screen.queryByRole("button", { name: "Share" })).toBeNull();
    await user.click(screen.getByRole("button", { name: "Unshare" }));
    expect(props.onUnshare).toHaveBeenCalledTimes(1);
    expect(await screen.findByRole("alert")).toHaveTextContent("Could not unshare the session (HTTP 500).");
  });

  it("does not link a share URL that is not http(s)", () => {
    setup({ url: "javascript:alert(1)" });
    expect(screen.queryByRole("link")).toBeNull();
    expect(screen.getByText(/Shared: javascript:alert\(1\)/)).toBeInTheDocument();
  });
});
