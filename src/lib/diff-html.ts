/**
 * A file's unified diff as HTML, drawn by diff2html (a well-kept renderer: line numbers, word-level
 * highlights within changed lines, unified or side by side) and then sanitised by DOMPurify: the patch
 * is the project's file contents, which a model may have written, so it is untrusted even though
 * diff2html escapes it. Only structure and classes survive; no scripts, handlers, links or styles.
 *
 * Syntax colours come afterwards, from highlight.js through diff2html's own UI helper, which reads
 * each code line's text (never its HTML) and writes back highlight.js's escaped output merged with the
 * word-level marks already there. highlight.js and the file's language load on first use only.
 */
import createDOMPurify from "dompurify";
import { html } from "diff2html";
import { Diff2HtmlUI } from "diff2html/lib-esm/ui/js/diff2html-ui-base.js";
import "diff2html/bundles/css/diff2html.min.css";
import { languageForPath, loadLanguage } from "./highlight";

export type DiffLayout = "line-by-line" | "side-by-side";

let purifier: ReturnType<typeof createDOMPurify> | undefined;

export function renderDiff(patch: string, layout: DiffLayout): string {
  purifier ??= createDOMPurify(window);
  const drawn = html(patch, { outputFormat: layout, drawFileList: false, matching: "lines", colorScheme: "auto" as never });
  return purifier.sanitize(drawn, {
    ALLOWED_TAGS: ["div", "span", "table", "tbody", "tr", "td", "th", "thead", "del", "ins", "br", "svg", "path", "label", "input"],
    ALLOWED_ATTR: ["class", "colspan", "viewBox", "d", "width", "height", "aria-hidden", "type"],
    FORBID_ATTR: ["style", "href", "src"],
    // diff2html names the language in data-lang from the patch header (opencode's ends in a tab, so it
    // is useless anyway); the language comes from the file's own name instead.
    ALLOW_DATA_ATTR: false,
  });
}

/** Past this many lines a diff stays plain: colouring it would hold the page for too long. */
export const MAX_HIGHLIGHTED_LINES = 3000;

/**
 * Colours the code lines of a diff already in `container` (from `renderDiff`) as the language of
 * `path`. Resolves true when it did; false for a file we don't highlight, a diff that is too long, or
 * when `current()` says the container was drawn again while the language loaded.
 */
export async function highlightDiff(container: HTMLElement, path: string, current: () => boolean = () => true): Promise<boolean> {
  const language = languageForPath(path);
  if (!language) return false;
  if (container.querySelectorAll(".d2h-code-line-ctn").length > MAX_HIGHLIGHTED_LINES) return false;
  const hljs = await loadLanguage(language);
  if (!current() || !container.isConnected) return false;
  const wrappers = container.querySelectorAll<HTMLElement>(".d2h-file-wrapper");
  // The helper picks each file's language by its data-lang; ours comes from the path, so name it so.
  for (const wrapper of wrappers) wrapper.dataset.lang = language;
  const ui = new Diff2HtmlUI(container, undefined, { highlight: true, highlightLanguages: new Map([[language, language]]) }, hljs);
  ui.highlightCode();
  return true;
}
