import "./setup";
import { render, screen, waitFor, within } from "@solidjs/testing-library";
import userEvent from "@testing-library/user-event";
import { createSignal } from "solid-js";
import { describe, expect, it, vi } from "vitest";
import { InstanceTabs, type InstanceTabInfo } from "../../../src/ui/instance-tabs";

const local: InstanceTabInfo = {
  id: "127-0-0-1-4096",
  host: ":4096",
  url: "http://127.0.0.1:4096",
  status: { state: "connected", since: 1 },
  version: "1.18.33",
  projects: ["/home/dev/alpha"],
  waiting: 0,
};
const remote: InstanceTabInfo = {
  id: "devbox-lan-4096",
  label: "devbox",
  host: "devbox.lan:4096",
  url: "http://devbox.lan:4096",
  status: { state: "reconnecting", attempt: 2, maxAttempts: 5, nextAttemptAt: 0 },
  projects: [],
  waiting: 2,
};

function setup(active = local.id) {
  const onSelect = vi.fn();
  const user = userEvent.setup();
  const [current, setCurrent] = createSignal<string | undefined>(active);
  render(() => (
    <InstanceTabs
      instances={[local, remote]}
      active={current()}
      onSelect={(id) => {
        onSelect(id);
        setCurrent(id);
      }}
    >
      <p>Panel of {current()}</p>
    </InstanceTabs>
  ));
  return { user, onSelect };
}

/**
 * Kobalte's tooltip starts window timers as it closes; closing it while the test's DOM still exists
 * keeps them from firing after the file's environment is gone (an "window is not defined" error).
 */
async function closeTooltip(user: ReturnType<typeof userEvent.setup>) {
  await user.keyboard("{Escape}");
  await waitFor(() => expect(screen.queryByRole("tooltip")).not.toBeInTheDocument());
}

describe("InstanceTabs", () => {
  it("is a tablist named Instances with one tab per server, named by label and host", () => {
    setup();
    const list = screen.getByRole("tablist", { name: "Instances" });
    const tabs = within(list).getAllByRole("tab");
    expect(tabs).toHaveLength(2);
    expect(tabs[0]).toHaveAccessibleName(":4096 Connected");
    expect(tabs[1]).toHaveAccessibleName(/^devbox devbox\.lan:4096 Reconnecting: attempt 2 of 5 2 waiting for you$/);
  });

  it("puts the live connection status inside each tab", () => {
    setup();
    const [first, second] = screen.getAllByRole("tab");
    expect(within(first).getByRole("status")).toHaveAttribute("data-state", "connected");
    expect(within(first).getByRole("status")).toHaveTextContent(/^Connected/);
    expect(within(second).getByRole("status")).toHaveAttribute("data-state", "reconnecting");
    expect(within(second).getByRole("status")).toHaveTextContent(/^Reconnecting: attempt 2 of 5/);
  });

  it("says how many requests wait for the user, in words", () => {
    setup();
    const [first, second] = screen.getAllByRole("tab");
    expect(second).toHaveTextContent("2 waiting for you");
    expect(first).not.toHaveTextContent("waiting for you");
  });

  it("marks the active tab selected and shows its panel", () => {
    setup(remote.id);
    expect(screen.getByRole("tab", { selected: true })).toHaveAccessibleName(/^devbox/);
    expect(screen.getByRole("tabpanel")).toHaveTextContent(`Panel of ${remote.id}`);
  });

  it("selects a server on click", async () => {
    const { user, onSelect } = setup();
    await user.click(screen.getAllByRole("tab")[1]);
    expect(onSelect).toHaveBeenCalledWith(remote.id);
    expect(screen.getByRole("tab", { selected: true })).toHaveAccessibleName(/^devbox/);
  });

  it("moves between servers with the arrow keys", async () => {
    const { user, onSelect } = setup();
    const [first, second] = screen.getAllByRole("tab");
    first.focus();
    await user.keyboard("{ArrowRight}");
    expect(second).toHaveFocus();
    expect(onSelect).toHaveBeenLastCalledWith(remote.id);
  });

  it("tells the URL, version and projects of a server when its tab is hovered", async () => {
    const { user } = setup();
    await user.hover(screen.getAllByRole("tab")[0]);
    const tooltip = await screen.findByRole("tooltip", {}, { timeout: 2_000 });
    expect(tooltip).toHaveTextContent("http://127.0.0.1:4096");
    expect(tooltip).toHaveTextContent("OpenCode 1.18.33");
    expect(within(tooltip).getByRole("listitem")).toHaveTextContent("/home/dev/alpha");
    await closeTooltip(user);
  });

  it("says the version is unknown when the probe did not get it", async () => {
    const { user } = setup();
    await user.hover(screen.getAllByRole("tab")[1]);
    const tooltip = await screen.findByRole("tooltip", {}, { timeout: 2_000 });
    expect(tooltip).toHaveTextContent("http://devbox.lan:4096");
    expect(tooltip).toHaveTextContent("OpenCode version unknown");
    expect(within(tooltip).queryByRole("listitem")).not.toBeInTheDocument();
    await closeTooltip(user);
  });

  // The card sits over the top of the panel, where an instance in trouble says why and offers Retry.
  it("closes the card as soon as the pointer leaves the tab, and lets the pointer through it", async () => {
    const { user } = setup();
    await user.hover(screen.getAllByRole("tab")[0]);
    const tooltip = await screen.findByRole("tooltip", {}, { timeout: 2_000 });
    expect(tooltip.className).toContain("pointer-events-none");
    await user.hover(screen.getByText(/Panel of/));
    expect(screen.queryByRole("tooltip")).not.toBeInTheDocument();
  });

  it("shows no card for the selected tab of a server in trouble: its panel says more", async () => {
    const { user } = setup(remote.id);
    // A healthy tab still shows its card…
    await user.hover(screen.getAllByRole("tab")[0]);
    await screen.findByRole("tooltip", {}, { timeout: 2_000 });
    await user.unhover(screen.getAllByRole("tab")[0]);
    // …the selected, reconnecting one does not, for at least twice its opening delay.
    await user.hover(screen.getAllByRole("tab")[1]);
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(screen.queryByRole("tooltip")).not.toBeInTheDocument();
  });

  it("shows no panel when no server is active", () => {
    render(() => (
      <InstanceTabs instances={[local]} active={undefined} onSelect={vi.fn()}>
        <p>hidden panel</p>
      </InstanceTabs>
    ));
    expect(screen.queryByRole("tabpanel")).not.toBeInTheDocument();
    expect(screen.queryByText("hidden panel")).not.toBeInTheDocument();
  });
});
