import "../shell/setup";
import { render, screen, waitFor, within } from "@solidjs/testing-library";
import userEvent from "@testing-library/user-event";
import { createSignal } from "solid-js";
import { describe, expect, it } from "vitest";
import type { DiffLayout } from "../../../src/lib/diff-html";
import { ChangesView } from "../../../src/ui/changes-view";

const patch = (file: string, lines: string[]) =>
  [`Index: ${file}`, "===================================================================", `--- ${file}`, `+++ ${file}`, `@@ -0,0 +1,${lines.length} @@`, ...lines.map((l) => `+${l}`), ""].join("\n");

const files = [
  { file: "hello.txt", patch: patch("hello.txt", ["hello from the model"]), additions: 1, deletions: 0, status: "added" as const },
  {
    file: "evil.html",
    patch: patch("evil.html", ['<img src=x onerror="window.__pwned=1">', "<script>window.__pwned=1</script>"]),
    additions: 2,
    deletions: 0,
    status: "added" as const,
  },
  { file: "no-patch.bin", additions: 0, deletions: 0 },
];

function setup() {
  const [layout, setLayout] = createSignal<DiffLayout>("line-by-line");
  render(() => <ChangesView files={files} layout={layout()} onLayout={setLayout} />);
  return { user: userEvent.setup(), layout };
}

describe("ChangesView", () => {
  it("is a region named Changes with one item per changed file and its diff", async () => {
    setup();
    const region = screen.getByRole("region", { name: "Changes" });
    const items = within(region).getAllByRole("listitem");
    expect(items.map((item) => item.getAttribute("aria-label"))).toEqual(["hello.txt", "evil.html", "no-patch.bin"]);
    await waitFor(() => expect(items[0]).toHaveTextContent("hello from the model"));
    expect(items[0]).toHaveTextContent("+1");
    expect(items[2]).toHaveTextContent("The server sent no patch for this file.");
  });

  it("shows file contents as text: markup in a patch never becomes elements", async () => {
    setup();
    const item = screen.getByRole("listitem", { name: "evil.html" });
    await waitFor(() => expect(item).toHaveTextContent("<script>window.__pwned=1</script>"));
    expect(item.querySelector("script, img, [onerror]")).toBeNull();
  });

  it("switches between unified and side by side", async () => {
    const { user, layout } = setup();
    const toggle = screen.getByRole("button", { name: "Side by side" });
    expect(toggle).toHaveAttribute("aria-pressed", "false");
    await user.click(toggle);
    expect(layout()).toBe("side-by-side");
    expect(toggle).toHaveAttribute("aria-pressed", "true");
  });

  it("says when there are no changes", () => {
    render(() => <ChangesView files={[]} layout="line-by-line" onLayout={() => undefined} />);
    expect(screen.getByRole("region", { name: "Changes" })).toHaveTextContent("No changes in this session.");
  });
});
