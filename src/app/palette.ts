/**
 * What the command palette ("Go to") offers and how it ranks a typed query: servers, every session
 * of every server, and a few actions. Pure: the palette component renders what `searchPalette`
 * returns, and the bench times it over 5,000 sessions.
 *
 * Why not fuse.js: fuzzy scoring ranks "chk" above "checkout" in surprising orders, and people
 * jumping to a session type words of its title; word-wise substring matching with a rank for where
 * the words hit is predictable, needs no dependency and filters 5,000 entries well within a frame.
 */
import type { MergedRow } from "./merged";

export type PaletteAction = "all-servers" | "add-instance";

export type PaletteEntry = {
  /** Unique within the palette (an option's id is derived from it). */
  key: string;
  label: string;
  /** A second line: the server and directory of a session, the URL of a server. */
  detail: string;
  /** Lower-cased label, then detail: what the query is matched against. */
  haystack: string;
} & ({ kind: "server" | "session"; href: string } | { kind: "action"; action: PaletteAction });

export interface PaletteServer {
  id: string;
  /** Its label and port or host, as its tab shows it. */
  name: string;
  url: string;
  href: string;
}

const entry = <T extends Omit<PaletteEntry, "haystack">>(value: T) =>
  ({ ...value, haystack: `${value.label}\n${value.detail}`.toLowerCase() }) as unknown as PaletteEntry;

/** Actions first (they are few), then servers, then sessions in the merged list's order. */
export function paletteEntries(
  servers: readonly PaletteServer[],
  sessions: readonly MergedRow[],
  href: (row: MergedRow) => string,
): PaletteEntry[] {
  return [
    entry({
      key: "action:all",
      kind: "action",
      action: "all-servers",
      label: "All servers",
      detail: "Every session and everything that needs you",
    }),
    entry({ key: "action:add", kind: "action", action: "add-instance", label: "Add instance", detail: "Connect another OpenCode server" }),
    ...servers.map((server) =>
      entry({ key: `server:${server.id}`, kind: "server", label: `Server ${server.name}`, detail: server.url, href: server.href }),
    ),
    ...sessions.map((row) =>
      entry({ key: `session:${row.key}`, kind: "session", label: row.title, detail: `${row.server} · ${row.directory}`, href: href(row) }),
    ),
  ];
}

/**
 * The entries matching every word of `query` (any case), best first: the label starting with the
 * query, then the label holding every word, then matches in the detail only; ties keep their order.
 * At most `limit` entries, so the list in the DOM stays short whatever is typed.
 */
export function searchPalette(entries: readonly PaletteEntry[], query: string, limit = 50): PaletteEntry[] {
  const text = query.trim().toLowerCase();
  if (!text) return entries.slice(0, limit);
  const words = text.split(/\s+/);
  const ranks: PaletteEntry[][] = [[], [], []];
  for (const candidate of entries) {
    let all = true;
    for (const word of words)
      if (!candidate.haystack.includes(word)) {
        all = false;
        break;
      }
    if (!all) continue;
    const label = candidate.label.toLowerCase();
    const rank = label.startsWith(text) ? 0 : words.every((word) => label.includes(word)) ? 1 : 2;
    ranks[rank].push(candidate);
    // Rank 0 alone filling the list means nothing later can enter it.
    if (ranks[0].length >= limit) break;
  }
  return ranks.flat().slice(0, limit);
}
