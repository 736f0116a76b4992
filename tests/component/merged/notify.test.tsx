/**
 * Desktop notifications through the whole app and the real router, with a fake Notification port and
 * a page whose visibility the test sets: "Notify me" asks only when pressed, the browser's refusal is
 * said in words, and each event notifies once, only while the page is hidden; a click opens the session.
 */
import "../shell/setup";
import "./viewport";
import type { PermissionRequest } from "@opencode-ai/sdk/v2/client";
import { render, screen, waitFor, within } from "@solidjs/testing-library";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { NotificationPort, NotifyPermission } from "../../../src/app/notification-port";
import { App } from "../../../src/routes/app";
import { session } from "../app/rig";
import { twoServers } from "./two-servers";

/** A Notification API that records what it shows; `answer` is what the browser's question returns. */
function fakeNotifications(initial: NotifyPermission, answer: NotifyPermission = "granted") {
  let permission = initial;
  let requests = 0;
  const shown: Array<{ title: string; body: string; tag: string; click: () => void }> = [];
  const port: NotificationPort = {
    permission: () => permission,
    request: async () => {
      requests++;
      permission = answer;
      return answer;
    },
    show: (notice, onClick) => {
      if (permission !== "granted") return false;
      shown.push({ title: notice.title, body: notice.body, tag: notice.tag, click: onClick });
      return true;
    },
    watch: () => () => undefined,
  };
  return { port, shown, requests: () => requests };
}

const bash = (id: string, sessionID: string): PermissionRequest => ({
  id,
  sessionID,
  permission: "bash",
  patterns: ["ls"],
  metadata: { command: "ls -la" },
  always: ["ls *"],
});

async function openAll(
  notifications: NotificationPort,
  page: { hidden: boolean },
  before?: (storage: { setItem(k: string, v: string): void }) => void,
) {
  const rig = await twoServers(
    [session("ses_a1", "Review checkout", { time: { created: 1, updated: 300 } })],
    [session("ses_b1", "Write docs", { directory: "/srv/site", time: { created: 1, updated: 200 } })],
    { notifications, pageHidden: () => page.hidden },
  );
  before?.(rig.board.environment.storages.local!);
  window.history.replaceState(null, "", "/all");
  render(() => <App switchboard={rig.board} />);
  await screen.findByRole("region", { name: "All sessions" });
  const needsYou = screen.getByRole("region", { name: "Needs you" });
  return { ...rig, user: userEvent.setup(), needsYou, notifyMe: () => within(needsYou).getByRole("button", { name: "Notify me" }) };
}

