/**
 * The e2e harness: sandboxed real OpenCode servers, a REST driver, the raw global event stream,
 * and (in browser.ts) a real Chromium against the built app. Import from here.
 */
export * from "./opencode";
export * from "./rest";
export * from "./global-events";
export * from "./ports";
export * from "./paths";
export { trackProcess, stopProcess, killProcess, groupAlive, trackGroup } from "./processes";
export * from "./companion";
export * from "./browser";
export * from "./suite";
export * from "./ui";
export * from "./inject-proxy";
export * from "./tui";
