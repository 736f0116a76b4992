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

/** The app icon as an SVG data URL, with a red badge holding the count when it is above zero. */
export function faviconHref(waiting: number): string {
  if (waiting <= 0) return "/favicon.svg";
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
  link.type = "image/svg+xml";
  link.href = faviconHref(waiting);
}
