/**
 * The browser's Notification API behind the few calls the app makes, so tests hand in a fake and
 * nothing else touches `window.Notification`.
 */

/** The browser's answer, or "unsupported" where there is no Notification API (or it throws). */
export type NotifyPermission = NotificationPermission | "unsupported";

export interface NotificationPort {
  /** The permission as it stands; never asks. */
  permission(): NotifyPermission;
  /** Asks the user (the browser's prompt); call only from a click of theirs. */
  request(): Promise<NotifyPermission>;
  /** Shows one notification; `onClick` runs when the user clicks it. False when the browser refused it. */
  show(notice: { title: string; body: string; tag: string }, onClick: () => void): boolean;
  /** Calls `listener` when the user changes the permission in the browser's site settings; returns the unsubscribe. */
  watch(listener: (permission: NotifyPermission) => void): () => void;
}

/** The real thing. Notifications need a secure context (https or localhost); elsewhere this says "unsupported". */
export function browserNotificationPort(
  win: { isSecureContext?: boolean; Notification?: typeof Notification; navigator?: Navigator; focus?: () => void } = globalThis,
): NotificationPort {
  const api = () => (win.isSecureContext && typeof win.Notification === "function" ? win.Notification : undefined);
  const permission = (): NotifyPermission => api()?.permission ?? "unsupported";
  return {
    permission,
    async request() {
      const Notify = api();
      if (!Notify) return "unsupported";
      try {
        return await Notify.requestPermission();
      } catch {
        return permission();
      }
    },
    show(notice, onClick) {
      const Notify = api();
      if (!Notify || Notify.permission !== "granted") return false;
      try {
        // `renotify`: with the tag shared by a session's notices, a newer one alerts again instead of
        // silently replacing the entry (not in TypeScript's DOM types yet).
        const options = { body: notice.body, tag: notice.tag, renotify: true, icon: "/favicon.svg" } as NotificationOptions;
        const notification = new Notify(notice.title, options);
        notification.onclick = (event) => {
          event.preventDefault();
          win.focus?.();
          onClick();
          notification.close();
        };
        return true;
      } catch {
        // Chrome on Android allows notifications only from a service worker: `new Notification` throws.
        return false;
      }
    },
    watch(listener) {
      let status: PermissionStatus | undefined;
      let stopped = false;
      const changed = () => listener(permission());
      win.navigator?.permissions
        ?.query({ name: "notifications" })
        .then((answer) => {
          if (stopped) return;
          status = answer;
          status.addEventListener("change", changed);
        })
        .catch(() => undefined);
      return () => {
        stopped = true;
        status?.removeEventListener("change", changed);
      };
    },
  };
}
