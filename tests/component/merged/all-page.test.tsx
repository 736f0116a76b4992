/**
 * The "All servers" page through the real router, with two fake servers: one list for both, a click
 * that routes to the server owning the session, and a permission answered in "Needs you".
 */
import "../shell/setup";
import "./viewport";
import { render, screen, waitFor, within } from "@solidjs/testing-library";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "../../../src/routes/app";
import { session } from "../app/rig";
import { twoServers } from "./two-servers";

const instanceTabs = () => screen.getByRole("tablist", { name: "Instances" });
const allSessions = () => screen.getByRole("region", { name: "All sessions" });
const titles = () =>
  within(allSessions())
    .queryAllByRole("link")
    .map((link) => link.textContent);

async function openAll(path = "/") {
  const rig = await twoServers(
    [
      session("ses_a1", "Review checkout", { time: { created: 1, updated: 300 } }),
      session("ses_a2", "Fix login", { time: { created: 1, updated: 100 } }),
    ],
    [session("ses_b1", "Write docs", { directory: "/srv/site", time: { created: 1, updated: 200 } })],
  );
  window.history.replaceState(null, "", path);
  render(() => <App switchboard={rig.board} />);
  await screen.findByRole("region", { name: "All sessions" });
  return { ...rig, user: userEvent.setup() };
}

// Each case renders the whole app against two fake servers: seconds on a loaded 2-core machine.
describe("the All servers page", () => {
  it(
    "is the first Instances tab and the home page with two servers, listing both servers' sessions newest first",
    { timeout: 30_000 },
    async () => {
      const { stream, cleanup } = await openAll("/");
      const tabs = within(instanceTabs()).getAllByRole("tab");
      expect(tabs[0]).toHaveAccessibleName("All servers");
      expect(tabs[0]).toHaveAttribute("aria-selected", "true");
      await waitFor(() => expect(titles()).toEqual(["Review checkout", "Write docs", "Fix login"]));
      const docs = within(allSessions()).getByRole("link", { name: "Write docs" }).closest("li")!;
      expect(docs).toHaveTextContent("/srv/site");
      expect(docs).toHaveTextContent(":4097");
      // A renamed, newly active session moves to the top under its new title.
      stream("4097").send(
        {
          type: "session.updated",
          properties: { info: session("ses_b1", "Write better docs", { directory: "/srv/site", time: { created: 1, updated: 400 } }) },
        },
        "/srv/site",
      );
      await waitFor(() => expect(titles()).toEqual(["Write better docs", "Review checkout", "Fix login"]));
      cleanup();
    },
  );

  it(
    "opens a session on the server that owns it: its instance tab and its session tab, and a prompt sent there goes to that server",
    { timeout: 30_000 },
    async () => {
      const { user, ids, servers, cleanup } = await openAll("/all");
      await user.click(await within(allSessions()).findByRole("link", { name: "Write docs" }));
      await waitFor(() => expect(window.location.pathname).toBe(`/i/${ids.b}/s/ses_b1`));
      await waitFor(() => expect(within(instanceTabs()).getByRole("tab", { name: /:4097/ })).toHaveAttribute("aria-selected", "true"));
      const sessions = await screen.findByRole("tablist", { name: "Sessions" });
      await waitFor(() => expect(within(sessions).getByRole("tab", { name: /Write docs/ })).toHaveAttribute("aria-selected", "true"));
      await user.type(await screen.findByRole("textbox", { name: "Message" }, { timeout: 10_000 }), "ship it{Enter}");
      await waitFor(() => expect(servers["4097"].prompts.map((p) => p.sessionID)).toEqual(["ses_b1"]));
      expect(servers["4096"].prompts).toEqual([]);
      // Back to the merged view with the keyboard: Home on the Instances tablist.
      within(instanceTabs()).getByRole("tab", { name: /:4097/ }).focus();
      await user.keyboard("{Home}");
      await waitFor(() => expect(window.location.pathname).toBe("/all"));
      expect(within(instanceTabs()).getByRole("tab", { name: "All servers" })).toHaveFocus();
      cleanup();
    },
  );

  it("filters by title and directory as you type, and by status", { timeout: 30_000 }, async () => {
    const { user, board, ids, cleanup } = await openAll("/all");
    const search = within(allSessions()).getByRole("searchbox", { name: "Search sessions" });
    await user.type(search, "site");
    await waitFor(() => expect(titles()).toEqual(["Write docs"]));
    await user.clear(search);
    await user.type(search, "FIX");
    await waitFor(() => expect(titles()).toEqual(["Fix login"]));
    await user.clear(search);
    board.runtime(ids.a)!.store.applyEvents([{ type: "session.status", properties: { sessionID: "ses_a2", status: { type: "busy" } } }]);
    await user.click(within(allSessions()).getByRole("button", { name: "Busy" }));
    await waitFor(() => expect(titles()).toEqual(["Fix login"]));
    expect(within(allSessions()).getByRole("button", { name: "Busy" })).toHaveAttribute("aria-pressed", "true");
    await user.click(within(allSessions()).getByRole("button", { name: "Errors" }));
    await waitFor(() => expect(titles()).toEqual([]));
    expect(within(allSessions()).getByText("No session matches.")).toBeInTheDocument();
    cleanup();
  });

  it(
    "lists a permission from either server in Needs you, counts it in the title, and answers it on its own server",
    { timeout: 30_000 },
    async () => {
      const { user, replies, stream, ids, cleanup } = await openAll("/all");
      const needsYou = screen.getByRole("region", { name: "Needs you" });
      stream("4097").send(
        {
          type: "permission.asked",
          properties: {
            id: "per_01",
            sessionID: "ses_b1",
            permission: "bash",
            patterns: ["ls"],
            metadata: { command: "ls -la" },
            always: ["ls *"],
          },
        },
        "/srv/site",
      );
      await within(needsYou).findByText("ls -la");
      await waitFor(() => expect(document.title).toBe("(1) OpenCode Switchboard"));
      expect(document.querySelector('link[rel="icon"]')?.getAttribute("href")).toMatch(/^data:image\/svg\+xml,/);
      expect(within(instanceTabs()).getByRole("tab", { name: /All servers/ })).toHaveTextContent("1 waiting for you");
      expect(within(needsYou).getByRole("link", { name: "Write docs" })).toHaveAttribute("href", `/i/${ids.b}/s/ses_b1`);
      await user.click(within(needsYou).getByRole("button", { name: "Allow once" }));
      await waitFor(() => expect(replies).toEqual([expect.stringMatching(/^4097 \/permission\/per_01\/reply .*"once"/)]));
      stream("4097").send(
        { type: "permission.replied", properties: { sessionID: "ses_b1", requestID: "per_01", reply: "once" } },
        "/srv/site",
      );
      await within(needsYou).findByText(/Nothing waits for you/);
      await waitFor(() => expect(document.title).toBe("OpenCode Switchboard"));
      cleanup();
    },
  );
});
