import "./setup";
import { render, screen, within } from "@solidjs/testing-library";
import userEvent from "@testing-library/user-event";
import { createSignal } from "solid-js";
import { describe, expect, it, vi } from "vitest";
import { SessionTabs, type SessionTabInfo } from "../../../src/ui/session-tabs";

const sessions: SessionTabInfo[] = [
  { id: "ses_task", title: "task test", badges: ["busy"], isChild: false },
  { id: "ses_child", title: "Fake subagent job", badges: ["permission", "busy"], isChild: true },
  { id: "ses_err", title: "fail400", badges: ["error"], isChild: false },
];

function setup(active: string | undefined, list: SessionTabInfo[] = sessions) {
  const onSelect = vi.fn();
  const onClose = vi.fn();
  const [current, setCurrent] = createSignal(active);
  render(() => (
    <SessionTabs
      sessions={list}
      active={current()}
      onSelect={(id) => {
        onSelect(id);
        setCurrent(id);
      }}
      onClose={onClose}
    >
      <p>Messages of {current()}</p>
    </SessionTabs>
  ));
  return { user: userEvent.setup(), onSelect, onClose };
}

describe("SessionTabs", () => {
  it("is a tablist named Sessions with one tab per open session, named by its title", () => {
    setup("ses_task");
    const tabs = within(screen.getByRole("tablist", { name: "Sessions" })).getAllByRole("tab");
    // Only "needs you" and "error" are worth a badge on a tab; busy shows in the session itself.
    expect(tabs.map((t) => t.textContent?.replace("↳", "").trim())).toEqual(["task test", "Fake subagent job needs you", "fail400 error"]);
    expect(screen.getByRole("tab", { name: "task test" })).toBeInTheDocument();
    expect(screen.getByRole("tab", { name: "Fake subagent job needs you" })).toBeInTheDocument();
    expect(screen.getByRole("tab", { name: "fail400 error" })).toBeInTheDocument();
  });

  it("marks a child session with a decorative arrow only", () => {
    setup("ses_task");
    const child = screen.getByRole("tab", { name: "Fake subagent job needs you" });
    expect(within(child).getByText("↳")).toHaveAttribute("aria-hidden", "true");
    expect(within(screen.getByRole("tab", { name: "task test" })).queryByText("↳")).not.toBeInTheDocument();
  });

  it("holds nothing but tabs for assistive tech: each × is hidden and out of the Tab order", () => {
    setup("ses_task");
    const tablist = screen.getByRole("tablist", { name: "Sessions" });
    expect(within(tablist).queryAllByRole("button")).toEqual([]);
    const crosses = within(tablist).getAllByRole("button", { hidden: true });
    expect(crosses.map((b) => b.getAttribute("title"))).toEqual([
      "Close task test (Delete)",
      "Close Fake subagent job (Delete)",
      "Close fail400 (Delete)",
    ]);
    for (const cross of crosses) {
      expect(cross).toHaveAttribute("aria-hidden", "true");
      expect(cross).toHaveAttribute("tabindex", "-1");
    }
    for (const tab of within(tablist).getAllByRole("tab")) expect(tab).toHaveAttribute("aria-keyshortcuts", "Delete");
  });

  it("closes a tab with a click on its ×, without selecting it", async () => {
    const { user, onSelect, onClose } = setup("ses_task");
    await user.click(screen.getByTitle("Close Fake subagent job (Delete)"));
    expect(onClose).toHaveBeenCalledWith("ses_child");
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(onSelect).not.toHaveBeenCalled();
  });

  it("closes the focused tab with Delete and gives focus to the tab selected after it", async () => {
    const onClose = vi.fn();
    const [list, setList] = createSignal(sessions);
    const [current, setCurrent] = createSignal<string | undefined>("ses_child");
    render(() => (
      <SessionTabs
        sessions={list()}
        active={current()}
        onSelect={setCurrent}
        onClose={(id) => {
          onClose(id);
          setList((all) => all.filter((s) => s.id !== id));
          setCurrent("ses_err");
        }}
      >
        <p>Messages of {current()}</p>
      </SessionTabs>
    ));
    const user = userEvent.setup();
    screen.getByRole("tab", { name: "Fake subagent job needs you" }).focus();
    await user.keyboard("{Delete}");
    expect(onClose).toHaveBeenCalledWith("ses_child");
    expect(screen.queryByRole("tab", { name: /Fake subagent job/ })).not.toBeInTheDocument();
    await vi.waitFor(() => expect(screen.getByRole("tab", { name: "fail400 error" })).toHaveFocus());
  });

  it("shows the active session selected with its panel", () => {
    setup("ses_err");
    expect(screen.getByRole("tab", { selected: true })).toHaveAccessibleName("fail400 error");
    const panel = screen.getByRole("tabpanel");
    expect(panel).toHaveTextContent("Messages of ses_err");
    expect(screen.getByRole("tab", { selected: true })).toHaveAttribute("aria-controls", panel.id);
    expect(panel).toHaveAccessibleName("fail400 error");
  });

  it("switches session on click", async () => {
    const { user, onSelect } = setup("ses_task");
    await user.click(screen.getByRole("tab", { name: "fail400 error" }));
    expect(onSelect).toHaveBeenCalledWith("ses_err");
    expect(screen.getByRole("tabpanel")).toHaveTextContent("Messages of ses_err");
  });

  it("moves between tabs with the arrow keys", async () => {
    const { user, onSelect } = setup("ses_task");
    screen.getByRole("tab", { name: "task test" }).focus();
    await user.keyboard("{ArrowRight}");
    expect(screen.getByRole("tab", { name: "Fake subagent job needs you" })).toHaveFocus();
    expect(onSelect).toHaveBeenLastCalledWith("ses_child");
  });

  // An empty strip drew its bottom border as a stray line across the top of an empty main area.
  it("draws no strip and no panel while no session is open or shown, only what the page shows instead", () => {
    setup(undefined, []);
    expect(screen.queryByRole("tablist")).not.toBeInTheDocument();
    expect(screen.queryByRole("tab")).not.toBeInTheDocument();
    expect(screen.queryByRole("tabpanel")).not.toBeInTheDocument();
    expect(screen.getByText(/Messages of/)).toBeInTheDocument();
  });

  it("shows the panel of a session being opened before its tab exists", () => {
    setup("ses_new", []);
    expect(screen.queryByRole("tablist")).not.toBeInTheDocument();
    expect(screen.getByRole("tabpanel")).toHaveTextContent("Messages of ses_new");
  });
});
