import "../shell/setup";
import "./viewport";
import { Route, Router } from "@solidjs/router";
import { fireEvent, render, screen, within } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { describe, expect, it } from "vitest";
import type { MergedFilter, MergedRow } from "../../../src/app/merged";
import { formatAgo, MERGED_ROW_PX, MergedList } from "../../../src/ui/merged-list";

const row = (i: number, extra: Partial<MergedRow> = {}): MergedRow => ({
  key: `4096 ses_${i}`,
  instanceId: "4096",
  sessionId: `ses_${i}`,
  title: `Session ${i}`,
  directory: "/home/dev/alpha",
  server: ":4096",
  badges: [],
  updated: 0,
  cost: undefined,
  depth: 0,
  haystack: "",
  ...extra,
});

function renderList(
  rows: MergedRow[] | (() => MergedRow[]),
  extra: { onQuery?: (q: string) => void; onFilter?: (f: MergedFilter) => void } = {},
) {
  const [filter, setFilter] = createSignal<MergedFilter>("all");
  const list = typeof rows === "function" ? rows : () => rows;
  render(() => (
    <Router>
      <Route
        path="*"
        component={() => (
          <MergedList
            rows={list()}
            total={list().length}
            query=""
            onQuery={extra.onQuery ?? (() => undefined)}
            filter={filter()}
            onFilter={(value) => (setFilter(value), extra.onFilter?.(value))}
            href={(r) => `/i/${r.instanceId}/s/${r.sessionId}`}
            now={3_600_000}
          />
        )}
      />
    </Router>
  ));
  return screen.getByRole("region", { name: "All sessions" });
}

describe("MergedList", () => {
  it("names each session's link by its title and shows directory, server, badges, activity and cost", { timeout: 30_000 }, () => {
    const region = renderList([
      row(1, { badges: ["busy", "permission"], cost: 0.5, updated: 3_300_000 }),
      row(2, { depth: 1, title: "Explore tests" }),
    ]);
    const link = within(region).getByRole("link", { name: "Session 1" });
    expect(link).toHaveAttribute("href", "/i/4096/s/ses_1");
    const item = link.closest("li")!;
    expect(item).toHaveTextContent(/busy.*needs you/);
    expect(item).toHaveTextContent("/home/dev/alpha");
    expect(item).toHaveTextContent(":4096");
    expect(item).toHaveTextContent("5 min ago");
    expect(item).toHaveTextContent("$0.50");
    const child = within(region).getByRole("link", { name: "Explore tests" }).closest("li")!;
    expect(child).toHaveTextContent("↳");
    // The nesting is said, not only drawn; the link keeps the title as its name.
    expect(child).toHaveTextContent("subagent:");
    expect(within(region).getByRole("link", { name: "Session 1" }).closest("li")).not.toHaveTextContent("subagent");
    expect(child).toHaveTextContent("—");
  });

  it("keeps the DOM bounded: 5,000 sessions draw only the rows near the viewport", () => {
    const region = renderList(Array.from({ length: 5000 }, (_, i) => row(i)));
    const items = within(region).getAllByRole("listitem");
    expect(items.length).toBeGreaterThan(5);
    expect(items.length).toBeLessThan(40);
    expect(items[0]).toHaveAttribute("aria-setsize", "5000");
    expect(within(region).getByText("5,000 sessions")).toBeInTheDocument();
  });

  it("keeps the drawn item of a row that only moved or did not change, and draws again the one that changed", () => {
    const first = [row(1), row(2), row(3), row(4)];
    const [rows, setRows] = createSignal(first);
    const region = renderList(rows);
    const item = (title: string) => within(region).getByRole("link", { name: title }).closest("li")!;
    const before = first.map((r) => item(r.title));
    // Session 3 became active: it moves to the top, the rows it passed move down one.
    setRows([first[2], first[0], first[1], first[3]]);
    for (const [i, r] of first.entries()) expect(item(r.title)).toBe(before[i]);
    expect(item("Session 3")).toHaveAttribute("aria-posinset", "1");
    expect(item("Session 1")).toHaveAttribute("aria-posinset", "2");
    expect(item("Session 1").style.transform).toBe(`translateY(${MERGED_ROW_PX}px)`);
    // Session 2 became busy: the page hands a new object for it, and only its item is drawn again.
    setRows([first[2], first[0], { ...first[1], badges: ["busy"] }, first[3]]);
    expect(item("Session 2")).not.toBe(before[1]);
    expect(item("Session 2")).toHaveTextContent("busy");
    for (const i of [0, 2, 3]) expect(item(first[i].title)).toBe(before[i]);
  });

  it("reports what is typed and toggles one filter at a time", async () => {
    const queries: string[] = [];
    const filters: MergedFilter[] = [];
    const region = renderList([row(1)], { onQuery: (q) => queries.push(q), onFilter: (f) => filters.push(f) });
    fireEvent.input(within(region).getByRole("searchbox", { name: "Search sessions" }), { target: { value: "abc" } });
    expect(queries).toEqual(["abc"]);
    const needsYou = within(region).getByRole("button", { name: "Needs you" });
    fireEvent.click(needsYou);
    expect(needsYou).toHaveAttribute("aria-pressed", "true");
    fireEvent.click(within(region).getByRole("button", { name: "Errors" }));
    expect(needsYou).toHaveAttribute("aria-pressed", "false");
    fireEvent.click(within(region).getByRole("button", { name: "Errors" }));
    expect(filters).toEqual(["needs-you", "errors", "all"]);
  });
});

describe("formatAgo", () => {
  it("says last activity the way a person scans it", () => {
    expect(formatAgo(1000, 30_000)).toBe("just now");
    expect(formatAgo(0, 5 * 60_000)).toBe("5 min ago");
    expect(formatAgo(0, 3 * 3_600_000)).toBe("3 h ago");
    expect(formatAgo(0, 2 * 86_400_000)).toBe("2 d ago");
  });
});
