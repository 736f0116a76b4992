/**
 * The markdown view re-renders a streaming text at a pace its cost allows: a short text on every
 * change, a long expensive one at most so often that rendering takes about a quarter of the time,
 * and always the final text in the end.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, render, screen } from "@solidjs/testing-library";
import { createSignal } from "solid-js";

const cost = vi.hoisted(() => ({ ms: 0, calls: 0 }));
vi.mock("../../../src/lib/markdown", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../../src/lib/markdown")>();
  return {
    ...original,
    renderMarkdownRuns: (text: string) => {
      cost.calls++;
      const until = performance.now() + cost.ms;
      while (performance.now() < until) {
        /* stands in for parsing and sanitising a long reply */
      }
      return original.renderMarkdownRuns(text);
    },
  };
});

const { Markdown, NEW_HTML_PER_TASK } = await import("../../../src/ui/parts/markdown");

afterEach(() => {
  cleanup();
  cost.ms = 0;
  cost.calls = 0;
});

describe("Markdown while streaming", () => {
  it("keeps the elements of earlier blocks as text is appended, replacing only what changed", () => {
    const paragraph = (i: number) => `Paragraph ${i}: ${"words ".repeat(60)}`;
    const [text, setText] = createSignal([0, 1, 2, 3, 4, 5, 6, 7].map(paragraph).join("\n\n"));
    const { container } = render(() => <Markdown text={text()} />);
    const first = screen.getByText(/^Paragraph 0:/);
    const runsBefore = container.firstElementChild!.children.length;
    expect(runsBefore).toBeGreaterThan(1);
    setText(`${text()}\n\n${paragraph(8)}`);
    expect(screen.getByText(/^Paragraph 8:/)).toBeInTheDocument();
    // The first paragraph is the very same element: its run was not rendered again.
    expect(screen.getByText(/^Paragraph 0:/)).toBe(first);
    setText(paragraph(0));
    expect(screen.queryByText(/^Paragraph 8:/)).not.toBeInTheDocument();
    expect(container.firstElementChild!.children.length).toBe(1);
  });

  it("renders a short text on every change", async () => {
    const [text, setText] = createSignal("tok0");
    render(() => <Markdown text={text()} />);
    for (let i = 1; i <= 5; i++) {
      setText(`${text()} tok${i}`);
      expect(screen.getByText(new RegExp(`tok${i}$`))).toBeInTheDocument();
    }
    expect(cost.calls).toBe(6);
  });

  it("skips renders of a long, expensive text during a burst, then shows the final text", async () => {
    cost.ms = 20;
    const [text, setText] = createSignal(`${"lorem ".repeat(4000)}\n\ntok0`);
    render(() => <Markdown text={text()} />);
    const atMount = cost.calls;
    for (let i = 1; i <= 30; i++) setText(`${text()} tok${i}`);
    // The burst's 30 changes wait for the render budget instead of each rendering.
    expect(cost.calls).toBe(atMount);
    expect(await screen.findByText(/tok30$/, {}, { timeout: 5000 })).toBeInTheDocument();
    expect(cost.calls).toBe(atMount + 1);
  });
});

describe("Markdown puts a text that grew a lot at once into the page over several tasks", () => {
  // Distinct words, like a model's, so no two pieces of the text are alike.
  const words = (from: number, count: number) => Array.from({ length: count }, (_, i) => `word${from + i}`).join(" ");
  const htmlIn = (container: HTMLElement) => container.firstElementChild!.innerHTML.length;

  // The first changed run always goes in, so one task can hold a piece of a long paragraph (8 KB of
  // text) and its markup.
  const TASK_LIMIT = NEW_HTML_PER_TASK * 1.1;

  it("draws a text it opens with whole, in one task", () => {
    const text = `${words(0, 6000)}\n\nThe end.`;
    expect(text.length).toBeGreaterThan(5 * NEW_HTML_PER_TASK);
    const { container } = render(() => <Markdown text={text} />);
    expect(container.textContent!.replace(/\s+/g, " ")).toContain(`${words(0, 6000)} The end.`);
  });

  it("limits a change that adds a lot at once the same way, task by task, keeping what was shown", () => {
    vi.useFakeTimers();
    try {
      const [text, setText] = createSignal("Start.");
      const { container } = render(() => <Markdown text={text()} />);
      setText(`Start.\n\n${words(0, 6000)}\n\nThe end.`);
      // Each task (the change's own, then each timer) adds no more than the limit.
      let shown = htmlIn(container);
      let tasks = 0;
      for (; !container.textContent!.includes("The end.") && tasks < 50; tasks++) {
        vi.advanceTimersToNextTimer();
        const now = htmlIn(container);
        expect(now - shown).toBeLessThanOrEqual(TASK_LIMIT);
        shown = now;
      }
      expect(tasks).toBeGreaterThan(3);
      expect(screen.getByText("Start.")).toBeInTheDocument();
      expect(container.textContent!.replace(/\s+/g, " ")).toContain(`${words(0, 6000)} The end.`);
      // A text that changes again while the rest is still going in ends as the latest text.
      setText(`Start.\n\n${words(0, 6000)}\n\nOther end.`);
      setText("Only this.");
      vi.runAllTimers();
      expect(container.firstElementChild!.textContent!.trim()).toBe("Only this.");
    } finally {
      vi.useRealTimers();
    }
  });
});
