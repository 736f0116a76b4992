/**
 * A block of model-written markdown: rendered and sanitised by `renderMarkdown`, then code blocks are
 * highlighted (lazily loaded highlight.js) once the text has stopped changing for a moment.
 */
import { createEffect, createSignal, on, onCleanup, untrack } from "solid-js";
import { renderMarkdownRuns } from "../../lib/markdown";
import { highlightCodeBlocks } from "../../lib/highlight";
import { MARKDOWN_CLASS } from "./markdown-class";

// Streaming replaces the HTML on every delta, which wipes highlighting; waiting this long after the
// last change highlights once per pause instead of once per delta.
const HIGHLIGHT_DELAY_MS = 150;

// Rendering a long reply costs more the longer it gets (a 169 KB reply takes ~17 ms to parse and
// sanitise). Re-rendering on every frame of a burst would then fill the main thread, so past
// THROTTLE_FROM_CHARS a render waits until RENDER_SHARE of the time since the last one has been spent
// rendering. Shorter texts (a 2,000-chunk reply is ~15 KB) render on every change, so what streams
// is on screen in the next frame.
const RENDER_SHARE = 0.25;
const THROTTLE_FROM_CHARS = 20_000;

const clock = () => (typeof performance === "undefined" ? Date.now() : performance.now());

/** Renders `text` as sanitised markdown in a styled `<div>`; `class` adds classes to it. */
export function Markdown(props: { text: string; class?: string }) {
  let container!: HTMLDivElement;
  let lastCost = 0;
  let lastAt = 0;
  let renderTimer: ReturnType<typeof setTimeout> | undefined;
  const render = () => {
    renderTimer = undefined;
    const start = clock();
    setRuns(renderMarkdownRuns(untrack(() => props.text)));
    lastAt = clock();
    lastCost = lastAt - start;
  };
  const [runs, setRuns] = createSignal<readonly string[]>([]);
  render();
  // One element per run, replaced only when its HTML changed: as a reply streams, earlier runs keep
  // their DOM (and their highlighting), and the browser lays out only the last one again.
  const shown: string[] = [];
  const sync = (next: readonly string[]) => {
    for (let i = 0; i < next.length; i++) {
      if (shown[i] === next[i]) continue;
      let element = container.children[i] as HTMLElement | undefined;
      if (!element) {
        element = document.createElement("div");
        element.className = "contents";
        container.appendChild(element);
      }
      element.innerHTML = next[i];
      shown[i] = next[i];
    }
    while (container.children.length > next.length) container.lastElementChild!.remove();
    shown.length = next.length;
  };
  createEffect(
    on(
      () => props.text,
      () => {
        if (renderTimer !== undefined) return;
        const wait = props.text.length < THROTTLE_FROM_CHARS ? 0 : lastCost / RENDER_SHARE - (clock() - lastAt);
        if (wait <= 0) render();
        else renderTimer = setTimeout(render, wait);
      },
      { defer: true },
    ),
  );

  let highlightTimer: ReturnType<typeof setTimeout> | undefined;
  createEffect(() => {
    const current = runs();
    sync(current);
    clearTimeout(highlightTimer);
    if (!current.some((run) => run.includes("<pre>"))) return;
    highlightTimer = setTimeout(() => void highlightCodeBlocks(container), HIGHLIGHT_DELAY_MS);
  });
  onCleanup(() => {
    clearTimeout(highlightTimer);
    clearTimeout(renderTimer);
  });
  return <div ref={container} class={`${MARKDOWN_CLASS} ${props.class ?? ""}`} />;
}
