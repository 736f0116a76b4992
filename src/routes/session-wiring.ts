/**
 * What every session action needs to reach the server and take its answer: the session as the store
 * holds it (or a sentence when it is not loaded), a way to take the session the server answered
 * with, and the router's navigate (a no-op outside a router, as when a test renders a view alone).
 */
import type { Session } from "@opencode-ai/sdk/v2/client";
import { useNavigate } from "@solidjs/router";
import type { InstanceRuntime } from "../app/instance-runtime";

export function routerNavigate(): (href: string) => void {
  try {
    return useNavigate();
  } catch {
    return () => undefined;
  }
}

/** The session to act on; throws the sentence to show when the store does not hold it (yet). */
export function sessionTarget(runtime: InstanceRuntime, sessionId: string): Session {
  const current = runtime.store.state.sessions[sessionId];
  if (!current) throw new Error("This session is not loaded yet: wait for the server to reconnect.");
  return current;
}

/** The server answers with the session as it is now; take it at once rather than wait for its event. */
export function takeSession(runtime: InstanceRuntime): (updated: Session) => void {
  return (updated) => {
    if (updated && typeof updated.id === "string") runtime.store.applySnapshot({ sessions: [updated] });
  };
}
