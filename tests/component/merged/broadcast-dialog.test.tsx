/** The Broadcast dialog on its own: what it reads while closed, and its checkboxes while targets are listed again. */
import "../shell/setup";
import { render, screen, within } from "@solidjs/testing-library";
import userEvent from "@testing-library/user-event";
import { createSignal } from "solid-js";
import { describe, expect, it } from "vitest";
import type { BroadcastTarget } from "../../../src/app/broadcast";
import { BroadcastDialog } from "../../../src/ui/broadcast-dialog";

const target = (instanceId: string, directory: string): BroadcastTarget => ({
  key: `${instanceId} ${directory}`,
  instanceId,
  server: `:${instanceId}`,
  directory,
});

describe("BroadcastDialog", () => {
  it("reads its targets only while open, and keeps each checkbox (and the focus) while equal targets are listed again", async () => {
    const [targets, setTargets] = createSignal([target("4096", "/srv/a"), target("4097", "/srv/b")]);
    // The page lists every directory of every server on each read: it must not happen while closed.
    let reads = 0;
    const readTargets = () => (reads++, targets());
    render(() => <BroadcastDialog targets={readTargets()} onSend={() => undefined} />);
    setTargets([target("4096", "/srv/a"), target("4097", "/srv/b")]);
    expect(reads).toBe(0);

    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Broadcast" }));
    const dialog = await screen.findByRole("dialog");
    const box = within(dialog).getByRole("checkbox", { name: ":4097 /srv/b" });
    await user.click(box);
    expect(box).toHaveFocus();
    // A session changed somewhere: the page hands new, equal target objects, and one more.
    setTargets([target("4096", "/srv/a"), target("4097", "/srv/b"), target("4097", "/srv/c")]);
    expect(within(dialog).getByRole("checkbox", { name: ":4097 /srv/b" })).toBe(box);
    expect(box).toBeChecked();
    expect(box).toHaveFocus();
    expect(within(dialog).getAllByRole("checkbox")).toHaveLength(3);
    expect(within(dialog).getByText("1 selected")).toBeInTheDocument();
  });
});
