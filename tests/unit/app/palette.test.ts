import { describe, expect, it } from "vitest";
import type { MergedRow } from "../../../src/app/merged";
import { paletteEntries, searchPalette } from "../../../src/app/palette";

const row = (key: string, title: string, directory = "/home/dev/alpha"): MergedRow => ({
  key,
  instanceId: key.split(" ")[0],
  sessionId: key.split(" ")[1],
  title,
  directory,
  server: `:${key.split(" ")[0]}`,
  badges: [],
  updated: 0,
  cost: undefined,
  depth: 0,
  haystack: "",
});

const entries = paletteEntries(
  [{ id: "4096", name: ":4096", url: "http://127.0.0.1:4096", href: "/i/4096" }],
  [row("4096 a", "Review checkout"), row("4097 b", "Checkout tests", "/srv/shop"), row("4097 c", "Write docs", "/srv/checkout-docs")],
  (r) => `/i/${r.instanceId}/s/${r.sessionId}`,
);
const labels = (list: { label: string }[]) => list.map((e) => e.label);

describe("the palette's entries and search", () => {
  it("offers the actions, every server and every session with where it lives", () => {
    expect(labels(entries)).toEqual(["All servers", "Add instance", "Server :4096", "Review checkout", "Checkout tests", "Write docs"]);
    expect(entries[4]).toMatchObject({ kind: "session", href: "/i/4097/s/b", detail: ":4097 · /srv/shop" });
  });

  it("ranks a title starting with the query first, then titles holding it, then a match in the detail", () => {
    expect(labels(searchPalette(entries, "checkout"))).toEqual(["Checkout tests", "Review checkout", "Write docs"]);
  });

  it("needs every word, in any case, and caps the list", () => {
    expect(labels(searchPalette(entries, "REVIEW check"))).toEqual(["Review checkout"]);
    expect(labels(searchPalette(entries, "server 4096"))).toEqual(["Server :4096"]);
    expect(searchPalette(entries, "nothing")).toEqual([]);
    expect(searchPalette(entries, "", 2)).toHaveLength(2);
  });
});
