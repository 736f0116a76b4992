import { describe, expect, it, vi } from "vitest";
import { browserNotificationPort } from "../../../src/app/notification-port";

/** A stand-in for `window.Notification` that records what was made. */
function fakeApi(permission: NotificationPermission, behaviour: { throws?: boolean; answer?: NotificationPermission } = {}) {
  const made: Array<{ title: string; options: NotificationOptions; onclick: ((event: Event) => void) | null; closed: boolean }> = [];
  class FakeNotification {
    static permission = permission;
    static requestPermission = vi.fn(async () => {
      FakeNotification.permission = behaviour.answer ?? "granted";
      return FakeNotification.permission;
    });
    onclick: ((event: Event) => void) | null = null;
    closed = false;
    constructor(
      readonly title: string,
      readonly options: NotificationOptions,
    ) {
      if (behaviour.throws) throw new TypeError("Illegal constructor");
      made.push(this);
    }
    close() {
      this.closed = true;
    }
  }
  return { Notification: FakeNotification as unknown as typeof Notification, made };
}

describe("browserNotificationPort", () => {
  it("says unsupported where there is no Notification API or the page is not a secure context", async () => {
    expect(browserNotificationPort({ isSecureContext: true }).permission()).toBe("unsupported");
    const insecure = browserNotificationPort({ isSecureContext: false, Notification: fakeApi("granted").Notification });
    expect(insecure.permission()).toBe("unsupported");
    expect(await insecure.request()).toBe("unsupported");
    expect(insecure.show({ title: "t", body: "b", tag: "x" }, () => undefined)).toBe(false);
  });

  it("asks the browser only in request(), and shows nothing until granted", async () => {
    const api = fakeApi("default");
    const port = browserNotificationPort({ isSecureContext: true, Notification: api.Notification });
    expect(port.permission()).toBe("default");
    expect(port.show({ title: "t", body: "b", tag: "x" }, () => undefined)).toBe(false);
    expect(api.Notification.requestPermission).not.toHaveBeenCalled();
    expect(await port.request()).toBe("granted");
    expect(api.Notification.requestPermission).toHaveBeenCalledTimes(1);
  });

  it("shows one notification with body and tag; a click focuses the window, opens, and closes it", () => {
    const api = fakeApi("granted");
    const focus = vi.fn();
    const open = vi.fn();
    const port = browserNotificationPort({ isSecureContext: true, Notification: api.Notification, focus });
    expect(port.show({ title: "Fix login", body: "Finished · :4096", tag: "4096 ses_1" }, open)).toBe(true);
    expect(api.made).toHaveLength(1);
    expect(api.made[0]).toMatchObject({
      title: "Fix login",
      options: expect.objectContaining({ body: "Finished · :4096", tag: "4096 ses_1" }),
    });
    api.made[0].onclick!(new Event("click", { cancelable: true }));
    expect(focus).toHaveBeenCalledTimes(1);
    expect(open).toHaveBeenCalledTimes(1);
    expect(api.made[0].closed).toBe(true);
  });

  it("reports a browser that refuses to construct one (Chrome on Android wants a service worker) instead of throwing", () => {
    const api = fakeApi("granted", { throws: true });
    expect(
      browserNotificationPort({ isSecureContext: true, Notification: api.Notification }).show(
        { title: "t", body: "b", tag: "x" },
        () => undefined,
      ),
    ).toBe(false);
  });
});