describe("desktop notifications", () => {
  it("asks the browser only when Notify me is pressed, never on page load, even when it was on before", { timeout: 30_000 }, async () => {
    const fake = fakeNotifications("default");
    const { user, notifyMe, cleanup } = await openAll(fake.port, { hidden: true }, (storage) =>
      storage.setItem("switchboard.notify", "true"),
    );
    expect(notifyMe()).toHaveAttribute("aria-pressed", "false");
    expect(fake.requests()).toBe(0);
    await user.click(notifyMe());
    await waitFor(() => expect(notifyMe()).toHaveAttribute("aria-pressed", "true"));
    expect(fake.requests()).toBe(1);
    // Off again: nothing more is asked, and the choice is kept.
    await user.click(notifyMe());
    expect(notifyMe()).toHaveAttribute("aria-pressed", "false");
    expect(fake.requests()).toBe(1);
    cleanup();
  });

  it("says so when the browser blocks notifications", { timeout: 30_000 }, async () => {
    const blocked = fakeNotifications("default", "denied");
    const first = await openAll(blocked.port, { hidden: true });
    await first.user.click(first.notifyMe());
    await within(first.needsYou).findByText(/Notifications are blocked by the browser for this site/);
    // Nothing can be shown; pressing again turns the wish off and the sentence goes.
    first.stream("4097").send({ type: "permission.asked", properties: bash("per_01", "ses_b1") }, "/srv/site");
    await within(first.needsYou).findByText("ls -la");
    expect(blocked.shown).toEqual([]);
    await first.user.click(first.notifyMe());
    expect(within(first.needsYou).queryByText(/blocked/)).toBeNull();
    first.cleanup();
  });

  it("says so when the browser has no notifications here, and asks nothing", { timeout: 30_000 }, async () => {
    const none = fakeNotifications("unsupported");
    const second = await openAll(none.port, { hidden: true });
    await second.user.click(second.notifyMe());
    await within(second.needsYou).findByText(/This browser cannot show desktop notifications on this page/);
    expect(none.requests()).toBe(0);
    second.cleanup();
  });

  it("says so when the browser's question was closed unanswered, and stays off", { timeout: 30_000 }, async () => {
    const closed = fakeNotifications("default", "default");
    const third = await openAll(closed.port, { hidden: true });
    await third.user.click(third.notifyMe());
    await within(third.needsYou).findByText(/closed without an answer/);
    expect(third.notifyMe()).toHaveAttribute("aria-pressed", "false");
    third.cleanup();
  });

  it(
    "notifies a permission on a hidden page once, even when a resync brings it back, and a click opens its session",
    { timeout: 30_000 },
    async () => {
      const fake = fakeNotifications("granted");
      const page = { hidden: true };
      const { user, notifyMe, needsYou, stream, board, ids, pending, cleanup } = await openAll(fake.port, page);
      await user.click(notifyMe());
      await waitFor(() => expect(notifyMe()).toHaveAttribute("aria-pressed", "true"));
      expect(fake.requests()).toBe(0); // already granted: nothing to ask

      stream("4097").send({ type: "permission.asked", properties: bash("per_01", "ses_b1") }, "/srv/site");
      await waitFor(() => expect(fake.shown).toHaveLength(1));
      expect(fake.shown[0]).toMatchObject({ title: "Write docs", body: "Permission for bash: ls -la · :4097", tag: `${ids.b} ses_b1` });
      // The same event again, and a reload of the server's state that still lists the request: no second notice.
      stream("4097").send({ type: "permission.asked", properties: bash("per_01", "ses_b1") }, "/srv/site");
      pending["4097"] = [bash("per_01", "ses_b1")];
      await board.runtime(ids.b)!.resync();
      await within(needsYou).findByText("ls -la");
      expect(fake.shown).toHaveLength(1);

      fake.shown[0].click();
      await waitFor(() => expect(window.location.pathname).toBe(`/i/${ids.b}/s/ses_b1`));
      const sessions = await screen.findByRole("tablist", { name: "Sessions" });
      await waitFor(() => expect(within(sessions).getByRole("tab", { name: /Write docs/ })).toHaveAttribute("aria-selected", "true"));
      cleanup();
    },
  );

  it("shows nothing while the page is visible; a finish and a failure while hidden each notify once", { timeout: 30_000 }, async () => {
    const fake = fakeNotifications("granted");
    const page = { hidden: false };
    const { user, notifyMe, needsYou, stream, cleanup } = await openAll(fake.port, page);
    await user.click(notifyMe());
    await waitFor(() => expect(notifyMe()).toHaveAttribute("aria-pressed", "true"));

    stream("4097").send({ type: "permission.asked", properties: bash("per_02", "ses_b1") }, "/srv/site");
    await within(needsYou).findByText("ls -la");
    stream("4096").send({ type: "session.status", properties: { sessionID: "ses_a1", status: { type: "busy" } } }, "/home/dev/alpha");
    await within(screen.getByRole("region", { name: "All sessions" })).findByText("busy");
    expect(fake.shown).toEqual([]);

    page.hidden = true;
    stream("4096").send({ type: "session.status", properties: { sessionID: "ses_a1", status: { type: "idle" } } }, "/home/dev/alpha");
    await waitFor(() => expect(fake.shown.map((n) => [n.title, n.body])).toEqual([["Review checkout", "Finished · :4096"]]));

    stream("4097").send({ type: "session.status", properties: { sessionID: "ses_b1", status: { type: "busy" } } }, "/srv/site");
    stream("4097").send(
      { type: "session.error", properties: { sessionID: "ses_b1", error: { name: "APIError", data: { message: "rate limited" } } } },
      "/srv/site",
    );
    stream("4097").send({ type: "session.status", properties: { sessionID: "ses_b1", status: { type: "idle" } } }, "/srv/site");
    await waitFor(() => expect(fake.shown).toHaveLength(2));
    expect(fake.shown[1]).toMatchObject({ title: "Write docs", body: "Failed: rate limited · :4097" });
    cleanup();
  });
});
