/**
 * A file's unified diff as HTML, drawn by diff2html (a well-kept renderer: line numbers, word-level
 * highlights within changed lines, unified or side by side) and then sanitised by DOMPurify: the patch
 * is the project's file contents, which a model may have written, so it is untrusted even though
 * diff2html escapes it. Only structure and classes survive; no scripts, handlers, links or styles.
 */
import createDOMPurify from "dompurify";
import { html } from "diff2html";
import "diff2html/bundles/css/diff2html.min.css";

export type DiffLayout = "line-by-line" | "side-by-side";

let purifier: ReturnType<typeof createDOMPurify> | undefined;

export function renderDiff(patch: string, layout: DiffLayout): string {
  purifier ??= createDOMPurify(window);
  const drawn = html(patch, { outputFormat: layout, drawFileList: false, matching: "lines", colorScheme: "auto" as never });
  return purifier.sanitize(drawn, {
    ALLOWED_TAGS: ["div", "span", "table", "tbody", "tr", "td", "th", "thead", "del", "ins", "br", "svg", "path", "label", "input"],
    ALLOWED_ATTR: ["class", "colspan", "viewBox", "d", "width", "height", "aria-hidden", "type"],
    FORBID_ATTR: ["style", "href", "src"],
  });
}
