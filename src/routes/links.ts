/** The app's URLs, in one place: `/i/:instance` and `/i/:instance/s/:session` (deep links). */

export function instanceHref(instanceId: string): string {
  return `/i/${encodeURIComponent(instanceId)}`;
}

export function sessionHref(instanceId: string, sessionId: string): string {
  return `${instanceHref(instanceId)}/s/${encodeURIComponent(sessionId)}`;
}

/** A URL segment decoded, or as it is when it is not valid percent-encoding (a hand-edited link). */
export function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
