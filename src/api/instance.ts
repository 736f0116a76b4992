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

const ADDRESS_HINT = "Enter a port (like 4096) or a URL (like http://127.0.0.1:4096).";

// What a host name or IPv4 address may hold (RFC 1123 letters, digits, dots and hyphens); an IPv6
// literal comes in brackets. Checked by hand because browsers differ: Chromium's URL parser turns
// "hello world !!" into the host "hello%20world%20!!" where Node's refuses it.
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$|^\[[0-9a-f:.]+\]$/i;

/**
 * Turns what the user typed into a base URL: a bare port means `http://127.0.0.1:PORT`,
 * `host:port` gets `http://`, a full URL keeps its scheme, host and path (trailing slash dropped).
 * Anything that does not name a host (spaces, punctuation) is refused with a sentence.
 */
export function parseInstanceAddress(input: string): AddressParse {
  const text = input.trim();
  if (!text) return { ok: false, message: ADDRESS_HINT };
  if (/^\d+$/.test(text)) {
    const port = Number(text);
    if (port < 1 || port > 65535) return { ok: false, message: `${text} is not a port: use a number from 1 to 65535.` };
    return { ok: true, baseUrl: `http://127.0.0.1:${port}` };
  }
  const notAnAddress: AddressParse = { ok: false, message: `“${text}” is not a port or URL. ${ADDRESS_HINT}` };
  if (/\s/.test(text)) return notAnAddress;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return notAnAddress;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { ok: false, message: `Use an http:// or https:// address, not ${url.protocol}//.` };
  }
  if (!HOST.test(url.hostname)) return notAnAddress;
  const path = url.pathname.replace(/\/+$/, "");
  return { ok: true, baseUrl: `${url.protocol}//${url.host}${path}` };
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * A key that is the same for every address of one server: `localhost`, `127.0.0.1` and `[::1]` with
 * the same scheme and port all reach this machine's server, so `4096` and `localhost:4096` are one.
 */
export function serverKey(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    const host = LOOPBACK.has(url.hostname.toLowerCase()) ? "loopback" : url.hostname.toLowerCase();
    return `${url.protocol}//${host}:${url.port}${url.pathname.replace(/\/+$/, "")}`;
  } catch {
    return baseUrl;
  }
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
  const id = baseUrl
    .replace(/^https?:\/\//i, "")
    .replace(/[^a-zA-Z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return secure ? `s-${id}` : id;
}

/**
 * The address an instance id most likely came from, for a deep link to an instance that is not added
 * ("Add http://127.0.0.1:4096"). Ids are lossy (every run of other characters became "-"), so this
 * only answers for the usual shapes: an IPv4 address or a dotless host name, then the port.
 */
export function addressFromInstanceId(id: string): string | undefined {
  const secure = id.startsWith("s-");
  const match = /^(.+)-(\d{1,5})$/.exec(secure ? id.slice(2) : id);
  if (!match) return undefined;
  const [, host, port] = match;
  const ipv4 = /^\d{1,3}(-\d{1,3}){3}$/.test(host) ? host.replaceAll("-", ".") : undefined;
  const name = /^[a-zA-Z][a-zA-Z0-9]*$/.test(host) ? host : undefined;
  const hostname = ipv4 ?? name;
  if (!hostname || Number(port) < 1 || Number(port) > 65535) return undefined;
  return `${secure ? "https" : "http"}://${hostname}:${port}`;
}
