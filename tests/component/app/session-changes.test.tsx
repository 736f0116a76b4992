/**
 * The session's Changes wired through the real router and switchboard, with only the network faked:
 * the session's changes come from its prompts' `summary.diffs`, a changed file in the log links to
 * its diff, the working tree comes from `GET /vcs/diff`, and each failure is a sentence.
 */
import "../shell/setup";
import { cleanup, render, screen, waitFor, within } from "@solidjs/testing-library";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { App } from "../../../src/routes/app";
import { loadSessionView } from "../../../src/routes/lazy-session-view";
import { DIR, json, rig, rigWith, session, type Route } from "./rig";

beforeAll(() => loadSessionView(), 60_000);
// jsdom lays nothing out: give every element a size, so the virtual message list draws its rows.
const sized = ["clientWidth", "clientHeight", "offsetWidth", "offsetHeight"] as const;
const originals = new Map<string, PropertyDescriptor | undefined>();
beforeEach(() => {
  for (const name of sized) {
    originals.set(name, Object.getOwnPropertyDescriptor(HTMLElement.prototype, name));
    Object.defineProperty(HTMLElement.prototype, name, { configurable: true, get: () => 800 });
  }
});
afterEach(() => {
  for (const name of sized) {
    const original = originals.get(name);
    if (original) Object.defineProperty(HTMLElement.prototype, name, original);
    else delete (HTMLElement.prototype as unknown as Record<string, unknown>)[name];
  }
});

const patch = (file: string, line: string) => `Index: ${file}\n===\n--- ${file}\t\n+++ ${file}\t\n@@ -0,0 +1,1 @@\n+${line}\n`;

/** One exchange whose reply wrote src/greet.ts, as GET /session/:id/message answers after the turn. */
const exchange = [
  {
    info: {
      id: "msg_a1",
      sessionID: "ses_c",
      role: "user",
      time: { created: 1 },
      agent: "build",
      model: { providerID: "fake", modelID: "fake-model" },
      summary: {
        diffs: [
          { file: "src/greet.ts", patch: patch("src/greet.ts", "export const greet = 1;"), additions: 1, deletions: 0, status: "added" },
        ],
      },
    },
    parts: [{ id: "prt_a1", sessionID: "ses_c", messageID: "msg_a1", type: "text", text: "write a greeting" }],
  },
  {
    info: {
      id: "msg_a2",
      sessionID: "ses_c",
      role: "assistant",
      parentID: "msg_a1",
      time: { created: 2, completed: 3 },
      modelID: "fake-model",
      providerID: "fake",
      mode: "build",
      agent: "build",
      path: { cwd: DIR, root: DIR },
      cost: 0,
      tokens: { input: 1, output: 1, reasoning: 0, cache: { read: 0, write: 0 } },
    },
    parts: [{ id: "prt_a2", sessionID: "ses_c", messageID: "msg_a2", type: "patch", hash: "abc", files: [`${DIR}/src/greet.ts`] }],
  },
];

const messagesRoute: Route = (_, url) => (url.pathname === "/session/ses_c/message" ? json(exchange) : undefined);

async function open(routes: Route[] = [], path = "") {
  const parts = rig([session("ses_c", "Greeting")], [messagesRoute, ...routes]);
  await parts.board.connect({ address: "4096", password: "", rememberPassword: false, label: "" });
  const id = parts.board.order()[0];
  window.history.replaceState(null, "", `/i/${id}/s/ses_c${path}`);
  render(() => <App switchboard={parts.board} />);
  parts.sources[0].open();
  await screen.findByRole("link", { name: "Show src/greet.ts in Changes" }, { timeout: 10_000 });
  return { ...parts, user: userEvent.setup() };
}

