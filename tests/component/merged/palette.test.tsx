/** The command palette through the real router: keyboard only, from Ctrl+K to the session shown. */
import "../shell/setup";
import "./viewport";
import { render, screen, waitFor, within } from "@solidjs/testing-library";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "../../../src/routes/app";
import { session } from "../app/rig";
import { twoServers } from "./two-servers";

async function openApp() {
  const rig = await twoServers([session("ses_a1", "Review checkout")], [session("ses_b1", "Write docs", { directory: "/srv/site" })]);
  window.history.replaceState(null, "", "/all");
  render(() => <App switchboard={rig.board} />);
  await screen.findByRole("region", { name: "All sessions" });
  return { ...rig, user: userEvent.setup() };
}

// Each case renders the whole app against two fake servers: seconds on a loaded 2-core machine.
describe("the Go to palette", () => {
  it("opens with Ctrl+K, finds a session of another server by its title, and Enter shows it there", { timeout: 30_000 }, async () => {
    const { user, ids, cleanup } = await openApp();
    await user.keyboard("{Control>}k{/Control}");
    const dialog = await screen.findByRole("dialog", { name: "Go to" });
    const box = within(dialog).getByRole("combobox");
    await waitFor(() => expect(box).toHaveFocus());
    await user.keyboard("write");
    const options = within(dialog).getAllByRole("option");
    expect(options.map((o) => o.textContent)).toEqual([expect.stringMatching(/^Write docs Session · :4097 · \/srv\/site/)]);
    expect(box).toHaveAttribute("aria-activedescendant", options[0].id);
    await user.keyboard("{Enter}");
    await waitFor(() => expect(window.location.pathname).toBe(`/i/${ids.b}/s/ses_b1`));
    expect(screen.queryByRole("dialog", { name: "Go to" })).toBeNull();
    cleanup();
  });

  it("moves with the arrow keys, opens with Cmd+K too, and reaches a server and the Add instance action", { timeout: 30_000 }, async () => {
    const { user, ids, cleanup } = await openApp();
    await user.keyboard("{Meta>}k{/Meta}");
    const dialog = await screen.findByRole("dialog", { name: "Go to" });
    await user.keyboard("server :40");
    const box = within(dialog).getByRole("combobox");
    const options = () => within(dialog).getAllByRole("option");
    expect(options().map((o) => o.textContent?.split(" Server")[0])).toEqual(["Server :4096", "Server :4097"]);
    await user.keyboard("{ArrowDown}");
    expect(box).toHaveAttribute("aria-activedescendant", options()[1].id);
    expect(options()[1]).toHaveAttribute("aria-selected", "true");
    await user.keyboard("{Enter}");
    await waitFor(() => expect(window.location.pathname).toBe(`/i/${ids.b}`));

    await user.keyboard("{Control>}k{/Control}");
    await user.type(await screen.findByRole("combobox"), "add inst");
    await user.keyboard("{Enter}");
    expect(await screen.findByRole("dialog", { name: "Add an OpenCode server" })).toBeInTheDocument();
    cleanup();
  });

  it("closes on Escape without going anywhere", { timeout: 30_000 }, async () => {
    const { user, cleanup } = await openApp();
    await user.keyboard("{Control>}k{/Control}");
    await screen.findByRole("dialog", { name: "Go to" });
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Go to" })).toBeNull());
    expect(window.location.pathname).toBe("/all");
    cleanup();
  });
});
