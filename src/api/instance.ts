/**
 * An instance is one OpenCode server the user added: where it is, how to authenticate, and what
 * to call it. This module only parses and describes instances; it never talks to the network.
 */

export interface InstanceConfig {
  /** Stable id used in URLs (`/i/:instance`) and as the store key. */
  id: string;
  /** Origin of the server with no trailing slash, e.g. `http://127.0.0.1:4096`. */
  baseUrl: string;
  /** Optional label shown before the host in the instance tab. */
  label?: string;
  /** Basic-auth user name; OpenCode uses `opencode` unless `OPENCODE_SERVER_USERNAME` says otherwise. */
  username?: string;
  /** Basic-auth password (`OPENCODE_SERVER_PASSWORD` on the server). */
  password?: string;
}

export { basicAuthToken, DEFAULT_USERNAME } from "../lib/basic-auth";

export type AddressParse = { ok: true; baseUrl: string } | { ok: false; message: string };

/**
 * Turns what the user typed into a base URL: a bare port means `http://127.0.0.1:PORT`,
 * `host:port` gets `http://`, a full URL keeps its scheme, host and path (trailing slash dropped).
 */
export function parseInstanceAddress(input: string): AddressParse {
  const text = input.trim();
  if (!text) return { ok: false, message: "Enter a port (like 4096) or a URL (like http://127.0.0.1:4096)." };
  if (/^\d+$/.test(text)) {
    const port = Number(text);
    if (port < 1 || port > 65535) return { ok: false, message: `${text} is not a port: use a number from 1 to 65535.` };
    return { ok: true, baseUrl: `http://127.0.0.1:${port}` };
  }
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, message: `“${text}” is not a port or a URL.` };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { ok: false, message: `Use an http:// or https:// address, not ${url.protocol}//.` };
  }
  const path = url.pathname.replace(/\/+$/, "");
  return { ok: true, baseUrl: `${url.protocol}//${url.host}${path}` };
}

/** The short name of an instance: its port for loopback servers, otherwise its host. */
export function instanceHostLabel(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    const loopback = url.hostname === "127.0.0.1" || url.hostname === "localhost" || url.hostname === "[::1]";
    if (loopback && url.port) return `:${url.port}`;
    return url.host + (url.pathname === "/" ? "" : url.pathname);
  } catch {
    return baseUrl;
  }
}

/**
 * A URL-safe id derived from the base URL, so the same server always gets the same deep link.
 * Plain http (the usual local server) keeps the short form; https is marked so that the two schemes
 * on one host and port stay two instances.
 */
export function instanceIdFor(baseUrl: string): string {
  const secure = /^https:\/\//i.test(baseUrl);
  const id = baseUrl.replace(/^https?:\/\//i, "").replace(/[^a-zA-Z0-9]+/g, "-").replace(/^-|-$/g, "");
  return secure ? `s-${id}` : id;
}
