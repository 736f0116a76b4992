import "../shell/setup";
import { render, screen, waitFor, within } from "@solidjs/testing-library";
import userEvent from "@testing-library/user-event";
import { createSignal } from "solid-js";
import { describe, expect, it, vi } from "vitest";
import type { ChangedFile } from "../../../src/app/changes";
import type { DiffLayout } from "../../../src/lib/diff-html";
import { ChangesView, type ChangesSource, type ChangesViewProps } from "../../../src/ui/changes-view";

/** A patch as opencode 1.18.33 writes it (its headers end in a tab). */
const patch = (file: string, lines: string[]) =>
  [
    `Index: ${file}`,
    "===================================================================",
    `--- ${file}\t`,
    `+++ ${file}\t`,
    `@@ -0,0 +1,${lines.length} @@`,
    ...lines.map((l) => `+${l}`),
    "",
  ].join("\n");

const added = (file: string, lines: string[], at?: number): ChangedFile => ({
  file,
  status: "added",
  additions: lines.length,
  deletions: 0,
  patches: [{ patch: patch(file, lines), at }],
});

const HOSTILE = [
  '<img src=x onerror="window.__pwned=1">',
  "<script>window.__pwned=1</script>",
  '<a href="javascript:window.__pwned=1">x</a>',
];

const files: ChangedFile[] = [
  added("hello.ts", ["export const hello = 'from the model';"]),
  added("evil.html", HOSTILE),
  { file: "no-patch.bin", status: "modified", additions: 0, deletions: 0, patches: [] },
];

function setup(overrides: Partial<ChangesViewProps> = {}) {
  const [layout, setLayout] = createSignal<DiffLayout>("line-by-line");
  const [source, setSource] = createSignal<ChangesSource>("session");
  render(() => (
    <ChangesView
      files={files}
      source={source()}
      onSource={setSource}
      layout={layout()}
      onLayout={setLayout}
      empty="No changes in this session."
      {...overrides}
    />
  ));
  return { user: userEvent.setup(), layout, source };
}

describe("ChangesView", () => {
  it("is a region named Changes with one item per changed file and its diff", async () => {
    setup();
    const region = screen.getByRole("region", { name: "Changes" });
    const items = within(region).getAllByRole("listitem");
    expect(items.map((item) => item.getAttribute("aria-label"))).toEqual(["hello.ts", "evil.html", "no-patch.bin"]);
    await waitFor(() => expect(items[0]).toHaveTextContent("export const hello = 'from the model';"));
    expect(items[0]).toHaveTextContent("added");
    expect(items[0]).toHaveTextContent("+1");
    expect(items[2]).toHaveTextContent("The server sent no patch for this file.");
  });

  it("colours code by the file's language once highlight.js has loaded", async () => {
    setup();
    const item = screen.getByRole("listitem", { name: "hello.ts" });
    await waitFor(() => expect(item.querySelector(".hljs-keyword")).toHaveTextContent("export"), { timeout: 10_000 });
  });

  it("shows file contents as text, highlighted or not: markup in a patch never becomes elements", async () => {
    setup();
    const item = screen.getByRole("listitem", { name: "evil.html" });
    await waitFor(() => expect(item).toHaveTextContent("<script>window.__pwned=1</script>"));
    // .html is highlighted as XML: wait for the colouring, then look again.
    await waitFor(() => expect(item.querySelector(".hljs-tag")).not.toBeNull(), { timeout: 10_000 });
    expect(item).toHaveTextContent('<img src=x onerror="window.__pwned=1">');
    expect(item.querySelector("script, img, a, iframe, [onerror], [href], [src]")).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it("says when a turn's several patches were made", async () => {
    const twice: ChangedFile = {
      ...added("a.txt", ["one"], 1_000),
      patches: [
        { patch: patch("a.txt", ["one"]), at: 1_000 },
        { patch: patch("a.txt", ["two"]), at: 2_000 },
      ],
    };
    setup({ files: [twice] });
    const item = screen.getByRole("listitem", { name: "a.txt" });
    expect(within(item).getAllByText(/^Prompt at /)).toHaveLength(2);
    await waitFor(() => expect(item).toHaveTextContent(/one.*two/));
  });

  it("switches between unified and side by side", async () => {
    const { user, layout } = setup();
    const group = screen.getByRole("radiogroup", { name: "Layout" });
    expect(within(group).getByRole("radio", { name: "Unified" })).toBeChecked();
    await user.click(within(group).getByRole("radio", { name: "Side by side" }));
    expect(layout()).toBe("side-by-side");
    expect(within(group).getByRole("radio", { name: "Side by side" })).toBeChecked();
    const item = screen.getByRole("listitem", { name: "hello.ts" });
    await waitFor(() => expect(item.querySelector(".d2h-file-side-diff")).not.toBeNull());
  });

  it("switches between this session and the working tree, from the keyboard too", async () => {
    const { user, source } = setup();
    const group = screen.getByRole("radiogroup", { name: "Changes of" });
    expect(within(group).getByRole("radio", { name: "This session" })).toBeChecked();
    await user.click(within(group).getByRole("radio", { name: "Working tree" }));
    expect(source()).toBe("tree");
    await user.keyboard("{ArrowLeft}");
    expect(source()).toBe("session");
  });

  it("offers Refresh when it is given one", async () => {
    const onRefresh = vi.fn();
    const { user } = setup({ source: "tree", onRefresh });
    await user.click(screen.getByRole("button", { name: "Refresh" }));
    expect(onRefresh).toHaveBeenCalledOnce();
  });

  it("says what an empty list means, and shows a notice instead of the list", () => {
    setup({ files: [] });
    expect(screen.getByRole("region", { name: "Changes" })).toHaveTextContent("No changes in this session.");
    setup({ files, notice: "/tmp/plain is not a git repository, so there is no working tree to compare with." });
    expect(screen.getAllByRole("region", { name: "Changes" })[1]).toHaveTextContent("/tmp/plain is not a git repository");
    expect(within(screen.getAllByRole("region", { name: "Changes" })[1]).queryAllByRole("listitem")).toHaveLength(0);
  });

  it("shows a failure as an alert", () => {
    setup({ files: [], error: "Could not load the working tree's changes (HTTP 500)." });
    expect(screen.getByRole("alert")).toHaveTextContent("Could not load the working tree's changes (HTTP 500).");
  });

  it("focuses and marks the file a link asked for, and says when it is not there", () => {
    setup({ focus: "evil.html" });
    const item = screen.getByRole("listitem", { name: "evil.html" });
    expect(item).toHaveAttribute("aria-current", "true");
    expect(item).toHaveFocus();
    expect(screen.getByRole("listitem", { name: "hello.ts" })).not.toHaveAttribute("aria-current");
    setup({ focus: "gone.ts" });
    expect(screen.getByRole("status")).toHaveTextContent("gone.ts is not among these changes any more.");
  });
});
