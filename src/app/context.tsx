/**
 * Hands the switchboard controller to components. `useSwitchboard()` outside the provider throws a
 * clear error instead of failing later on an undefined value.
 */
import { createContext, useContext, type ParentProps } from "solid-js";
import type { Switchboard } from "./switchboard";

const SwitchboardContext = createContext<Switchboard>();

export function SwitchboardProvider(props: ParentProps<{ switchboard: Switchboard }>) {
  return <SwitchboardContext.Provider value={props.switchboard}>{props.children}</SwitchboardContext.Provider>;
}

/** The controller of the nearest provider. */
export function useSwitchboard(): Switchboard {
  const value = useContext(SwitchboardContext);
  if (!value) throw new Error("useSwitchboard() must be used inside <SwitchboardProvider>.");
  return value;
}
