/**
 * Shared set-up for the shell component tests; import it first in each test file. Vitest runs without
 * globals here, so @solidjs/testing-library cannot register its own cleanup: without this, every
 * render stays in the document and role queries find the previous test's elements too. Kobalte's
 * popper and presence code also asks for `ResizeObserver` and `matchMedia`, which jsdom lacks.
 */
import { cleanup } from "@solidjs/testing-library";
import { afterEach } from "vitest";

afterEach(() => cleanup());

if (typeof globalThis.ResizeObserver === "undefined") {
  globalThis.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
}

if (typeof window !== "undefined" && typeof window.matchMedia !== "function") {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addEventListener() {},
      removeEventListener() {},
      addListener() {},
      removeListener() {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

// jsdom logs "Not implemented" for scrollTo, which Kobalte's scroll lock calls on open and close.
if (typeof window !== "undefined") window.scrollTo = () => {};
