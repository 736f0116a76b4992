/** The app's URLs, in one place: `/i/:instance` and `/i/:instance/s/:session` (deep links). */

export function instanceHref(instanceId: string): string {
  return `/i/${encodeURIComponent(instanceId)}`;
}

export function sessionHref(instanceId: string, sessionId: string): string {
  return `${instanceHref(instanceId)}/s/${encodeURIComponent(sessionId)}`;
}
