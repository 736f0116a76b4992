/**
 * Defaults for the SSEManager's injectable surroundings: the page's online/visibility signals and
 * the global timers. Kept apart so the manager itself never touches `window` or `document`.
 */
import type { TransportEnvironment, TransportTimers } from "./types";

/**
 * The real page: `online` on window, `visibilitychange` on document, visible when
 * `document.visibilityState` is "visible". Returns undefined where there is no window and document
 * (node, workers), so the manager then registers no listeners at all.
 */
export function browserEnvironment(): TransportEnvironment | undefined {
  if (typeof window === "undefined" || typeof document === "undefined") return undefined;
  const targetOf = (type: "online" | "visibilitychange"): EventTarget => (type === "online" ? window : document);
  return {
    addEventListener: (type, listener) => targetOf(type).addEventListener(type, listener),
    removeEventListener: (type, listener) => targetOf(type).removeEventListener(type, listener),
    isVisible: () => document.visibilityState === "visible",
  };
}

/**
 * The global setTimeout/clearTimeout, looked up at call time rather than captured, so fake timers
 * installed after the manager was built (vi.useFakeTimers) still take effect.
 */
export const globalTimers: TransportTimers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};
