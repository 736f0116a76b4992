import "./setup";
import { render, screen, within } from "@solidjs/testing-library";
import userEvent from "@testing-library/user-event";
import { createMemoryHistory, MemoryRouter, Route } from "@solidjs/router";
import type { JSX } from "solid-js";
import { describe, expect, it } from "vitest";
import { SessionList, type SessionGroup } from "../../../src/ui/session-list";

const href = (id: string) => `/i/local/s/${id}`;

const groups: SessionGroup[] = [
  {
    directory: "/home/dev/alpha",
    sessions: [
      { id: "ses_v2", title: "v2 check", href: href("ses_v2"), updated: 3, badges: [], children: [] },
      {
        id: "ses_task",
        title: "task test",
        href: href("ses_task"),
        updated: 2,
        badges: ["busy"],
        children: [
          {
            id: "ses_child",
            title: "Fake subagent job",
            href: href("ses_child"),
            updated: 2,
            badges: ["permission"],
            children: [{ id: "ses_grandchild", title: "Deeper job", href: href("ses_grandchild"), updated: 1, badges: [], children: [] }],
          },
        ],
      },
    ],
  },
  {
    directory: "/home/dev/beta",
    sessions: [{ id: "ses_beta", title: "beta work", href: href("ses_beta"), updated: 1, badges: ["retrying", "error"], children: [] }],
  },
];

/** Renders inside a memory router (SessionList uses `<A>`), returning the history to watch navigation. */
function renderRouted(ui: () => JSX.Element, at = "/i/local") {
  const history = createMemoryHistory();
  history.set({ value: at, scroll: false, replace: true });
  render(() => (
    <MemoryRouter history={history}>
      <Route path="*" component={ui} />
    </MemoryRouter>
  ));
  return history;
}

/** The link rows directly inside a list item's nested list. */
const childLinks = (link: HTMLElement) => {
  const nested = link.closest("li")!.querySelector(":scope > ul");
  return nested
    ? within(nested as HTMLElement)
        .getAllByRole("link")
        .map((a) => a.getAttribute("href"))
    : [];
};

describe("SessionList", () => {
  it("is a navigation landmark with one section per project directory", () => {
    renderRouted(() => <SessionList groups={groups} />);
    const nav = screen.getByRole("navigation", { name: "Sessions by project" });
    const sections = within(nav).getAllByRole("region");
    expect(sections.map((s) => s.getAttribute("aria-label"))).toEqual(["Project /home/dev/alpha", "Project /home/dev/beta"]);
    expect(within(sections[0]).getByRole("heading", { name: "alpha /home/dev/alpha" })).toBeInTheDocument();
  });

  it("lists sessions as links named by title (and badges) to their pages, in the given order", () => {
    renderRouted(() => <SessionList groups={groups} />);
    const alpha = screen.getByRole("region", { name: "Project /home/dev/alpha" });
    const links = within(alpha).getAllByRole("link");
    expect(links.map((a) => a.textContent?.replace("↳", "").trim())).toEqual([
      "v2 check",
      "task test busy",
      "Fake subagent job needs you",
      "Deeper job",
    ]);
    expect(screen.getByRole("link", { name: "v2 check" })).toHaveAttribute("href", "/i/local/s/ses_v2");
    expect(screen.getByRole("link", { name: "task test busy" })).toHaveAttribute("href", "/i/local/s/ses_task");
    expect(screen.getByRole("link", { name: "beta work retrying error" })).toHaveAttribute("href", "/i/local/s/ses_beta");
  });

  it("nests child sessions in a list under their parent", () => {
    renderRouted(() => <SessionList groups={groups} />);
    const parent = screen.getByRole("link", { name: "task test busy" });
    expect(childLinks(parent)).toEqual(["/i/local/s/ses_child", "/i/local/s/ses_grandchild"]);
    const child = screen.getByRole("link", { name: "Fake subagent job needs you" });
    expect(childLinks(child)).toEqual(["/i/local/s/ses_grandchild"]);
    expect(childLinks(screen.getByRole("link", { name: "v2 check" }))).toEqual([]);
    // The ↳ marker is decoration only.
    expect(within(child).getByText("↳")).toHaveAttribute("aria-hidden", "true");
  });

  it("marks the open session as the current page", () => {
    renderRouted(() => <SessionList groups={groups} active="ses_child" />);
    expect(screen.getByRole("link", { name: "Fake subagent job needs you" })).toHaveAttribute("aria-current", "page");
    expect(screen.getByRole("link", { name: "v2 check" })).not.toHaveAttribute("aria-current");
  });

  it("opens a session by clicking its link", async () => {
    const history = renderRouted(() => <SessionList groups={groups} />);
    await userEvent.setup().click(screen.getByRole("link", { name: "beta work retrying error" }));
    expect(history.get()).toBe("/i/local/s/ses_beta");
  });

  it("says how to start when there are no sessions", () => {
    renderRouted(() => <SessionList groups={[]} />);
    expect(screen.getByRole("navigation", { name: "Sessions by project" })).toHaveTextContent(
      "No sessions yet. Start one with “New session”.",
    );
    expect(screen.queryByRole("link")).not.toBeInTheDocument();
  });
});
