/** The app's URLs, in one place: `/i/:instance` and `/i/:instance/s/:session` (deep links). */

export function instanceHref(instanceId: string): string {
  return `/i/${encodeURIComponent(instanceId)}`;
}

export function sessionHref(instanceId: string, sessionId: string): string {
  return `${instanceHref(instanceId)}/s/${encodeURIComponent(sessionId)}`;
}

/** The instance and session a link of this app at `origin` opens (`sessionHref`'s inverse), or undefined. */
export function sessionOfHref(href: string, origin: string): { instanceId: string; sessionId: string } | undefined {
  let url: URL;
  try {
    url = new URL(href, origin);
  } catch {
    return undefined;
  }
  if (url.origin !== origin) return undefined;
  const match = /^\/i\/([^/]+)\/s\/([^/]+)$/.exec(url.pathname);
  return match ? { instanceId: safeDecode(match[1]), sessionId: safeDecode(match[2]) } : undefined;
}

/** A URL segment decoded, or as it is when it is not valid percent-encoding (a hand-edited link). */
export function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * A session with its Changes open (`?changes=session`, or `tree` for the working tree), on `file`
 * when given. The query, not a signal, says what Changes shows, so a changed file in the message log
 * can link to its diff and Back closes it again.
 */
export function changesHref(instanceId: string, sessionId: string, file?: string, source: "session" | "tree" = "session"): string {
  const query = new URLSearchParams({ changes: source });
  if (file) query.set("file", file);
  return `${sessionHref(instanceId, sessionId)}?${query}`;
}