describe("the session's Changes", () => {
  it("counts the files, opens from the Changes button and lists each with its diff", { timeout: 30_000 }, async () => {
    const { user, dispose } = await open();
    // Counted once the loaded session has painted (the sums over every message wait a frame).
    expect(await screen.findByText("1 file changed")).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "Changes" })).toBeNull();
    await user.click(screen.getByRole("button", { name: "Changes" }));
    const region = screen.getByRole("region", { name: "Changes" });
    expect(new URL(window.location.href).searchParams.get("changes")).toBe("session");
    const item = within(region).getByRole("listitem", { name: "src/greet.ts" });
    await waitFor(() => expect(item).toHaveTextContent("export const greet = 1;"));
    await user.click(screen.getByRole("button", { name: "Changes" }));
    expect(screen.queryByRole("region", { name: "Changes" })).toBeNull();
    dispose();
  });

  it("follows a changed file's link in the log to its diff, through the router", { timeout: 30_000 }, async () => {
    const parts = await open();
    const { user, dispose } = parts;
    const source = parts.sources[0];
    await user.click(screen.getByRole("link", { name: "Show src/greet.ts in Changes" }));
    const region = await screen.findByRole("region", { name: "Changes" });
    const item = within(region).getByRole("listitem", { name: "src/greet.ts" });
    expect(item).toHaveAttribute("aria-current", "true");
    await waitFor(() => expect(item).toHaveFocus());
    expect(new URL(window.location.href).searchParams.get("file")).toBe("src/greet.ts");
    // The server updates the reply (as it does while a session works): the item and its focus stay.
    source.send(
      { type: "message.updated", properties: { sessionID: "ses_c", info: { ...exchange[1].info, time: { created: 2, completed: 4 } } } },
      DIR,
    );
    await waitFor(() =>
      expect(parts.board.runtime(parts.board.order()[0])!.store.state.messages.ses_c?.[1]).toMatchObject({ time: { completed: 4 } }),
    );
    expect(within(region).getByRole("listitem", { name: "src/greet.ts" })).toBe(item);
    expect(item).toHaveFocus();
    // Back closes it again: the link added a history entry.
    window.history.back();
    await waitFor(() => expect(screen.queryByRole("region", { name: "Changes" })).toBeNull());
    dispose();
  });

  it("remembers Unified or Side by side across a reload", { timeout: 30_000 }, async () => {
    const first = await open([], "?changes=session");
    const layout = () => within(screen.getByRole("region", { name: "Changes" })).getByRole("radiogroup", { name: "Layout" });
    expect(within(layout()).getByRole("radio", { name: "Unified" })).toBeChecked();
    await first.user.click(within(layout()).getByRole("radio", { name: "Side by side" }));
    expect(within(layout()).getByRole("radio", { name: "Side by side" })).toBeChecked();
    first.dispose();
    cleanup();

    // A reload: a new switchboard over what the first one stored, the same URL.
    const again = rigWith(first.server, first.storage);
    render(() => <App switchboard={again.board} />);
    again.sources[0].open();
    await screen.findByRole("link", { name: "Show src/greet.ts in Changes" }, { timeout: 10_000 });
    expect(within(layout()).getByRole("radio", { name: "Side by side" })).toBeChecked();
    expect(within(layout()).getByRole("radio", { name: "Unified" })).not.toBeChecked();
    again.dispose();
  });

  it("shows the working tree from GET /vcs/diff and loads it again on Refresh", { timeout: 30_000 }, async () => {
    let calls = 0;
    const tree: Route = (_, url) => {
      if (url.pathname === "/project/current") return json({ id: "p1", worktree: DIR, vcs: "git", time: { created: 1 }, sandboxes: [] });
      if (url.pathname === "/vcs/diff" && url.searchParams.get("mode") === "git") {
        calls += 1;
        return json([
          { file: `notes-${calls}.md`, patch: patch(`notes-${calls}.md`, "# notes"), additions: 1, deletions: 0, status: "added" },
        ]);
      }
      return undefined;
    };
    const { user, dispose } = await open([tree], "?changes=session");
    const region = screen.getByRole("region", { name: "Changes" });
    await user.click(within(region).getByRole("radio", { name: "Working tree" }));
    await within(region).findByRole("listitem", { name: "notes-1.md" });
    expect(new URL(window.location.href).searchParams.get("changes")).toBe("tree");
    await user.click(within(region).getByRole("button", { name: "Refresh" }));
    await within(region).findByRole("listitem", { name: "notes-2.md" });
    dispose();
  });

  it("says so when the folder is not a git repository", { timeout: 30_000 }, async () => {
    const plain: Route = (_, url) => {
      if (url.pathname === "/project/current") return json({ id: "global", worktree: "/", time: { created: 1 }, sandboxes: [] });
      if (url.pathname === "/vcs/diff") return json([]);
      return undefined;
    };
    const { dispose } = await open([plain], "?changes=tree");
    const region = screen.getByRole("region", { name: "Changes" });
    await waitFor(() => expect(region).toHaveTextContent(`${DIR} is not a git repository, so there is no working tree to compare with.`));
    dispose();
  });

  it("says that OpenCode records no session changes outside git", { timeout: 30_000 }, async () => {
    const parts = rig([session("ses_g", "Loose notes", { projectID: "global" })]);
    await parts.board.connect({ address: "4096", password: "", rememberPassword: false, label: "" });
    window.history.replaceState(null, "", `/i/${parts.board.order()[0]}/s/ses_g?changes=session`);
    render(() => <App switchboard={parts.board} />);
    parts.sources[0].open();
    const region = await screen.findByRole("region", { name: "Changes" }, { timeout: 10_000 });
    expect(region).toHaveTextContent(
      `No changes recorded: OpenCode records a session's changes only in a git repository, and ${DIR} is not one.`,
    );
    parts.dispose();
  });

  it("says why the working tree could not be loaded", { timeout: 30_000 }, async () => {
    const failing: Route = (_, url) =>
      url.pathname === "/vcs/diff" || url.pathname === "/project/current" ? new Response("disk on fire", { status: 500 }) : undefined;
    const { dispose } = await open([failing], "?changes=tree");
    const alert = await within(screen.getByRole("region", { name: "Changes" })).findByRole("alert", {}, { timeout: 10_000 });
    expect(alert).toHaveTextContent(/^Could not .*\(HTTP 500\)/);
    dispose();
  });
});
