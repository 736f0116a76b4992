import { describe, expect, it } from "vitest";
import { count, formatNumber } from "../../../src/lib/count";

describe("count", () => {
  it("says one thing in the singular and any other number in the plural", () => {
    expect(count(1, "session")).toBe("1 session");
    expect(count(0, "session")).toBe("0 sessions");
    expect(count(2, "file")).toBe("2 files");
    expect(count(1.5, "line")).toBe("1.5 lines");
  });

  it("groups thousands", () => {
    expect(count(5000, "session")).toBe("5,000 sessions");
    expect(count(1_234_567, "event")).toBe("1,234,567 events");
    expect(formatNumber(12345)).toBe("12,345");
  });

  it("takes a plural that is not just an added s", () => {
    expect(count(1, "reply", "replies")).toBe("1 reply");
    expect(count(3, "reply", "replies")).toBe("3 replies");
  });
});
