/**
 * A session fed a hostile stream through the whole app (fake EventSource → transport unwrap →
 * batcher → store → session view, with the real router): the captured permission flow with a third
 * of its events mutated (tests/fixtures/hostile.ts), then a well-formed permission request. The card
 * shows, "Allow once" answers it, the view keeps updating, and the diagnostics count the garbage
 * without a word of the password.
 */
import "../shell/setup";
import { render, screen, waitFor, within } from "@solidjs/testing-library";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "../../../src/routes/app";
import { loadSessionView } from "../../../src/routes/lazy-session-view";
import { hostileStream } from "../../fixtures/hostile";
import { loadCapture } from "../../fixtures/load";
import { DIR, rig, session } from "./rig";

const PASSWORD = "hunter2-secret";

beforeAll(() => loadSessionView(), 60_000);
// jsdom lays nothing out: give every element a size, so the virtual list draws its rows.
const sized = ["clientWidth", "clientHeight", "offsetWidth", "offsetHeight"] as const;
const originals = new Map<string, PropertyDescriptor | undefined>();
beforeEach(() => {
  for (const name of sized) {
    originals.set(name, Object.getOwnPropertyDescriptor(HTMLElement.prototype, name));
    Object.defineProperty(HTMLElement.prototype, name, { configurable: true, get: () => 800 });
  }
  // The boundaries report what they caught; expected here.
  vi.spyOn(console, "error").mockImplementation(() => undefined);
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
  for (const name of sized) {
    const original = originals.get(name);
    if (original) Object.defineProperty(HTMLElement.prototype, name, original);
    else delete (HTMLElement.prototype as unknown as Record<string, unknown>)[name];
  }
});

/** The capture's session id, so its events can be moved into the session the page shows. */
function capturedSession(events: ReturnType<typeof loadCapture>): string {
  const created = events.find((routed) => routed.event.type === "session.created")!;
  return (created.event.properties as { sessionID: string }).sessionID;
}

describe("a session fed hostile events", () => {
  it("still shows a later permission request, Allow once answers it, and the view keeps updating", { timeout: 60_000 }, async () => {
    const user = userEvent.setup();
    const parts = rig([session("ses_p", "Review checkout")]);
    await parts.board.connect({ address: "4096", password: PASSWORD, rememberPassword: false, label: "" });
    const id = parts.board.order()[0];
    window.history.replaceState(null, "", `/i/${id}/s/ses_p`);
    render(() => <App switchboard={parts.board} />);
    const source = parts.sources[0];
    source.open();
    await screen.findByRole("log", { name: "Messages" }, { timeout: 10_000 });

    const events = loadCapture("03-permission");
    const from = capturedSession(events);
    const texts = hostileStream(events, { seed: 7, rate: 0.35, hugeLength: 64 * 1024 }).map((text) => text.split(from).join("ses_p"));
    texts.push(
      JSON.stringify({
        directory: DIR,
        payload: { type: "message.updated", properties: { info: { id: "msg_0_bad", sessionID: "ses_p", role: "assistant", time: {} } } },
      }),
      JSON.stringify({
        directory: DIR,
        payload: {
          type: "permission.asked",
          properties: { id: "per_no_always", sessionID: "ses_p", permission: "bash", patterns: ["ls"], metadata: {} },
        },
      }),
    );
    for (const text of texts) source.message(text);
    source.send(
      {
        type: "permission.asked",
        properties: {
          id: "per_after",
          sessionID: "ses_p",
          permission: "bash",
          patterns: ["echo after-the-garbage"],
          always: ["echo *"],
          metadata: { command: "echo after-the-garbage" },
        },
      },
      DIR,
    );

    // The card of the request that came after the garbage, with its own buttons.
    const command = await screen.findByText("echo after-the-garbage", {}, { timeout: 10_000 });
    const card = command.closest("section")!;
    expect(within(card).getByRole("heading")).toHaveTextContent("Permission request: bash");
    // The request without `always` has its card too.
    expect(screen.getAllByRole("button", { name: "Allow once" }).length).toBeGreaterThanOrEqual(2);
    await user.click(within(card).getByRole("button", { name: "Allow once" }));
    await waitFor(() => expect(parts.server.bodies).toContainEqual({ path: "/permission/per_after/reply", body: { reply: "once" } }));

    // The view still follows the stream: the server's answer removes the card, a new title shows.
    source.send({ type: "permission.replied", properties: { sessionID: "ses_p", requestID: "per_after", reply: "once" } }, DIR);
    source.send(
      { type: "session.updated", properties: { sessionID: "ses_p", info: session("ses_p", "Still live after the garbage") } },
      DIR,
    );
    await screen.findByRole("heading", { name: "Still live after the garbage" }, { timeout: 10_000 });
    await waitFor(() => expect(screen.queryByText("echo after-the-garbage")).toBeNull());
    // The message whose time was {} (its id sorts first) is drawn like any other, without a time.
    const articles = screen.getAllByRole("article");
    expect(articles[0]).toHaveAccessibleName("Assistant");
    expect(articles.length).toBeGreaterThan(1);
    expect(screen.queryAllByText("This part could not be shown")).toEqual([]);

    const runtime = parts.board.runtime(id)!;
    const { dropped } = runtime.store.state;
    expect(dropped.malformed + dropped.unknown).toBeGreaterThan(0);
    expect(dropped.internal).toBe(0);

    // The diagnostics count it, and the report they copy holds no password.
    const copied: string[] = [];
    Object.defineProperty(navigator, "clipboard", {
      value: { writeText: async (text: string) => void copied.push(text) },
      configurable: true,
    });
    await user.click(screen.getByRole("button", { name: "Diagnostics" }));
    const panel = screen.getByRole("region", { name: "Diagnostics" });
    expect(panel).toHaveTextContent(`${dropped.malformed} malformed, ${dropped.unknown} unknown type, 0 internal errors`);
    await user.click(within(panel).getByRole("button", { name: "Copy" }));
    await waitFor(() => expect(copied).toHaveLength(1));
    expect(copied[0]).toContain("password set");
    expect(copied[0]).toContain(`Events received: ${runtime.connectionCounts().received}`);
    expect(copied[0]).not.toContain(PASSWORD);
    expect(copied[0]).not.toContain(btoa(`opencode:${PASSWORD}`));
    parts.dispose();
  });

  it("counts what it dropped in words: one event, then two events", { timeout: 30_000 }, async () => {
    const parts = rig([session("ses_p", "Review checkout")]);
    await parts.board.connect({ address: "4096", password: "", rememberPassword: false, label: "" });
    window.history.replaceState(null, "", `/i/${parts.board.order()[0]}`);
    render(() => <App switchboard={parts.board} />);
    const source = parts.sources[0];
    source.open();
    await screen.findByText("Review checkout", {}, { timeout: 10_000 });
    source.send({ type: "session.status", properties: { sessionID: "ses_p" } }, DIR);
    expect(await screen.findByText("1 event dropped (1 malformed, 0 unknown)")).toBeInTheDocument();
    source.send({ type: "no.such.event", properties: {} }, DIR);
    expect(await screen.findByText("2 events dropped (1 malformed, 1 unknown)")).toBeInTheDocument();
    parts.dispose();
  });
});
