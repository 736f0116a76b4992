import { describe, expect, it } from "vitest";
import { changesHref, sessionHref } from "../../../src/routes/links";

describe("changesHref", () => {
  it("opens the session's Changes on a file, whatever characters its path holds", () => {
    const href = changesHref("inst 1", "ses_1", "src/a b&c=d?.ts");
    expect(href.startsWith(`${sessionHref("inst 1", "ses_1")}?`)).toBe(true);
    const query = new URL(href, "http://x").searchParams;
    expect([query.get("changes"), query.get("file")]).toEqual(["session", "src/a b&c=d?.ts"]);
  });

  it("opens the working tree without a file", () => {
    expect(changesHref("i", "s", undefined, "tree")).toBe("/i/i/s/s?changes=tree");
  });
});
