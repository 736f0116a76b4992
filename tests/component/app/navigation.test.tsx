/**
 * Which session is shown, through the real router: the URL owns it, and clicks, closes, new sessions
 * and deep links only ever move the URL. Each case here failed while the URL, an `activeSession`
 * signal and the tablists' own auto-selection all decided it.
 */
import "../shell/setup";
import { fireEvent, render, screen, waitFor, within } from "@solidjs/testing-library";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "../../../src/routes/app";
import { connectedRig, rig, session } from "./rig";

/** Lets the router, effects and any queued follow-up settle, so a wrong second owner shows itself. */
async function settle() {
  for (let i = 0; i < 5; i++) await new Promise((done) => setTimeout(done, 0));
}

const sessionsTab = () => screen.getByRole("tablist", { name: "Sessions" });
const selectedSession = () => within(sessionsTab()).queryByRole("tab", { selected: true });
const openTabs = () =>
  within(sessionsTab())
    .queryAllByRole("tab")
    .map((tab) => tab.textContent?.trim());

/** The app at `path`, with the server connected and sessions A, B, C known (A, B, C open as tabs). */
async function openApp(path: (id: string) => string, openTabsFor: string[] = ["ses_a", "ses_b", "ses_c"]) {
  const parts = await connectedRig([
    session("ses_p", "Review checkout"),
    session("ses_a", "Alpha"),
    session("ses_b", "Beta"),
    session("ses_c", "Gamma"),
  ]);
  for (const id of openTabsFor) parts.board.openSession(parts.id, id);
  window.history.replaceState(null, "", path(parts.id));
  render(() => <App switchboard={parts.board} />);
  await screen.findByRole("tablist", { name: "Instances" });
  return { ...parts, user: userEvent.setup() };
}

// Solid warns when the page makes a computation outside any owner (a memo made in an event handler,
// e.g. by an inline ternary prop read while closing a tab): each one is never disposed.
let warn: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  warn = vi.spyOn(console, "warn");
});
afterEach(() => {
  const leaks = warn.mock.calls.filter((args: unknown[]) => String(args[0]).includes("computations created outside"));
  warn.mockRestore();
  expect(leaks, "computations made outside an owner").toEqual([]);
});

describe("which session is shown", () => {
  it("closing the shown tab with its × shows the tab after it, and the closed one stays closed", async () => {
    const { id, user, board, dispose } = await openApp((id) => `/i/${id}/s/ses_b`);
    await waitFor(() => expect(selectedSession()).toHaveAccessibleName("Beta"));
    await user.click(screen.getByTitle("Close Beta (Delete)"));
    await waitFor(() => expect(window.location.pathname).toBe(`/i/${id}/s/ses_c`));
    await settle();
    expect(openTabs()).toEqual(["Alpha", "Gamma"]);
    expect(selectedSession()).toHaveAccessibleName("Gamma");
    expect(board.tabs[id]).toEqual(["ses_a", "ses_c"]);
    expect(window.location.pathname).toBe(`/i/${id}/s/ses_c`);
    dispose();
  });

  it("closing the last tab with Delete shows the one before it and moves the focus there", async () => {
    const { id, user, dispose } = await openApp((id) => `/i/${id}/s/ses_c`);
    await waitFor(() => expect(selectedSession()).toHaveAccessibleName("Gamma"));
    within(sessionsTab()).getByRole("tab", { name: "Gamma" }).focus();
    await user.keyboard("{Delete}");
    await waitFor(() => expect(window.location.pathname).toBe(`/i/${id}/s/ses_b`));
    await settle();
    expect(openTabs()).toEqual(["Alpha", "Beta"]);
    expect(selectedSession()).toHaveAccessibleName("Beta");
    await waitFor(() => expect(within(sessionsTab()).getByRole("tab", { name: "Beta" })).toHaveFocus());
    dispose();
  });

  it("closing a tab that is not shown leaves the shown one alone", async () => {
    const { id, user, dispose } = await openApp((id) => `/i/${id}/s/ses_b`);
    await waitFor(() => expect(selectedSession()).toHaveAccessibleName("Beta"));
    await user.click(screen.getByTitle("Close Alpha (Delete)"));
    await settle();
    expect(openTabs()).toEqual(["Beta", "Gamma"]);
    expect(window.location.pathname).toBe(`/i/${id}/s/ses_b`);
    dispose();
  });

  it("on the instance's own page, no tab is picked for the user; one click in the list shows that session and it stays", async () => {
    const { id, user, dispose } = await openApp((id) => `/i/${id}`);
    await screen.findByText(/Open a session from the list/);
    await settle();
    expect(window.location.pathname).toBe(`/i/${id}`);
    expect(selectedSession()).toBeNull();
    await user.click(await screen.findByRole("link", { name: /Review checkout/ }));
    await waitFor(() => expect(window.location.pathname).toBe(`/i/${id}/s/ses_p`));
    await settle();
    expect(window.location.pathname).toBe(`/i/${id}/s/ses_p`);
    expect(selectedSession()).toHaveAccessibleName("Review checkout");
    await user.click(screen.getByRole("link", { name: /Alpha/ }));
    await waitFor(() => expect(window.location.pathname).toBe(`/i/${id}/s/ses_a`));
    await settle();
    expect(selectedSession()).toHaveAccessibleName("Alpha");
    dispose();
  });

  it("an instance's tab leads back to the session last shown there", async () => {
    const { id, user, dispose } = await openApp((id) => `/i/${id}/s/ses_a`);
    await waitFor(() => expect(selectedSession()).toHaveAccessibleName("Alpha"));
    await user.click(screen.getByRole("link", { name: /Beta/ }));
    await waitFor(() => expect(selectedSession()).toHaveAccessibleName("Beta"));
    // Another page of the app (here: the home page), then back through the instance's tab.
    window.history.pushState(null, "", "/i/not-added-9");
    fireEvent(window, new PopStateEvent("popstate"));
    await screen.findByText(/not added here/);
    await user.click(within(screen.getByRole("tablist", { name: "Instances" })).getByRole("tab", { name: /:4096/ }));
    await waitFor(() => expect(window.location.pathname).toBe(`/i/${id}/s/ses_b`));
    dispose();
  });

  it("a second New session shows the new session, and the next prompt goes to it", async () => {
    const { id, user, server, dispose } = await openApp((id) => `/i/${id}`, []);
    const newSession = await screen.findByRole("button", { name: "New session" });
    await user.click(newSession);
    await waitFor(() => expect(window.location.pathname).toBe(`/i/${id}/s/ses_new1`));
    await user.click(newSession);
    await waitFor(() => expect(window.location.pathname).toBe(`/i/${id}/s/ses_new2`));
    await waitFor(() => expect(selectedSession()).toHaveAccessibleName("New session 2"));
    expect(openTabs()).toEqual(["New session 1", "New session 2"]);
    await user.type(await screen.findByRole("textbox", { name: "Message" }, { timeout: 10_000 }), "hello{Enter}");
    await waitFor(() => expect(server.prompts.map((p) => p.sessionID)).toEqual(["ses_new2"]));
    dispose();
  });
});

