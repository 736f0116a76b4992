import "./setup";
import { fireEvent, render, screen, waitFor, within } from "@solidjs/testing-library";
import { createSignal, Show } from "solid-js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { MessageLog } from "../../../src/ui/message-log";

const ids = (n: number) => Array.from({ length: n }, (_, i) => `msg_${String(i).padStart(4, "0")}`);

/**
 * Gives the jsdom scroller the geometry a browser would, then scrolls it to `top`: the reader with the
 * wheel, or (`reader: false`) layout or the page, with no input.
 */
function scrollTo(log: HTMLElement, top: number, { height = 2_000, viewport = 400, reader = true } = {}) {
  Object.defineProperty(log, "scrollHeight", { configurable: true, value: height });
  Object.defineProperty(log, "clientHeight", { configurable: true, value: viewport });
  if (reader) fireEvent.wheel(log, { deltaY: top - log.scrollTop });
  log.scrollTop = top;
  fireEvent.scroll(log);
}

/**
 * jsdom lays nothing out, so the virtual list would see a 0 px viewport and render no rows. Give the
 * log a 400 px viewport and each row 140 px, as a browser would.
 */
const own = {
  clientHeight: Object.getOwnPropertyDescriptor(HTMLElement.prototype, "clientHeight"),
  offsetHeight: Object.getOwnPropertyDescriptor(HTMLElement.prototype, "offsetHeight"),
};
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, "clientHeight", {
    configurable: true,
    get(this: HTMLElement) {
      return this.getAttribute("role") === "log" ? 400 : 0;
    },
  });
  Object.defineProperty(HTMLElement.prototype, "offsetHeight", {
    configurable: true,
    get(this: HTMLElement) {
      return this.hasAttribute("data-index") ? 140 : 0;
    },
  });
});
afterAll(() => {
  for (const [name, descriptor] of Object.entries(own)) {
    if (descriptor) Object.defineProperty(HTMLElement.prototype, name, descriptor);
    else delete (HTMLElement.prototype as unknown as Record<string, unknown>)[name];
  }
});

