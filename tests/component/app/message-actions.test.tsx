/**
 * The message toolbar and Share, wired through the whole app (real router, switchboard and store,
 * only the network faked): what each action asks the server, where the page goes, and what it shows.
 */
import "../shell/setup";
import { render, screen, waitFor, within } from "@solidjs/testing-library";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { sessionPrefs } from "../../../src/app/session-prefs";
import { App } from "../../../src/routes/app";
import { loadSessionView } from "../../../src/routes/lazy-session-view";
import { json, rig, session, type Route } from "./rig";

beforeAll(() => loadSessionView(), 60_000);
// jsdom lays nothing out: give every element a size, so the virtual list draws its rows.
const sized = ["clientWidth", "clientHeight", "offsetWidth", "offsetHeight"] as const;
const originals = new Map<string, PropertyDescriptor | undefined>();
beforeEach(() => {
  for (const name of sized) {
    originals.set(name, Object.getOwnPropertyDescriptor(HTMLElement.prototype, name));
    Object.defineProperty(HTMLElement.prototype, name, { configurable: true, get: () => 800 });
  }
});
afterEach(() => {
  vi.restoreAllMocks();
  for (const name of sized) {
    const original = originals.get(name);
    if (original) Object.defineProperty(HTMLElement.prototype, name, original);
    else delete (HTMLElement.prototype as unknown as Record<string, unknown>)[name];
  }
});

const model = { providerID: "fake", modelID: "fake-model" };
function message(sessionID: string, id: string, role: "user" | "assistant", words: string) {
  const info =
    role === "user"
      ? { id, sessionID, role, time: { created: 1 }, agent: "build", model }
      : {
          id,
          sessionID,
          role,
          time: { created: 1, completed: 2 },
          parentID: "x",
          modelID: "fake-model",
          providerID: "fake",
          mode: "build",
          agent: "build",
          path: { cwd: "/", root: "/" },
          cost: 0,
          tokens: { input: 1, output: 1, reasoning: 0, cache: { read: 0, write: 0 } },
        };
  return { info, parts: [{ id: `prt_${id}`, sessionID, messageID: id, type: "text", text: words }] };
}
const TWO_EXCHANGES = [
  message("ses_p", "msg_1", "user", "First prompt"),
  message("ses_p", "msg_2", "assistant", "First answer"),
  message("ses_p", "msg_3", "user", "Second prompt"),
  message("ses_p", "msg_4", "assistant", "Second answer"),
];

async function open(routes: Route[]) {
  const history: Route = (_, url) => (url.pathname === "/session/ses_p/message" ? json(TWO_EXCHANGES) : undefined);
  const parts = rig([session("ses_p", "Review checkout")], [...routes, history]);
  await parts.board.connect({ address: "4096", password: "", rememberPassword: false, label: "" });
  const id = parts.board.order()[0];
  window.history.replaceState(null, "", `/i/${id}/s/ses_p`);
  render(() => <App switchboard={parts.board} />);
  parts.sources[0].open();
  await screen.findByText("Second answer", {}, { timeout: 10_000 });
  return { ...parts, id, user: userEvent.setup() };
}

const article = (words: string) => screen.getByText(words).closest("article")!;

