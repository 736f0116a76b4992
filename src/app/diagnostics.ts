/**
 * Gathers the diagnostics report of one server (ui/diagnostics.tsx) from what its runtime knows.
 * The address is reduced to scheme, host and path: a URL typed with `user:password@` must not end
 * up in a bug report.
 */
import { unwrap } from "solid-js/store";
import { recentRenderErrors } from "../ui/part-boundary";
import { describeStatus } from "../ui/connection-status";
import type { DiagnosticsReport } from "../ui/diagnostics";
import type { InstanceRuntime } from "./instance-runtime";

/** The address without credentials, query or fragment. */
export function publicAddress(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    return `${url.protocol}//${url.host}${url.pathname === "/" ? "" : url.pathname}`;
  } catch {
    return "(an address that is not a URL)";
  }
}

export function collectDiagnostics(runtime: InstanceRuntime, now: number = Date.now()): DiagnosticsReport {
  const config = runtime.config();
  const state = unwrap(runtime.store.state);
  const status = describeStatus(runtime.status());
  return {
    generatedAt: now,
    server: publicAddress(config.baseUrl),
    label: config.label,
    passwordSet: Boolean(config.password),
    version: runtime.version(),
    status: status.detail ? `${status.word}: ${status.detail}` : status.word,
    counts: runtime.connectionCounts(),
    dropped: { ...state.dropped },
    recentDrops: state.recentDrops.map((drop) => ({ ...drop })),
    renderErrors: [...recentRenderErrors()],
    syncError: runtime.syncError(),
    sessions: Object.keys(state.sessions).length,
    userAgent: typeof navigator === "undefined" ? undefined : navigator.userAgent,
  };
}
