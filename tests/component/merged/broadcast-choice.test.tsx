/**
 * Broadcast's Model and Agent through the real router with two fake servers. Its own file: the
 * catalogue of a server and directory is cached for the page's life, as a module-level map.
 */
import "../shell/setup";
import "./viewport";
import { render, screen, waitFor, within } from "@solidjs/testing-library";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "../../../src/routes/app";
import { DIR, session } from "../app/rig";
import { twoServers } from "./two-servers";

describe("Broadcast's model and agent", () => {
  it("offers the models and agents every chosen target has, and sends the chosen ones to each", { timeout: 30_000 }, async () => {
    const rig = await twoServers(
      [session("ses_a1", "Review checkout")],
      [session("ses_b1", "Write docs")],
      {},
      {
        "4096": { models: ["alpha", "shared"], agents: ["build", "plan"] },
        "4097": { models: ["shared", "gamma"], agents: ["build", "plan", "docs"] },
      },
    );
    window.history.replaceState(null, "", "/all");
    render(() => <App switchboard={rig.board} />);
    const user = userEvent.setup();
    await screen.findByRole("region", { name: "All sessions" });
    await user.click(screen.getByRole("button", { name: "Broadcast" }));
    const dialog = await screen.findByRole("dialog");
    const model = within(dialog).getByRole("combobox", { name: "Model" });
    const agent = within(dialog).getByRole("combobox", { name: "Agent" });
    const names = (select: HTMLElement) =>
      within(select)
        .getAllByRole("option")
        .map((option) => option.textContent);
    expect(names(model)).toEqual(["Each server's default"]);

    await user.click(within(dialog).getByRole("checkbox", { name: `:4096 ${DIR}` }));
    await waitFor(() => expect(names(model)).toEqual(["Each server's default", "Fake · alpha", "Fake · shared"]));
    await user.click(within(dialog).getByRole("checkbox", { name: `:4097 ${DIR}` }));
    await waitFor(() => expect(names(model)).toEqual(["Each server's default", "Fake · shared"]));
    await waitFor(() => expect(names(agent)).toEqual(["Each server's default", "build", "plan"]));
    await user.selectOptions(model, "fake/shared");
    await user.selectOptions(agent, "plan");
    await user.type(within(dialog).getByRole("textbox", { name: "Prompt" }), "say: hello");
    await user.click(within(dialog).getByRole("button", { name: "Send to all" }));

    await waitFor(() => {
      expect(rig.servers["4096"].prompts).toHaveLength(1);
      expect(rig.servers["4097"].prompts).toHaveLength(1);
    });
    for (const port of ["4096", "4097"] as const) {
      const body = JSON.parse(rig.servers[port].prompts[0].body);
      expect(body.model).toEqual({ providerID: "fake", modelID: "shared" });
      expect(body.agent).toBe("plan");
    }
    rig.cleanup();
  });

  it("leaves the model and agent to each server when none is chosen", { timeout: 30_000 }, async () => {
    const rig = await twoServers([session("ses_a1", "Review checkout")], [session("ses_b1", "Write docs")]);
    window.history.replaceState(null, "", "/all");
    render(() => <App switchboard={rig.board} />);
    const user = userEvent.setup();
    await screen.findByRole("region", { name: "All sessions" });
    await user.click(screen.getByRole("button", { name: "Broadcast" }));
    const dialog = await screen.findByRole("dialog");
    await user.click(within(dialog).getByRole("checkbox", { name: `:4096 ${DIR}` }));
    await user.type(within(dialog).getByRole("textbox", { name: "Prompt" }), "say: hello");
    await user.click(within(dialog).getByRole("button", { name: "Send to all" }));
    await waitFor(() => expect(rig.servers["4096"].prompts).toHaveLength(1));
    const body = JSON.parse(rig.servers["4096"].prompts[0].body);
    expect(body.model).toBeUndefined();
    expect(body.agent).toBeUndefined();
    rig.cleanup();
  });
});