describe("the message toolbar, wired", () => {
  it(
    "Fork from here forks before that prompt, opens the fork's tab through the router, with the prompt as its draft",
    { timeout: 30_000 },
    async () => {
      const fork = session("ses_fork", "Review checkout (fork #1)");
      const { server, id, user, board, dispose } = await open([
        (request, url) => (request.method === "POST" && url.pathname === "/session/ses_p/fork" ? json(fork) : undefined),
        (_, url) =>
          url.pathname === "/session/ses_fork/message"
            ? json(TWO_EXCHANGES.slice(0, 2).map((each) => ({ ...each, info: { ...each.info, sessionID: "ses_fork" } })))
            : undefined,
      ]);
      await user.click(within(article("Second prompt")).getByRole("button", { name: "Fork from here" }));
      await waitFor(() => expect(window.location.pathname).toBe(`/i/${id}/s/ses_fork`));
      expect(server.bodies.find((each) => each.path === "/session/ses_p/fork")?.body).toEqual({ messageID: "msg_3" });
      expect(board.tabs[id]).toContain("ses_fork");
      await waitFor(() => expect(screen.getByRole("textbox", { name: "Message" })).toHaveValue("Second prompt"));
      expect(sessionPrefs().get(id, "ses_fork").draft).toBe("Second prompt");
      await screen.findByText("First answer");
      expect(screen.queryByText("Second answer")).toBeNull();
      dispose();
    },
  );

  it("Revert to here hides that prompt and what followed, and Redo asks the server to bring it back", { timeout: 30_000 }, async () => {
    const { server, user, dispose } = await open([
      (request, url) =>
        request.method === "POST" && url.pathname === "/session/ses_p/revert"
          ? json(session("ses_p", "Review checkout", { revert: { messageID: "msg_3" } }))
          : undefined,
      (request, url) =>
        request.method === "POST" && url.pathname === "/session/ses_p/unrevert" ? json(session("ses_p", "Review checkout")) : undefined,
    ]);
    expect(screen.getByRole("button", { name: "Redo" })).toBeDisabled();
    await user.click(within(article("Second prompt")).getByRole("button", { name: "Revert to here" }));
    await waitFor(() => expect(screen.queryByText("Second answer")).toBeNull());
    expect(server.bodies.find((each) => each.path === "/session/ses_p/revert")?.body).toEqual({ messageID: "msg_3" });
    expect(screen.getByText("First answer")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Redo" }));
    await screen.findByText("Second answer");
    expect(server.requests).toContain("POST /session/ses_p/unrevert");
    dispose();
  });

  it("a failed revert is a sentence on the message, and the session stays as the server has it", { timeout: 30_000 }, async () => {
    const { user, dispose } = await open([
      (request, url) =>
        request.method === "POST" && url.pathname === "/session/ses_p/revert"
          ? json({ name: "BusyError", data: { message: "Session ses_p is busy" } }, 400)
          : undefined,
    ]);
    await user.click(within(article("Second prompt")).getByRole("button", { name: "Revert to here" }));
    expect(await within(article("Second prompt")).findByRole("alert")).toHaveTextContent(
      "Could not revert the session to this message (HTTP 400): Session ses_p is busy.",
    );
    expect(screen.getByText("Second answer")).toBeInTheDocument();
    dispose();
  });

  it("Copy puts an answer's words on the clipboard and says Copied", { timeout: 30_000 }, async () => {
    const { user, dispose } = await open([]);
    const writeText = vi.fn(async () => undefined);
    vi.spyOn(navigator, "clipboard", "get").mockReturnValue({ writeText } as unknown as Clipboard);
    const answer = article("First answer");
    expect(within(answer).queryByRole("button", { name: "Fork from here" })).toBeNull();
    await user.click(within(answer).getByRole("button", { name: "Copy" }));
    expect(writeText).toHaveBeenCalledWith("First answer");
    expect(await within(answer).findByRole("status")).toHaveTextContent("Copied");
    dispose();
  });
});

describe("Share, wired", () => {
  it("says sharing is off when the server's config turns it off", { timeout: 30_000 }, async () => {
    const { server, user, dispose } = await open([(_, url) => (url.pathname === "/config" ? json({ share: "disabled" }) : undefined)]);
    // Not read as the session opens (only the prompt's catalogue reads the config then): a browser
    // gives one server six connections, and the session's first requests already take them.
    const configReads = () => server.requests.filter((each) => each === "GET /config").length;
    const before = configReads();
    expect(before).toBeLessThanOrEqual(1);
    await user.click(screen.getByRole("button", { name: "Share" }));
    expect(await screen.findByRole("alertdialog", { name: "Sharing is turned off on this server" })).toBeInTheDocument();
    expect(configReads()).toBe(before + 1);
    expect(server.requests.filter((each) => each.endsWith("/share"))).toEqual([]);
    dispose();
  });

  it(
    "publishes after the confirmation, shows the link, and Unshare takes it down even though the server's answer still carries it",
    { timeout: 30_000 },
    async () => {
      const shared = session("ses_p", "Review checkout", { share: { url: "https://opncd.ai/s/abc" } });
      const { user, dispose } = await open([
        (_, url) => (url.pathname === "/config" ? json({ share: "manual" }) : undefined),
        // 1.18.33 answers an unshare with the old link still in the session.
        (_, url) => (url.pathname === "/session/ses_p/share" ? json(shared) : undefined),
      ]);
      await user.click(screen.getByRole("button", { name: "Share" }));
      await user.click(await screen.findByRole("button", { name: "Publish" }));
      const link = await screen.findByRole("link", { name: /Shared/ });
      expect(link).toHaveAttribute("href", "https://opncd.ai/s/abc");
      await user.click(screen.getByRole("button", { name: "Unshare" }));
      await waitFor(() => expect(screen.queryByRole("link", { name: /Shared/ })).toBeNull());
      expect(screen.getByRole("button", { name: "Share" })).toBeInTheDocument();
      dispose();
    },
  );

  it("a share the server cannot publish is a sentence in the dialog that says it needs the internet", { timeout: 30_000 }, async () => {
    const { user, dispose } = await open([
      (_, url) => (url.pathname === "/config" ? json({}) : undefined),
      (_, url) => (url.pathname === "/session/ses_p/share" ? json({ _tag: "InternalServerError" }, 500) : undefined),
    ]);
    await user.click(screen.getByRole("button", { name: "Share" }));
    await user.click(await screen.findByRole("button", { name: "Publish" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Could not share the session (HTTP 500). Nothing was published. The OpenCode server must reach its share service on the internet to share",
    );
    expect(screen.queryByRole("link", { name: /Shared/ })).toBeNull();
    dispose();
  });
});

describe("attachments, wired", () => {
  it("wait in their session's prompt box while another session's tab is shown", { timeout: 30_000 }, async () => {
    const parts = rig([session("ses_p", "Review checkout"), session("ses_q", "Other work")]);
    await parts.board.connect({ address: "4096", password: "", rememberPassword: false, label: "" });
    const id = parts.board.order()[0];
    parts.board.openSession(id, "ses_q");
    window.history.replaceState(null, "", `/i/${id}/s/ses_p`);
    render(() => <App switchboard={parts.board} />);
    parts.sources[0].open();
    const user = userEvent.setup();
    await screen.findByText("History of ses_p", {}, { timeout: 10_000 });
    const input = document.querySelector<HTMLInputElement>('input[type="file"]')!;
    await user.upload(input, new File(["notes"], "notes.txt", { type: "text/plain" }));
    await screen.findByRole("button", { name: "Remove notes.txt" });

    const tabs = screen.getByRole("tablist", { name: "Sessions" });
    await user.click(within(tabs).getByRole("tab", { name: /Other work/ }));
    await screen.findByText("History of ses_q");
    expect(screen.queryByRole("list", { name: "Attachments" })).toBeNull();
    await user.click(within(tabs).getByRole("tab", { name: /Review checkout/ }));
    await screen.findByText("History of ses_p");
    expect(within(screen.getByRole("list", { name: "Attachments" })).getByText("notes.txt")).toBeInTheDocument();
    parts.dispose();
  });
});