describe("MessageLog", () => {
  it("is a polite live log named Messages that can take focus", () => {
    render(() => <MessageLog ids={ids(3)} renderMessage={(id) => <article>{id}</article>} />);
    const log = screen.getByRole("log", { name: "Messages" });
    expect(log).toHaveAttribute("aria-live", "polite");
    expect(log).toHaveAttribute("tabindex", "0");
  });

  it("renders the messages in order through renderMessage", async () => {
    render(() => <MessageLog ids={ids(3)} renderMessage={(id) => <article aria-label={id}>{id}</article>} />);
    const log = screen.getByRole("log", { name: "Messages" });
    expect((await within(log).findAllByRole("article")).map((a) => a.getAttribute("aria-label"))).toEqual(ids(3));
  });

  it("keeps only a window of a long session in the DOM", async () => {
    render(() => <MessageLog ids={ids(2_000)} renderMessage={(id) => <article>{id}</article>} />);
    const rendered = (await within(screen.getByRole("log")).findAllByRole("article")).length;
    // A 400 px viewport holds three 140 px rows; the list adds a few of overscan, not 2,000.
    expect(rendered).toBeGreaterThanOrEqual(3);
    expect(rendered).toBeLessThanOrEqual(12);
  });

  it("opens at the newest messages in the same task, without waiting for a frame, and draws no row of the oldest", async () => {
    const scrollHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "scrollHeight");
    Object.defineProperty(HTMLElement.prototype, "scrollHeight", {
      configurable: true,
      get(this: HTMLElement) {
        return this.getAttribute("role") === "log" ? 2_000 * 140 : 0;
      },
    });
    try {
      const built: string[] = [];
      render(() => (
        <MessageLog
          ids={ids(2_000)}
          renderMessage={(id) => {
            built.push(id);
            return <article aria-label={id}>{id}</article>;
          }}
        />
      ));
      const log = screen.getByRole("log");
      expect(log.scrollTop).toBe(2_000 * 140);
      // The end of this task (its microtasks), before any frame or scroll event: the rows in view
      // are there, the newest among them, and no row of the top was built on the way.
      for (let i = 0; i < 5; i++) await Promise.resolve();
      const shown = within(log)
        .queryAllByRole("article")
        .map((a) => a.getAttribute("aria-label"));
      expect(shown).toEqual(expect.arrayContaining(["msg_1997", "msg_1998", "msg_1999"]));
      expect(built.every((id) => id >= "msg_1990")).toBe(true);
    } finally {
      if (scrollHeight) Object.defineProperty(HTMLElement.prototype, "scrollHeight", scrollHeight);
      else delete (HTMLElement.prototype as unknown as Record<string, unknown>).scrollHeight;
    }
  });

  it("opens with the rows in view built, and builds the others later, one budget per task", async () => {
    const slowRow = (id: string) => {
      const until = performance.now() + 10; // a row that costs more than the log's budget per task
      while (performance.now() < until) {
        /* stands in for markdown, sanitising and a dozen components */
      }
      return <article aria-label={id}>{id}</article>;
    };
    const scrollHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "scrollHeight");
    Object.defineProperty(HTMLElement.prototype, "scrollHeight", {
      configurable: true,
      get(this: HTMLElement) {
        return this.getAttribute("role") === "log" ? 2_000 * 140 : 0;
      },
    });
    try {
      render(() => <MessageLog ids={ids(2_000)} renderMessage={slowRow} />);
      const log = screen.getByRole("log");
      log.scrollTop = 2_000 * 140 - 400; // where a browser stops the scroll to the end: the last 400 px
      fireEvent.scroll(log);
      await waitFor(() => expect(log.querySelectorAll("[data-index]").length).toBeGreaterThan(3));
      // The three rows in the 400 px viewport are built whatever they cost; the overscan above waits.
      const rows = [...log.querySelectorAll<HTMLElement>("[data-index]")];
      const built = within(log)
        .queryAllByRole("article")
        .map((a) => a.getAttribute("aria-label"));
      expect(built).toEqual(expect.arrayContaining(["msg_1997", "msg_1998", "msg_1999"]));
      expect(built.length).toBeLessThan(rows.length);
      const waiting = rows.find((row) => !row.querySelector("article"))!;
      expect(waiting.style.height).toBe("140px");
      await waitFor(() => expect(within(log).queryAllByRole("article")).toHaveLength(rows.length), { timeout: 5_000 });
      expect(waiting.style.height).toBe("");
    } finally {
      if (scrollHeight) Object.defineProperty(HTMLElement.prototype, "scrollHeight", scrollHeight);
      else delete (HTMLElement.prototype as unknown as Record<string, unknown>).scrollHeight;
    }
  });

  it("shows the empty state without messages, and the footer always", () => {
    render(() => (
      <MessageLog
        ids={[]}
        renderMessage={(id) => <article>{id}</article>}
        empty={<p>No messages yet.</p>}
        footer={<p>Waiting for permission</p>}
      />
    ));
    const log = screen.getByRole("log");
    expect(log).toHaveTextContent("No messages yet.");
    expect(log).toHaveTextContent("Waiting for permission");
    expect(within(log).queryByRole("article")).not.toBeInTheDocument();
  });

  it("offers 'Jump to latest' once the reader scrolls up, and goes back to the bottom with it", () => {
    render(() => <MessageLog ids={ids(30)} renderMessage={(id) => <article>{id}</article>} />);
    const log = screen.getByRole("log");
    expect(screen.queryByRole("button", { name: /Jump to latest/ })).not.toBeInTheDocument();
    scrollTo(log, 1_600);
    scrollTo(log, 100);
    const jump = screen.getByRole("button", { name: /Jump to latest/ });
    fireEvent.click(jump);
    expect(log.scrollTop).toBe(2_000);
    expect(screen.queryByRole("button", { name: /Jump to latest/ })).not.toBeInTheDocument();
  });

  it("counts being within a few lines of the bottom as at the bottom", () => {
    render(() => <MessageLog ids={ids(30)} renderMessage={(id) => <article>{id}</article>} />);
    const log = screen.getByRole("log");
    scrollTo(log, 2_000 - 400 - 40);
    expect(screen.queryByRole("button", { name: /Jump to latest/ })).not.toBeInTheDocument();
  });

  it("follows new messages while at the bottom but not after scrolling up", async () => {
    const [list, setList] = createSignal(ids(5));
    render(() => <MessageLog ids={list()} renderMessage={(id) => <article>{id}</article>} />);
    const log = screen.getByRole("log");
    scrollTo(log, 1_600); // at the bottom
    Object.defineProperty(log, "scrollHeight", { configurable: true, value: 2_600 });
    setList(ids(6));
    await waitFor(() => expect(log.scrollTop).toBe(2_600));

    scrollTo(log, 100, { height: 2_600 }); // reading older messages
    Object.defineProperty(log, "scrollHeight", { configurable: true, value: 3_200 });
    setList(ids(7));
    // Two frames: the follow would have run in the first.
    for (let frame = 0; frame < 2; frame++) await new Promise((r) => requestAnimationFrame(r));
    expect(log.scrollTop).toBe(100);
  });

  it("keeps the reader's place, and the rows it built, when older messages arrive above", async () => {
    const all = ids(350);
    const [list, setList] = createSignal(all.slice(250));
    render(() => <MessageLog ids={list()} renderMessage={(id) => <article aria-label={id}>{id}</article>} />);
    const log = screen.getByRole("log");
    scrollTo(log, 100 * 140 - 400, { height: 100 * 140 });
    await waitFor(() => expect(within(log).queryAllByRole("article").length).toBeGreaterThan(0));
    scrollTo(log, 2_100, { height: 100 * 140 }); // reading: message 15 of the page (msg_0265) at the top
    await waitFor(() => expect(within(log).queryByRole("article", { name: "msg_0265" })).toBeInTheDocument());
    const before = within(log).getAllByRole("article");
    expect(screen.getByRole("button", { name: /Jump to latest/ })).toBeInTheDocument();
    setList(all);
    // 250 rows of 140 px arrived above: the position moves down by as much, in the same update.
    expect(log.scrollTop).toBe(2_100 + 250 * 140);
    Object.defineProperty(log, "scrollHeight", { configurable: true, value: 350 * 140 });
    fireEvent.scroll(log);
    await new Promise((r) => requestAnimationFrame(() => r(undefined)));
    const after = within(log).getAllByRole("article");
    expect(after.map((a) => a.getAttribute("aria-label"))).toEqual(before.map((a) => a.getAttribute("aria-label")));
    // The very same elements: no row was thrown away and built again.
    after.forEach((article, i) => expect(article).toBe(before[i]));
    expect(screen.getByRole("button", { name: /Jump to latest/ })).toBeInTheDocument();
  });

  it("keeps following through a scroll it did not get from the reader (content grown under it, not moved up)", async () => {
    const [list, setList] = createSignal(ids(5));
    render(() => <MessageLog ids={list()} needsYou={1} renderMessage={(id) => <article>{id}</article>} />);
    const log = screen.getByRole("log");
    scrollTo(log, 1_600); // at the bottom
    // A row grew before the next frame's follow, and the browser or the virtual list moved the
    // position down a little: not at the bottom any more, but not the reader leaving it either.
    setList(ids(6));
    scrollTo(log, 1_700, { height: 2_600, reader: false });
    expect(screen.queryByRole("button", { name: /Needs you|Jump to latest/ })).not.toBeInTheDocument();
    await new Promise((r) => requestAnimationFrame(() => r(undefined)));
    expect(log.scrollTop).toBe(2_600);
    // The reader moving up does stop it.
    scrollTo(log, 900, { height: 2_600 });
    expect(screen.getByRole("button", { name: "Needs you ↓" })).toBeInTheDocument();
  });

  it("keeps following when layout moves the position up with no input from the reader", async () => {
    vi.useFakeTimers({ toFake: ["performance"] });
    try {
      render(() => <MessageLog ids={ids(5)} renderMessage={(id) => <article>{id}</article>} />);
      const log = screen.getByRole("log");
      scrollTo(log, 1_600, { reader: false }); // at the bottom
      vi.advanceTimersByTime(2_000);
      // The content shrank under the position (clamped), then grew again before the scroll event.
      scrollTo(log, 1_576, { height: 3_200, reader: false });
      expect(screen.queryByRole("button", { name: /Jump to latest/ })).not.toBeInTheDocument();
      // A press on the scrollbar, held while dragging: the reader's, however long it lasts.
      fireEvent.pointerDown(log);
      vi.advanceTimersByTime(5_000);
      scrollTo(log, 900, { height: 3_200, reader: false });
      expect(screen.getByRole("button", { name: /Jump to latest/ })).toBeInTheDocument();
    } finally {
      vi.useRealTimers();
    }
  });

  it("offers “Needs you ↓” instead of “Jump to latest” while a request waits and the reader is scrolled up", () => {
    const [waiting, setWaiting] = createSignal(0);
    render(() => <MessageLog ids={ids(30)} needsYou={waiting()} renderMessage={(id) => <article>{id}</article>} />);
    const log = screen.getByRole("log");
    scrollTo(log, 1_600);
    scrollTo(log, 100);
    expect(screen.getByRole("button", { name: "Jump to latest ↓" })).toBeInTheDocument();
    setWaiting(1);
    expect(screen.queryByRole("button", { name: /Jump to latest/ })).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole("button", { name: "Needs you ↓" }));
    expect(log.scrollTop).toBe(2_000);
    expect(screen.queryByRole("button", { name: "Needs you ↓" })).not.toBeInTheDocument();
  });

  it("brings a request into view when the footer grows while the reader is at the bottom", async () => {
    const observed: Array<{ callback: ResizeObserverCallback; targets: Element[] }> = [];
    const original = globalThis.ResizeObserver;
    globalThis.ResizeObserver = class {
      targets: Element[] = [];
      constructor(callback: ResizeObserverCallback) {
        observed.push({ callback, targets: this.targets });
      }
      observe(target: Element) {
        this.targets.push(target);
      }
      unobserve() {}
      disconnect() {}
    } as unknown as typeof ResizeObserver;
    try {
      const [card, setCard] = createSignal(false);
      render(() => (
        <MessageLog
          ids={ids(5)}
          renderMessage={(id) => <article>{id}</article>}
          footer={
            <Show when={card()}>
              <section>Permission request</section>
            </Show>
          }
        />
      ));
      const log = screen.getByRole("log");
      scrollTo(log, 1_600); // at the bottom
      setCard(true);
      Object.defineProperty(log, "scrollHeight", { configurable: true, value: 2_300 });
      // The browser reports the footer's new size; nothing else about the log changed.
      const request = screen.getByText("Permission request");
      const watcher = observed.find((o) => o.targets.some((target) => target !== log && target.contains(request)));
      expect(watcher).toBeDefined();
      watcher!.callback([], {} as ResizeObserver);
      // It follows in the next animation frame.
      await waitFor(() => expect(log.scrollTop).toBe(2_300));
    } finally {
      globalThis.ResizeObserver = original;
    }
  });
});
