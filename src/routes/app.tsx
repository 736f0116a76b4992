/**
 * Routes: `/`, `/i/:instance` and `/i/:instance/s/:session` all render the shell; the params pick the tab.
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
        <Route path="/" component={AppShell} />
        <Route path="/i/:instance" component={AppShell} />
        <Route path="/i/:instance/s/:session" component={AppShell} />
      </Router>
    </SwitchboardProvider>
  );
}
