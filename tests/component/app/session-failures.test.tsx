/**
 * What a session page shows when the server fails it: a history that could not be loaded is a
 * sentence with a Retry (not an empty session), through the real router and switchboard.
 */
import "../shell/setup";
import { render, screen, waitFor, within } from "@solidjs/testing-library";
import userEvent from "@testing-library/user-event";
import { beforeAll, describe, expect, it } from "vitest";
import { App } from "../../../src/routes/app";
import { loadSessionView } from "../../../src/routes/lazy-session-view";
import { rig, session } from "./rig";

// The session view is its own chunk; on a busy machine importing it takes seconds. Load it first.
beforeAll(() => loadSessionView(), 60_000);

describe("a session whose history cannot be loaded", () => {
  it("says why, offers Retry, and shows the history once Retry works", { timeout: 30_000 }, async () => {
    let failing = true;
    const parts = rig(
      [session("ses_p", "Review checkout")],
      [(_, url) => (failing && url.pathname === "/session/ses_p/message" ? new Response("overloaded", { status: 503 }) : undefined)],
    );
    await parts.board.connect({ address: "4096", password: "", rememberPassword: false, label: "" });
    const id = parts.board.order()[0];
    window.history.replaceState(null, "", `/i/${id}/s/ses_p`);
    render(() => <App switchboard={parts.board} />);
    parts.sources[0].open();

    const alert = await screen.findByRole("alert", {}, { timeout: 10_000 });
    expect(alert).toHaveTextContent(/^Could not load this session's messages: .*HTTP 503/);
    failing = false;
    await userEvent.setup().click(within(alert).getByRole("button", { name: "Retry" }));
    await waitFor(() => expect(screen.queryByText(/Could not load this session's messages/)).toBeNull());
    expect(parts.board.runtime(id)!.store.state.messages.ses_p).toHaveLength(1);
    parts.dispose();
  });
});

describe("a deep link to a session named like an Object.prototype member", () => {
  it.each(["constructor", "toString", "__proto__"])(
    "/s/%s says the session is not there, opens no tab and saves none",
    { timeout: 30_000 },
    async (name) => {
      const parts = rig([session("ses_p", "Review checkout")]);
      await parts.board.connect({ address: "4096", password: "", rememberPassword: false, label: "" });
      const id = parts.board.order()[0];
      window.history.replaceState(null, "", `/i/${id}/s/${encodeURIComponent(name)}`);
      render(() => <App switchboard={parts.board} />);
      parts.sources[0].open();
      expect(await screen.findByText(new RegExp(`Session ${name} is not on this server`), {}, { timeout: 10_000 })).toBeInTheDocument();
      expect(parts.board.tabs[id] ?? []).toEqual([]);
      expect(parts.storage.getItem("switchboard.tabs") ?? "{}").not.toContain(name);
      parts.dispose();
    },
  );
});
