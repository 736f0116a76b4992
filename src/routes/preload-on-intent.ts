/**
 * Loads a session's history as soon as the user reaches for it: on the press of a link to the
 * session (a person's press comes 80–150 ms before the click), and at the latest at the click itself,
 * before the router sees it.
 *
 * Why the click needs it too: the router builds the session view in a promise callback that it
 * queues during its own click listener, and the SDK reaches `fetch` only after a few promise steps
 * of its own. Started from the view, the request waited behind the whole build (~100 ms) before it
 * left; started from an earlier listener, its promise steps all run in the checkpoint after that
 * listener, so the request is on the wire before the view is built and the server answers meanwhile.
 */
import { sessionOfHref } from "./links";

/**
 * Listens on `target` (the document) in the capture phase, so it runs before any handler that
 * navigates. Returns the function that removes the listeners.
 */
export function preloadOnIntent(target: Document, preload: (instanceId: string, sessionId: string) => void): () => void {
  const onIntent = (event: MouseEvent) => {
    // A plain press or click only: a modified one opens another browser tab, not this view.
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    const session = link ? sessionOfHref(link.getAttribute("href") ?? "", target.location.origin) : undefined;
    if (session) preload(session.instanceId, session.sessionId);
  };
  target.addEventListener("pointerdown", onIntent, { capture: true });
  target.addEventListener("click", onIntent, { capture: true });
  return () => {
    target.removeEventListener("pointerdown", onIntent, { capture: true });
    target.removeEventListener("click", onIntent, { capture: true });
  };
}
