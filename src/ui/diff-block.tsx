/**
 * One patch drawn by the lazily loaded diff renderer (lib/diff-html.ts): sanitised HTML first, then
 * syntax colours once highlight.js and the file's language have loaded. Drawn again when the patch or
 * the layout changes; a colouring that finishes after a newer drawing is dropped.
 */
import { createEffect, createSignal, Show } from "solid-js";
import type { DiffLayout } from "../lib/diff-html";
import { HLJS_TOKEN_CLASS } from "./parts/markdown-class";

/** What the diff renderer module offers (it is passed in so this file does not import it). */
export interface DiffRenderer {
  renderDiff: (patch: string, layout: DiffLayout) => string;
  highlightDiff: (container: HTMLElement, path: string, current: () => boolean) => Promise<boolean>;
}

export function DiffBlock(props: { patch: string; path: string; layout: DiffLayout; renderer: DiffRenderer }) {
  let container!: HTMLDivElement;
  let drawing = 0;
  const [failed, setFailed] = createSignal(false);
  createEffect(() => {
    const generation = ++drawing;
    try {
      // Sanitised in renderDiff: see lib/diff-html.ts.
      container.innerHTML = props.renderer.renderDiff(props.patch, props.layout);
      setFailed(false);
    } catch {
      container.textContent = "";
      setFailed(true);
      return;
    }
    // Colours are a nicety: a language that fails to load leaves the diff plain.
    props.renderer.highlightDiff(container, props.path, () => generation === drawing).catch(() => false);
  });
  return (
    <>
      <Show when={failed()}>
        <p class="px-2 py-1 text-xs text-zinc-500">This diff could not be drawn; the server's patch may be malformed.</p>
      </Show>
      {/* diff2html's own file header is hidden: the item above names the file already, and opencode's
          patch headers end in a tab that diff2html keeps in the name. */}
      <div ref={container} class={`overflow-x-auto text-xs [&_.d2h-file-header]:hidden [&_.d2h-file-wrapper]:mb-0 ${HLJS_TOKEN_CLASS}`} />
    </>
  );
}
