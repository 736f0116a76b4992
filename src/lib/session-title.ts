/**
 * What a session is called on screen. OpenCode names an untitled session by the moment it was made,
 * as an ISO timestamp ("New session - 2026-11-21T04:47:05.658Z", captures/; "Child session - …" for a
 * child), until the model proposes a title. People read that better as a date: "New session, today 05:47".
 */
import type { Session } from "@opencode-ai/sdk/v2/client";

const DEFAULT_TITLE = /^(New session|Child session) - (\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z)$/;

let time: Intl.DateTimeFormat | undefined;
let dayMonth: Intl.DateTimeFormat | undefined;
let dayMonthYear: Intl.DateTimeFormat | undefined;

/** "today, 05:47", "yesterday, 23:10", "21 Nov, 05:47" or "21 Nov 2025, 05:47" in the reader's locale and zone. */
export function friendlyDate(date: Date, now: Date = new Date()): string {
  time ??= new Intl.DateTimeFormat([], { hour: "2-digit", minute: "2-digit" });
  const clock = time.format(date);
  const startOfDay = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((startOfDay(now) - startOfDay(date)) / 86_400_000);
  if (days === 0) return `today, ${clock}`;
  if (days === 1) return `yesterday, ${clock}`;
  if (date.getFullYear() === now.getFullYear()) {
    dayMonth ??= new Intl.DateTimeFormat([], { day: "numeric", month: "short" });
    return `${dayMonth.format(date)}, ${clock}`;
  }
  dayMonthYear ??= new Intl.DateTimeFormat([], { day: "numeric", month: "short", year: "numeric" });
  return `${dayMonthYear.format(date)}, ${clock}`;
}

/** The title to show: the session's own, its server-made default as a friendly date, or its slug or id. */
export function sessionTitle(session: Pick<Session, "id"> & Partial<Pick<Session, "title" | "slug">>, now?: Date): string {
  const title = typeof session.title === "string" ? session.title.trim() : "";
  const made = DEFAULT_TITLE.exec(title);
  if (made) {
    const date = new Date(made[2]);
    if (!Number.isNaN(date.getTime())) return `${made[1]}, ${friendlyDate(date, now)}`;
  }
  // Server data: a slug that is not a string is not shown.
  return title || (typeof session.slug === "string" && session.slug) || session.id;
}
