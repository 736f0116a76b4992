/**
 * The rules that make a loopback server safe to leave running while the user browses elsewhere:
 * which Host names it answers (DNS rebinding: a foreign site's name resolving to 127.0.0.1 carries
 * its own Host), which Origin may change state, the per-launch token, and the headers every answer
 * carries. Pure functions; server.ts and api.ts apply them.
 */
import { timingSafeEqual } from "node:crypto";

/** The names this server may be reached by: loopback with its own port, nothing else. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
}

/** Whether a request's Host header is one of ours (case-insensitive, as host names are). */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  return allowedHosts(port).includes(host.toLowerCase());
}

/** Whether an Origin header is the app's own page (http on a loopback name with our port). */
export function isOwnOrigin(origin: string | undefined, port: number): boolean {
  if (!origin) return false;
  return allowedHosts(port).some((host) => origin.toLowerCase() === `http://${host}`);
}

/** Compares a token in constant time; a missing or differently sized one is simply wrong. */
export function tokenMatches(given: string | undefined, expected: string): boolean {
  if (typeof given !== "string" || !expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * What the app needs and nothing more: its own scripts, styles, fonts and images (plus data: images,
 * which the markdown renderer's icons use), and connections to any OpenCode server the user adds,
 * wherever it is (hence every http: and https: origin). `frame-ancestors 'none'`: another page must
 * not frame the app and lure clicks onto "Always allow".
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  // Solid puts static `style="…"` attributes into the HTML of its templates; attributes only, never <style>.
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self' http: https:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** Headers on every answer, static or API, errors included. Never any CORS header. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
};
