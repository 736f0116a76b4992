import "@testing-library/jest-dom/vitest";

// Drafts and model choices live in localStorage (app/session-prefs): each test starts without them.
import { afterEach as afterEachTest } from "vitest";
import { resetSessionPrefs } from "../../src/app/session-prefs";
afterEachTest(() => {
  globalThis.localStorage?.removeItem("switchboard.sessionPrefs");
  resetSessionPrefs();
});
