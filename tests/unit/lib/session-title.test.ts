import { describe, expect, it } from "vitest";
import { friendlyDate, sessionTitle } from "../../../src/lib/session-title";

// Local times, so the expectations hold in any time zone.
const NOW = new Date(2026, 10, 21, 15, 30);
const clock = (date: Date) => new Intl.DateTimeFormat([], { hour: "2-digit", minute: "2-digit" }).format(date);

describe("sessionTitle", () => {
  it("shows the server's default title (an ISO timestamp) as a friendly date", () => {
    const made = new Date(2026, 10, 21, 5, 47, 5);
    expect(sessionTitle({ id: "ses_1", title: `New session - ${made.toISOString()}` }, NOW)).toBe(`New session, today, ${clock(made)}`);
    const child = new Date(2026, 10, 20, 23, 10);
    expect(sessionTitle({ id: "ses_2", title: `Child session - ${child.toISOString()}` }, NOW)).toBe(
      `Child session, yesterday, ${clock(child)}`,
    );
  });

  it("keeps a real title as it is, and falls back to the slug, then the id", () => {
    expect(sessionTitle({ id: "ses_1", title: "Fix the login bug" }, NOW)).toBe("Fix the login bug");
    expect(sessionTitle({ id: "ses_1", title: "New session - not a date" }, NOW)).toBe("New session - not a date");
    expect(sessionTitle({ id: "ses_1", title: "", slug: "calm-rocket" }, NOW)).toBe("calm-rocket");
    expect(sessionTitle({ id: "ses_1" }, NOW)).toBe("ses_1");
  });
});

describe("friendlyDate", () => {
  it("names today and yesterday, gives the day of older ones, and the year of other years", () => {
    const earlier = new Date(2026, 10, 3, 9, 0);
    expect(friendlyDate(earlier, NOW)).toBe(
      `${new Intl.DateTimeFormat([], { day: "numeric", month: "short" }).format(earlier)}, ${clock(earlier)}`,
    );
    const lastYear = new Date(2025, 0, 2, 9, 0);
    expect(friendlyDate(lastYear, NOW)).toContain("2025");
  });
});
