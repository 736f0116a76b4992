/**
 * A session's history starts loading when the user reaches for its link: on the press, and at the
 * latest in the click before the router sees it (see routes/preload-on-intent.ts). Through the real
 * router and switchboard: the request is made on the press alone, before any click or navigation.
 */
import "../shell/setup";
import { fireEvent, render, screen, waitFor, within } from "@solidjs/testing-library";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { App } from "../../../src/routes/app";
import { loadSessionView } from "../../../src/routes/lazy-session-view";
import { sessionOfHref } from "../../../src/routes/links";
import { preloadOnIntent } from "../../../src/routes/preload-on-intent";
import { connectedRig, session } from "./rig";

const ORIGIN = "http://localhost:3000";

describe("sessionOfHref", () => {
  it("reads the instance and session of this app's session links, decoded", () => {
    expect(sessionOfHref("/i/127.0.0.1%3A4096/s/ses_a", ORIGIN)).toEqual({ instanceId: "127.0.0.1:4096", sessionId: "ses_a" });
    expect(sessionOfHref(`${ORIGIN}/i/x/s/ses_b?changes=session`, ORIGIN)).toEqual({ instanceId: "x", sessionId: "ses_b" });
  });

  it("ignores other pages, other origins and what is not a URL", () => {
    expect(sessionOfHref("/i/x", ORIGIN)).toBeUndefined();
    expect(sessionOfHref("/all", ORIGIN)).toBeUndefined();
    expect(sessionOfHref("/i/x/s/ses_a/more", ORIGIN)).toBeUndefined();
    expect(sessionOfHref("https://example.com/i/x/s/ses_a", ORIGIN)).toBeUndefined();
    expect(sessionOfHref("http://[::1", ORIGIN)).toBeUndefined();
  });
});

describe("preloadOnIntent", () => {
  function page() {
    document.body.innerHTML = `<a href="/i/x/s/ses_a"><span>Alpha</span></a><a href="/all">All</a>`;
    const preload = vi.fn();
    const stop = preloadOnIntent(document, preload);
    return { preload, stop, alpha: document.querySelector("span")!, all: document.querySelector('a[href="/all"]')! };
  }

  it("preloads on a plain press or click inside a session link", () => {
    const { preload, stop, alpha } = page();
    fireEvent.pointerDown(alpha, { button: 0 });
    fireEvent.click(alpha, { button: 0 });
    expect(preload.mock.calls).toEqual([
      ["x", "ses_a"],
      ["x", "ses_a"],
    ]);
    stop();
    fireEvent.pointerDown(alpha, { button: 0 });
    expect(preload).toHaveBeenCalledTimes(2);
  });

  it("leaves other links, other buttons and modified clicks (another browser tab) alone", () => {
    const { preload, stop, alpha, all } = page();
    fireEvent.pointerDown(all, { button: 0 });
    fireEvent.pointerDown(alpha, { button: 2 });
    fireEvent.click(alpha, { button: 0, ctrlKey: true });
    fireEvent.click(alpha, { button: 0, metaKey: true });
    fireEvent.pointerDown(alpha, { button: 0, shiftKey: true });
    expect(preload).not.toHaveBeenCalled();
    stop();
  });
});

describe("in the app", () => {
  beforeAll(() => loadSessionView(), 60_000);

  it("asks the server for a session's messages on the press of its link, before the click", async () => {
    const parts = await connectedRig([session("ses_p", "Review checkout"), session("ses_a", "Alpha")]);
    window.history.replaceState(null, "", `/i/${parts.id}`);
    render(() => <App switchboard={parts.board} />);
    const list = await screen.findByRole("navigation", { name: "Sessions by project" });
    const link = (await within(list).findAllByRole("link", { name: /Alpha/ }))[0];
    const asked = () => parts.server.requests.filter((line) => line === "GET /session/ses_a/message");
    expect(asked()).toEqual([]);
    fireEvent.pointerDown(link, { button: 0 });
    await waitFor(() => expect(asked()).toHaveLength(1));
    expect(window.location.pathname).toBe(`/i/${parts.id}`);
    // The click then opens it with the answer already on its way: no second request.
    fireEvent.click(link, { button: 0 });
    await waitFor(() => expect(window.location.pathname).toBe(`/i/${parts.id}/s/ses_a`));
    await screen.findByRole("log", { name: "Messages" });
    expect(asked()).toHaveLength(1);
    parts.dispose();
  });

  it("says the messages are loading while the first page is on its way, and that there are none once it came empty", async () => {
    let answer!: () => void;
    const parts = await connectedRig([session("ses_p", "Review checkout"), session("ses_e", "Empty one")]);
    const original = parts.server.fetch;
    // The history of ses_e waits until the test lets it answer, then is empty.
    const held = new Promise<void>((resolve) => (answer = resolve));
    parts.server.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.pathname === "/session/ses_e/message") {
        await held;
        return new Response("[]", { headers: { "content-type": "application/json" } });
      }
      return original(input, init);
    }) as typeof fetch;
    window.history.replaceState(null, "", `/i/${parts.id}/s/ses_e`);
    render(() => <App switchboard={parts.board} />);
    const log = await screen.findByRole("log", { name: "Messages" });
    await waitFor(() => expect(log).toHaveTextContent("Loading messages…"));
    expect(log).not.toHaveTextContent("No messages yet");
    answer();
    await waitFor(() => expect(log).toHaveTextContent("No messages yet. Write one below."));
    parts.dispose();
  });
});
