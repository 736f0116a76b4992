/**
 * The whole app in jsdom, with only the network faked: a fake EventSource the test drives and a fake
 * fetch that answers like a real server (shapes from tests/fixtures/rest). Covers what no single
 * component owns: adding an instance, resync on connect, deep links, and a subagent's child session
 * opening its own tab when its parent's tab is open.
 */
import "../shell/setup";
import { render, screen, waitFor, within } from "@solidjs/testing-library";
import { describe, expect, it } from "vitest";
import { App } from "../../../src/routes/app";
import { connectedRig, DIR, rig, session } from "./rig";

describe("the switchboard", () => {
  it("adds a server by port, connects, and reloads its sessions over REST on connect", async () => {
    const { board, server, sources, dispose } = rig([session("ses_b", "Fix the login bug")]);
    expect(await board.connect({ address: "4096", password: "", rememberPassword: false, label: "" })).toBeUndefined();
    expect(sources[0].url).toBe("http://127.0.0.1:4096/global/event");
    sources[0].open();
    const runtime = board.runtime(board.order()[0])!;
    expect(runtime.status().state).toBe("connected");
    await waitFor(() => expect(runtime.store.state.sessions.ses_b?.title).toBe("Fix the login bug"));
    expect(server.requests).toContain("GET /experimental/session");
    dispose();
    board.dispose();
  });

  it("loads an opened session's history once, however often the page asks while it loads", async () => {
    const { board, server, id, runtime, dispose } = await connectedRig([session("ses_p", "Review checkout")]);
    board.openSession(id, "ses_p");
    board.openSession(id, "ses_p");
    await waitFor(() => expect(runtime.isLoaded("ses_p")).toBe(true));
    board.openSession(id, "ses_p");
    expect(server.requests.filter((r) => r === "GET /session/ses_p/message")).toHaveLength(1);
    expect(runtime.store.state.messages.ses_p).toHaveLength(1);
    dispose();
    board.dispose();
  });

  it("says so when a deep link names a session the server does not have, instead of loading forever", async () => {
    const { board, sources, dispose } = rig([session("ses_p", "Review checkout")]);
    await board.connect({ address: "4096", password: "", rememberPassword: false, label: "" });
    const id = board.order()[0];
    window.history.replaceState(null, "", `/i/${id}/s/ses_gone`);
    render(() => <App switchboard={board} />);
    expect(await screen.findByText("Loading the session…")).toBeInTheDocument();
    sources[0].open();
    expect(await screen.findByText(/ses_gone is not on this server/)).toBeInTheDocument();
    dispose();
    board.dispose();
  });

  it("keeps the page it has when a session is opened from the list, instead of building it again", async () => {
    const { board, id, dispose } = await connectedRig([session("ses_p", "Review checkout")]);
    window.history.replaceState(null, "", `/i/${id}`);
    render(() => <App switchboard={board} />);
    const instances = await screen.findByRole("tablist", { name: "Instances" });
    const addButton = screen.getByRole("button", { name: "Add instance" });
    (await screen.findByRole("link", { name: /Review checkout/ })).click();
    await waitFor(() => expect(window.location.pathname).toBe(`/i/${id}/s/ses_p`));
    await within(await screen.findByRole("tablist", { name: "Sessions" })).findByRole("tab", { name: /Review checkout/ });
    // The same elements, not equal new ones: the shell stayed mounted across the navigation.
    expect(screen.getByRole("tablist", { name: "Instances" })).toBe(instances);
    expect(screen.getByRole("button", { name: "Add instance" })).toBe(addButton);
    dispose();
    board.dispose();
  });

  it("says why an address was refused and adds nothing", async () => {
    const { board, dispose } = rig([]);
    expect(await board.connect({ address: "99999", password: "", rememberPassword: false, label: "" })).toMatch(/not a port/);
    expect(board.order()).toEqual([]);
    dispose();
    board.dispose();
  });

  it("opens a subagent's child session in its own tab when the parent's tab is open, and not otherwise", async () => {
    const parent = session("ses_p", "Review checkout");
    const stranger = session("ses_s", "Unrelated work");
    const { board, sources, id, dispose } = await connectedRig([parent, stranger]);
    board.openSession(id, "ses_p");

    sources[0].send({ id: "evt_1", type: "session.created", properties: { sessionID: "ses_c", info: session("ses_c", "Check the checkout flow (@general subagent)", { parentID: "ses_p" }) } }, DIR);
    sources[0].send({ id: "evt_2", type: "session.created", properties: { sessionID: "ses_x", info: session("ses_x", "Someone else's child", { parentID: "ses_s" }) } }, DIR);
    await waitFor(() => expect(board.tabs[id]).toEqual(["ses_p", "ses_c"]));
    dispose();
    board.dispose();
  });

  it("renders the child's tab by itself in the Sessions tablist, with a link back to its parent", async () => {
    const parent = session("ses_p", "Review checkout");
    const { board, sources, id, dispose } = await connectedRig([parent]);
    window.history.replaceState(null, "", `/i/${id}/s/ses_p`);
    render(() => <App switchboard={board} />);

    const sessions = await screen.findByRole("tablist", { name: "Sessions" });
    await within(sessions).findByRole("tab", { name: /Review checkout/ });
    await screen.findByRole("log", { name: "Messages" }, { timeout: 3000 });
    // jsdom lays nothing out, so the virtual list draws no rows here: check the loaded history in the store.
    await waitFor(() => expect(board.runtime(id)!.store.state.messages.ses_p?.length).toBe(1));

    sources[0].send({ id: "evt_1", type: "session.created", properties: { sessionID: "ses_c", info: session("ses_c", "Check the checkout flow (@general subagent)", { parentID: "ses_p" }) } }, DIR);
    const childTab = await within(sessions).findByRole("tab", { name: /Check the checkout flow/ });
    // The child opens beside its parent without taking the page away from it.
    expect(window.location.pathname).toBe(`/i/${id}/s/ses_p`);
    expect(within(sessions).getByRole("tab", { selected: true })).toHaveAccessibleName(/Review checkout/);
    expect(within(screen.getByRole("tablist", { name: "Instances" })).getByRole("tab", { name: /:4096/ })).toBeInTheDocument();
    childTab.click();
    await waitFor(() => expect(window.location.pathname).toBe(`/i/${id}/s/ses_c`));
    await screen.findByRole("link", { name: /Parent session: Review checkout/ });
    dispose();
    board.dispose();
  });
});
