import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render, screen, within } from "@solidjs/testing-library";
import { TodoList, TodoPanel } from "../../../src/ui/parts/todo-list";
import { todos } from "../../fixtures/parts";

afterEach(cleanup);

describe("TodoList", () => {
  it("lists the captured todos with their status in words", () => {
    render(() => <TodoList todos={todos} />);
    const items = within(screen.getByRole("list", { name: "Todos" })).getAllByRole("listitem");
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent("In progress");
    expect(items[0]).toHaveTextContent("First fake todo");
    expect(items[0]).toHaveTextContent("high priority");
    expect(items[1]).toHaveTextContent("To do");
    expect(items[1]).toHaveTextContent("Second fake todo");
    expect(items[1]).not.toHaveTextContent("high priority");
  });

  it("says Done and Cancelled, and shows unknown statuses as sent", () => {
    render(() => (
      <TodoList
        todos={[
          { content: "a", status: "completed", priority: "low" },
          { content: "b", status: "cancelled", priority: "low" },
          { content: "c", status: "blocked", priority: "medium" },
        ]}
      />
    ));
    const items = screen.getAllByRole("listitem");
    expect(items.map((item) => item.textContent)).toEqual([
      expect.stringContaining("Done"),
      expect.stringContaining("Cancelled"),
      expect.stringContaining("blocked"),
    ]);
  });
});

describe("TodoPanel", () => {
  it("is a region named Todos holding the list", () => {
    render(() => <TodoPanel todos={todos} />);
    const region = screen.getByRole("region", { name: "Todos" });
    expect(within(region).getAllByRole("listitem")).toHaveLength(2);
  });

  it("draws nothing without todos", () => {
    render(() => <TodoPanel todos={[]} />);
    expect(screen.queryByRole("region")).toBeNull();
  });
});
