/**
 * A block of model-written markdown: rendered and sanitised by `renderMarkdown`, then code blocks are
 * highlighted (lazily loaded highlight.js) once the text has stopped changing for a moment.
 */
import { createEffect, createMemo, onCleanup } from "solid-js";
import { renderMarkdown } from "../../lib/markdown";
import { highlightCodeBlocks } from "../../lib/highlight";
import { MARKDOWN_CLASS } from "./markdown-class";

// Streaming replaces the HTML on every delta, which wipes highlighting; waiting this long after the
// last change highlights once per pause instead of once per delta.
const HIGHLIGHT_DELAY_MS = 150;

/** Renders `text` as sanitised markdown in a styled `<div>`; `class` adds classes to it. */
export function Markdown(props: { text: string; class?: string }) {
  let container!: HTMLDivElement;
  const html = createMemo(() => renderMarkdown(props.text));
  let timer: ReturnType<typeof setTimeout> | undefined;
  createEffect(() => {
    const current = html();
    clearTimeout(timer);
    if (!current.includes("<pre>")) return;
    timer = setTimeout(() => void highlightCodeBlocks(container), HIGHLIGHT_DELAY_MS);
  });
  onCleanup(() => clearTimeout(timer));
  return <div ref={container} class={`${MARKDOWN_CLASS} ${props.class ?? ""}`} innerHTML={html()} />;
}
