/**
 * The session view, loaded on its own chunk: it carries the message renderer (marked, DOMPurify), which
 * the shell does not need for its first paint. `loadSessionView()` fetches it ahead (the shell calls it
 * in idle time), so opening a session normally finds it loaded.
 *
 * A signal rather than Solid's `lazy` + Suspense: under the router's navigation transitions the
 * Suspense fallback stayed up after the chunk had loaded (seen in Chromium, not in jsdom).
 */
import { createSignal, Show } from "solid-js";
import { Dynamic } from "solid-js/web";
import type { InstanceRuntime } from "../app/instance-runtime";

type SessionViewModule = typeof import("./session-view");

const [loaded, setLoaded] = createSignal<SessionViewModule>();
let loading: Promise<SessionViewModule> | undefined;

/** Starts loading the session view's chunk (once) and resolves with its module. */
export function loadSessionView(): Promise<SessionViewModule> {
  loading ??= import("./session-view").then((module) => {
    setLoaded(() => module);
    return module;
  });
  return loading;
}

export function LazySessionView(props: { runtime: InstanceRuntime; sessionId: string }) {
  void loadSessionView();
  return (
    <Show when={loaded()} fallback={<p class="m-auto p-6 text-center text-sm text-zinc-500">Loading the session…</p>}>
      {(module) => <Dynamic component={module().SessionView} runtime={props.runtime} sessionId={props.sessionId} />}
    </Show>
  );
}
