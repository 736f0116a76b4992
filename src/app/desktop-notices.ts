/**
 * Desktop notifications, wired: the user's "Notify me" choice (kept across reloads), the browser's
 * permission, and one effect that turns each server's state into notices (decided in notices.ts)
 * and shows them through the port. The permission is asked for only from `toggle`, that is from a
 * click; never on page load.
 */
import { createEffect, createMemo, createSignal, onCleanup, untrack, type Accessor } from "solid-js";
import type { InstanceState } from "../state/types";
import { makeNoticeTracker, noticeFacts, sessionAbout } from "./notices";
import type { NotificationPort, NotifyPermission } from "./notification-port";
import { loadNotifyWanted, saveNotifyWanted, type Storages } from "./persistence";

/** One server as the notices read it. */
export interface NoticeSource {
  instanceId: string;
  server: string;
  state: InstanceState;
  /** True once the server's sessions were loaded. */
  ready: Accessor<boolean>;
}

/**
 * What the "Notify me" control shows: off; on; wanted but blocked by the browser; wanted where the
 * browser has no notifications; or off because the browser's question was closed unanswered.
 */
export type NotifyStatus = "off" | "on" | "blocked" | "unsupported" | "dismissed";

export interface DesktopNoticesOptions {
  sources: Accessor<NoticeSource[]>;
  port: NotificationPort;
  storages: Storages;
  /** Whether the page is hidden now (read when something happens, not tracked). */
  hidden: () => boolean;
  /** Opens a session (navigates to it): what a click on a notification does. */
  open: (instanceId: string, sessionId: string) => void;
}

export type DesktopNotices = ReturnType<typeof createDesktopNotices>;

/** Call inside a component or root: it creates an effect and cleans up with it. */
export function createDesktopNotices(options: DesktopNoticesOptions) {
  const [wanted, setWanted] = createSignal(loadNotifyWanted(options.storages));
  const [permission, setPermission] = createSignal<NotifyPermission>(options.port.permission());
  const [dismissed, setDismissed] = createSignal(false);
  let asking = false;
  onCleanup(options.port.watch(setPermission));

  const status = createMemo<NotifyStatus>(() => {
    if (!wanted()) return "off";
    switch (permission()) {
      case "granted":
        return "on";
      case "denied":
        return "blocked";
      case "unsupported":
        return "unsupported";
      default:
        // Wanted, but the browser has not been asked (or forgot): off until the user clicks again.
        return dismissed() ? "dismissed" : "off";
    }
  });

  const tracker = makeNoticeTracker();
  createEffect(() => {
    if (status() !== "on") return tracker.reset();
    const sources = options.sources();
    tracker.retain(new Set(sources.map((source) => source.instanceId)));
    for (const source of sources) {
      const facts = noticeFacts(source.state);
      const ready = source.ready();
      const notices = untrack(() =>
        tracker.observe({
          instanceId: source.instanceId,
          server: source.server,
          facts,
          ready,
          hidden: options.hidden(),
          about: (id) => sessionAbout(source.state, id),
        }),
      );
      for (const notice of notices) {
        const shown = options.port.show(notice, () => options.open(notice.instanceId, notice.sessionId));
        // Refused: the permission was withdrawn meanwhile; the control then says so.
        if (!shown) setPermission(options.port.permission());
      }
    }
  });

  return {
    status,
    /** "Notify me" pressed: turns notifications off, or on (asking the browser when it has not been asked). */
    async toggle() {
      if (asking) return;
      if (status() === "on" || status() === "blocked" || status() === "unsupported") {
        setWanted(false);
        saveNotifyWanted(options.storages, false);
        return;
      }
      setDismissed(false);
      setWanted(true);
      saveNotifyWanted(options.storages, true);
      let answer = options.port.permission();
      if (answer === "default") {
        asking = true;
        try {
          answer = await options.port.request();
        } finally {
          asking = false;
        }
      }
      setPermission(answer);
      setDismissed(answer === "default");
    },
  };
}
