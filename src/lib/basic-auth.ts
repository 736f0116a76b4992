/**
 * OpenCode's Basic auth (`OPENCODE_SERVER_PASSWORD`, user `opencode` unless
 * `OPENCODE_SERVER_USERNAME` says otherwise), shared by the REST client (src/api) and the event
 * stream (src/transport), which must not depend on each other.
 */

export const DEFAULT_USERNAME = "opencode";

/** The value of a Basic `Authorization` header (without "Basic "), or undefined when no password is set. */
export function basicAuthToken(config: { username?: string; password?: string }): string | undefined {
  if (!config.password) return undefined;
  const raw = `${config.username || DEFAULT_USERNAME}:${config.password}`;
  // btoa only takes Latin-1; encode UTF-8 first so any password works.
  const bytes = new TextEncoder().encode(raw);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** The headers a request to the server carries: `Authorization: Basic …` when a password is set. */
export function authHeaders(config: { username?: string; password?: string }): Record<string, string> {
  const token = basicAuthToken(config);
  return token ? { Authorization: `Basic ${token}` } : {};
}
