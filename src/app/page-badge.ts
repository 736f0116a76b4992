/**
 * What waits for the user, shown outside the page: the count leads the document title and sits as a
 * badge on the favicon, so a background browser tab still says "3 things need you".
 */
import icon from "../../public/favicon.svg?raw";

const TITLE = "OpenCode Switchboard";

/** The page title with the waiting count first (it survives a narrow browser tab). */
export function pageTitle(waiting: number): string {
  return waiting > 0 ? `(${waiting}) ${TITLE}` : TITLE;
}

/**
 * The app icon: a PNG while nothing waits, else an SVG data URL with a red badge holding the count.
 * Not the SVG file while nothing waits: Chromium fetches the icon again on every `pushState`, and
 * an SVG icon is decoded as a document of its own on the page's main thread (10–25 ms here, in the
 * middle of opening a session), where a 32 px PNG costs next to nothing.
 */
export const PLAIN_FAVICON = "/favicon-32.png";

export function faviconHref(waiting: number): string {
  if (waiting <= 0) return PLAIN_FAVICON;
  const text = waiting > 99 ? "99+" : String(waiting);
  const size = text.length > 2 ? 9 : 12;
  const badge = `<circle cx="23" cy="9" r="9" fill="#dc2626"/><text x="23" y="9" dy="0.35em" text-anchor="middle" font-family="system-ui,sans-serif" font-weight="700" font-size="${size}" fill="#fff">${text}</text>`;
  return `data:image/svg+xml,${encodeURIComponent(icon.replace("</svg>", `${badge}</svg>`))}`;
}

/** Writes the title and the favicon of `doc` for `waiting` (called from an effect of the shell). */
export function showWaiting(doc: Document, waiting: number): void {
  doc.title = pageTitle(waiting);
  let link = doc.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (!link) {
    link = doc.createElement("link");
    link.rel = "icon";
    doc.head.append(link);
  }
  const href = faviconHref(waiting);
  link.type = href === PLAIN_FAVICON ? "image/png" : "image/svg+xml";
  link.href = href;
}
