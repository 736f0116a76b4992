/**
 * jsdom lays nothing out, so the virtual "All sessions" list would see a 0 px viewport and draw no
 * rows. Give its scroller the 600 px a browser would (import this in the test files that need rows).
 */
import { afterAll, beforeAll } from "vitest";

const own = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "clientHeight");
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, "clientHeight", {
    configurable: true,
    get(this: HTMLElement) {
      return this.hasAttribute("data-merged-scroller") ? 600 : 0;
    },
  });
});
afterAll(() => {
  if (own) Object.defineProperty(HTMLElement.prototype, "clientHeight", own);
  else delete (HTMLElement.prototype as unknown as Record<string, unknown>).clientHeight;
});