describe("New session", () => {
  it("puts the caret in the new session's Message box, so typing goes there", async () => {
    const { id, user, dispose } = await openApp((id) => `/i/${id}`, ["ses_a"]);
    await user.click(await screen.findByRole("button", { name: "New session" }));
    await waitFor(() => expect(window.location.pathname).toBe(`/i/${id}/s/ses_new1`));
    const box = await screen.findByRole("textbox", { name: "Message" }, { timeout: 10_000 });
    await waitFor(() => expect(box).toHaveFocus());
    await user.keyboard("typed without a click");
    expect(box).toHaveValue("typed without a click");
    dispose();
  });
});

describe("sending", () => {
  it("reads busy from the moment the prompt is sent: Send is off and Stop on before the server says anything", async () => {
    const { id, user, board, server, dispose } = await openApp((id) => `/i/${id}/s/ses_a`, ["ses_a"]);
    let answer!: (response: Response) => void;
    server.answerPrompts(() => new Promise((done) => (answer = done)));
    const box = await screen.findByRole("textbox", { name: "Message" }, { timeout: 10_000 });
    await user.type(box, "first{Enter}");
    await waitFor(() => expect(server.prompts).toHaveLength(1));
    answer(new Response(null, { status: 204 }));
    await waitFor(() => expect(screen.getByRole("button", { name: "Stop" })).toBeEnabled());
    await user.type(box, "second{Enter}");
    await settle();
    expect(screen.getByRole("button", { name: "Send" })).toBeDisabled();
    expect(server.prompts).toHaveLength(1);
    expect(board.runtime(id)!.store.state.status.ses_a?.type).toBe("busy");
    dispose();
  });

  it("a refused prompt puts the session back to idle and keeps the text", async () => {
    const { id, user, board, server, dispose } = await openApp((id) => `/i/${id}/s/ses_a`, ["ses_a"]);
    server.answerPrompts(
      () => new Response(JSON.stringify({ message: "nope" }), { status: 500, headers: { "content-type": "application/json" } }),
    );
    const box = await screen.findByRole("textbox", { name: "Message" }, { timeout: 10_000 });
    await user.type(box, "will fail{Enter}");
    await screen.findByRole("alert");
    expect(board.runtime(id)!.store.state.status.ses_a?.type ?? "idle").toBe("idle");
    expect(screen.getByRole("button", { name: "Stop" })).toBeDisabled();
    expect(box).toHaveValue("will fail");
    dispose();
  });
});

describe("deep links that lead nowhere", () => {
  it("a session the server does not have says so, and shows no other session", async () => {
    const { id, dispose } = await openApp((id) => `/i/${id}/s/ses_bogus`);
    expect(await screen.findByText(/ses_bogus is not on this server/)).toBeInTheDocument();
    await settle();
    expect(selectedSession()).toBeNull();
    expect(window.location.pathname).toBe(`/i/${id}/s/ses_bogus`);
    dispose();
  });

  it("an instance that is not added says so and offers to add it, then shows the linked session", async () => {
    const { board, server, sources, dispose } = rig([session("ses_a", "Alpha")]);
    window.history.replaceState(null, "", "/i/127-0-0-1-4096/s/ses_a");
    render(() => <App switchboard={board} />);
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("This link is for a server that is not added here: http://127.0.0.1:4096.");
    expect(screen.queryByText(/Watch and drive your OpenCode servers/)).not.toBeInTheDocument();
    await userEvent.setup().click(within(alert).getByRole("button", { name: "Add http://127.0.0.1:4096" }));
    await waitFor(() => expect(sources).toHaveLength(1));
    sources[0].open();
    await waitFor(() => expect(selectedSession()).toHaveAccessibleName("Alpha"));
    expect(window.location.pathname).toBe("/i/127-0-0-1-4096/s/ses_a");
    expect(server.requests).toContain("GET /global/health");
    dispose();
  });

  it("an instance id that names no address still says it is not added, next to the servers that are", async () => {
    const { dispose } = await openApp(() => "/i/%E0%A4%A");
    expect(await screen.findByRole("alert")).toHaveTextContent("This link is for a server that is not added here");
    expect(within(screen.getByRole("tablist", { name: "Instances" })).getByRole("tab", { name: /:4096/ })).toHaveAttribute(
      "aria-selected",
      "false",
    );
    dispose();
  });
});
