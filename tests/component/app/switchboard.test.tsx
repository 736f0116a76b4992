/**
 * The whole app in jsdom, with only the network faked: a fake EventSource the test drives and a fake
 * fetch that answers like a real server (shapes from tests/fixtures/rest). Covers what no single
 * component owns: adding an instance, resync on connect, deep links, and a subagent's child session
 * opening its own tab when its parent's tab is open.
 */
import "../shell/setup";
import { render, screen, waitFor, within } from "@solidjs/testing-library";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "../../../src/routes/app";
import { connectedRig, DIR, rig, rigWith, session } from "./rig";

describe("the switchboard", () => {
  it("adds a server by port, connects, and reloads its sessions over REST on connect", async () => {
    const { board, server, sources, dispose } = rig([session("ses_b", "Fix the login bug")]);
    expect(await board.connect({ address: "4096", password: "", rememberPassword: false, label: "" })).toEqual({
      instanceId: "127-0-0-1-4096",
    });
    expect(sources[0].url).toBe("http://127.0.0.1:4096/global/event");
    sources[0].open();
    const runtime = board.runtime(board.order()[0])!;
    expect(runtime.status().state).toBe("connected");
    await waitFor(() => expect(runtime.store.state.sessions.ses_b?.title).toBe("Fix the login bug"));
    expect(server.requests).toContain("GET /experimental/session");
    dispose();
  });

  it("loads an opened session's history once, however often the page asks while it loads", async () => {
    const { board, server, id, runtime, dispose } = await connectedRig([session("ses_p", "Review checkout")]);
    board.openSession(id, "ses_p");
    board.openSession(id, "ses_p");
    await waitFor(() => expect(runtime.isLoaded("ses_p")).toBe(true));
    board.openSession(id, "ses_p");
    expect(server.requests.filter((r) => r === "GET /session/ses_p/message")).toHaveLength(1);
    expect(runtime.store.state.messages.ses_p).toHaveLength(1);
    // With its todos: the panel must not depend on having watched the todowrite call stream by.
    expect(server.requests.filter((r) => r === "GET /session/ses_p/todo")).toHaveLength(1);
    expect(runtime.store.state.todos.ses_p).toEqual([{ content: "Ship it", status: "pending", priority: "high" }]);
    dispose();
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
  });

  it("says why an address was refused and adds nothing", async () => {
    const { board, dispose } = rig([]);
    expect(await board.connect({ address: "99999", password: "", rememberPassword: false, label: "" })).toEqual({
      error: expect.stringMatching(/not a port/),
    });
    expect(board.order()).toEqual([]);
    dispose();
  });

  it("treats localhost, 127.0.0.1 and [::1] with one port as one server: says so and selects it", async () => {
    const { board, server, dispose } = rig([]);
    window.history.replaceState(null, "", "/");
    render(() => <App switchboard={board} />);
    const user = userEvent.setup();
    const add = async (address: string) => {
      await user.click(await screen.findByRole("button", { name: "Add instance" }));
      const dialog = await screen.findByRole("dialog");
      await user.type(within(dialog).getByRole("textbox", { name: "Port or URL" }), `${address.replace(/[[{]/g, "$&$&")}{Enter}`);
      await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    };
    await add("4096");
    await add("4097");
    await waitFor(() => expect(window.location.pathname).toBe("/i/127-0-0-1-4097"));
    const probes = server.requests.filter((r) => r === "GET /global/health").length;
    const instances = await screen.findByRole("tablist", { name: "Instances" });
    for (const address of ["localhost:4096", "http://[::1]:4096/"]) {
      (await within(instances).findByRole("tab", { name: /:4097/ })).click();
      await waitFor(() => expect(window.location.pathname).toBe("/i/127-0-0-1-4097"));
      await add(address);
      const notice = await screen.findByText("Port 4096 is already added; it is selected.");
      expect(notice).toHaveAttribute("role", "status");
      await waitFor(() => expect(window.location.pathname).toBe("/i/127-0-0-1-4096"));
      await waitFor(() => expect(within(instances).getByRole("tab", { name: /:4096/ })).toHaveAttribute("aria-selected", "true"));
    }
    expect(within(instances).getAllByRole("tab", { hidden: true, name: /:409/ })).toHaveLength(2);
    expect(board.order()).toEqual(["127-0-0-1-4096", "127-0-0-1-4097"]);
    // Nothing new to learn about a server already added: no second probe.
    expect(server.requests.filter((r) => r === "GET /global/health").length).toBe(probes);
    dispose();
  }, 30_000);

  it("has one live status per instance: the panel shows the countdown without announcing it again", async () => {
    const { board, sources, id, dispose } = await connectedRig([session("ses_p", "Review checkout")]);
    window.history.replaceState(null, "", `/i/${id}`);
    render(() => <App switchboard={board} />);
    await screen.findByRole("tablist", { name: "Instances" });
    sources[0].error();
    await waitFor(() => expect(screen.getAllByText(/^Reconnecting/).length).toBeGreaterThan(1));
    const live = screen.getAllByRole("status").filter((element) => element.dataset.state);
    expect(live).toHaveLength(1);
    expect(live[0]).toHaveTextContent(/^Reconnecting: attempt 2 of \d+$/);
    expect(screen.getByText(/next try in \d+ s/)).toBeInTheDocument();
    dispose();
  });

  it("asks for the password on the page of a server that wants one, opened without it", async () => {
    const expected = `Basic ${btoa("opencode:secret")}`;
    const { server, storage, dispose } = rig([session("ses_p", "Review checkout")]);
    const open = server.fetch;
    // A server started with OPENCODE_SERVER_PASSWORD=secret.
    server.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(input, init);
      return request.headers.get("authorization") === expected ? open(request) : new Response("Unauthorized", { status: 401 });
    }) as typeof fetch;
    // Added in another browser tab, password not remembered: this tab has the address only.
    storage.setItem("switchboard.instances", JSON.stringify([{ id: "127-0-0-1-4096", baseUrl: "http://127.0.0.1:4096" }]));
    dispose();
    const again = rigWith(server, storage);
    window.history.replaceState(null, "", "/i/127-0-0-1-4096");
    render(() => <App switchboard={again.board} />);
    again.sources[0].error();
    const form = await screen.findByRole("form", { name: "Password for :4096" });
    const user = userEvent.setup();
    await user.type(within(form).getByLabelText("Password"), "wrong");
    await user.click(within(form).getByRole("button", { name: "Connect" }));
    expect(await within(form).findByRole("alert")).toHaveTextContent(/refused the password/);
    await user.clear(within(form).getByLabelText("Password"));
    await user.type(within(form).getByLabelText("Password"), "secret");
    await user.click(within(form).getByRole("button", { name: "Connect" }));
    await waitFor(() => expect(again.sources).toHaveLength(2));
    expect(again.streamInits[1].headers?.Authorization).toBe(expected);
    expect(again.sources[1].url).not.toContain("auth_token");
    again.sources[1].open();
    await waitFor(() => expect(screen.queryByRole("form", { name: /Password for/ })).not.toBeInTheDocument());
    await screen.findByRole("link", { name: /Review checkout/ });
    again.dispose();
  });

  it("opens a subagent's child session in its own tab when the parent's tab is open, and not otherwise", async () => {
    const parent = session("ses_p", "Review checkout");
    const stranger = session("ses_s", "Unrelated work");
    const { board, sources, id, dispose } = await connectedRig([parent, stranger]);
    board.openSession(id, "ses_p");

    sources[0].send(
      {
        id: "evt_1",
        type: "session.created",
        properties: { sessionID: "ses_c", info: session("ses_c", "Check the checkout flow (@general subagent)", { parentID: "ses_p" }) },
      },
      DIR,
    );
    sources[0].send(
      {
        id: "evt_2",
        type: "session.created",
        properties: { sessionID: "ses_x", info: session("ses_x", "Someone else's child", { parentID: "ses_s" }) },
      },
      DIR,
    );
    await waitFor(() => expect(board.tabs[id]).toEqual(["ses_p", "ses_c"]));
    dispose();
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

    sources[0].send(
      {
        id: "evt_1",
        type: "session.created",
        properties: { sessionID: "ses_c", info: session("ses_c", "Check the checkout flow (@general subagent)", { parentID: "ses_p" }) },
      },
      DIR,
    );
    const childTab = await within(sessions).findByRole("tab", { name: /Check the checkout flow/ });
    // The child opens beside its parent without taking the page away from it.
    expect(window.location.pathname).toBe(`/i/${id}/s/ses_p`);
    expect(within(sessions).getByRole("tab", { selected: true })).toHaveAccessibleName(/Review checkout/);
    expect(within(screen.getByRole("tablist", { name: "Instances" })).getByRole("tab", { name: /:4096/ })).toBeInTheDocument();
    childTab.click();
    await waitFor(() => expect(window.location.pathname).toBe(`/i/${id}/s/ses_c`));
    await screen.findByRole("link", { name: /Parent session: Review checkout/ });
    dispose();
  });
});
