/**
 * A block of model-written markdown: rendered and sanitised by `renderMarkdownRuns`, then code blocks
 * are highlighted (lazily loaded highlight.js) once the text has stopped changing for a moment.
 */
import { createEffect, on, onCleanup } from "solid-js";
import { renderMarkdownRuns } from "../../lib/markdown";
import { highlightCodeBlocks } from "../../lib/highlight";
import { MARKDOWN_CLASS } from "./markdown-class";

// Streaming replaces the HTML on every delta, which wipes highlighting; waiting this long after the
// last change highlights once per pause instead of once per delta.
const HIGHLIGHT_DELAY_MS = 150;

// Rendering a long reply costs more the longer it gets: parsing, sanitising and laying out a 169 KB
// reply took 30-80 ms. Re-rendering on every frame of a burst would then fill the main thread, so past
// THROTTLE_FROM_CHARS a render waits until RENDER_SHARE of the time since the last one has been spent
// rendering. Shorter texts (a 2,000-chunk reply is ~15 KB) render on every change, so what streams
// is on screen in the next frame.
const RENDER_SHARE = 0.25;
const THROTTLE_FROM_CHARS = 20_000;

// New HTML a change puts into the page per task, at most (the first changed run always goes in).
// Laying out text costs about a millisecond per kilobyte of new words here, on top of parsing it: a
// frame of a burst that put 15 KB of a reply in at once, beside the rest of the frame's work, was a
// task of 60 ms. What does not fit follows in the next task, laid out there, so a text that grew a
// lot at once comes in over a few tasks, as if it were still streaming. The first render is whole:
// a message opened is drawn as it is, so the log that opens at its end measures it once.
export const NEW_HTML_PER_TASK = 8192;

const clock = () => (typeof performance === "undefined" ? Date.now() : performance.now());

/** Renders `text` as sanitised markdown in a styled `<div>`; `class` adds classes to it. */
export function Markdown(props: { text: string; class?: string }) {
  const container = (<div class={`${MARKDOWN_CLASS} ${props.class ?? ""}`} />) as HTMLDivElement;
  let lastCost = 0;
  let lastAt = 0;
  let renderTimer: ReturnType<typeof setTimeout> | undefined;
  let highlightTimer: ReturnType<typeof setTimeout> | undefined;
  // One element per run of blocks, replaced only when its HTML changed: as a reply streams, earlier
  // runs keep their DOM (and their highlighting), and the browser lays out only the last one again.
  const shown: string[] = [];

  const render = (whole = false) => {
    const fromTimer = renderTimer !== undefined;
    renderTimer = undefined;
    const start = clock();
    const runs = renderMarkdownRuns(props.text);
    let hasCode = false;
    let written = 0;
    let cut = false;
    for (let i = 0; i < runs.length; i++) {
      hasCode ||= runs[i].includes("<pre>");
      if (shown[i] === runs[i]) continue;
      if (!whole && written > 0 && written + runs[i].length > NEW_HTML_PER_TASK) {
        cut = true;
        break;
      }
      written += runs[i].length;
      let element = container.children[i] as HTMLElement | undefined;
      if (!element) {
        element = document.createElement("div");
        element.className = "contents";
        container.appendChild(element);
      }
      element.innerHTML = runs[i];
      shown[i] = runs[i];
    }
    if (!cut) {
      while (container.children.length > runs.length) container.lastElementChild!.remove();
      shown.length = runs.length;
    }
    // Lay out now, inside the measured time, so the budget counts what a render really costs; the
    // frame that follows then has nothing left to lay out for this text. A text shown over several
    // tasks is laid out in each, so the layout of one part is not added to the next one's work.
    if ((cut || fromTimer || props.text.length >= THROTTLE_FROM_CHARS) && container.isConnected) void container.offsetHeight;
    lastAt = clock();
    lastCost = lastAt - start;
    clearTimeout(highlightTimer);
    if (cut) renderTimer = setTimeout(() => render(), 0);
    else if (hasCode) highlightTimer = setTimeout(() => void highlightCodeBlocks(container), HIGHLIGHT_DELAY_MS);
  };

  render(true);
  createEffect(
    on(
      () => props.text,
      () => {
        if (renderTimer !== undefined) return;
        const wait = props.text.length < THROTTLE_FROM_CHARS ? 0 : lastCost / RENDER_SHARE - (clock() - lastAt);
        if (wait <= 0) render();
        else renderTimer = setTimeout(() => render(), wait);
      },
      { defer: true },
    ),
  );
  onCleanup(() => {
    clearTimeout(highlightTimer);
    clearTimeout(renderTimer);
  });
  return container;
}
