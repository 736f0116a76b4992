/**
 * Hands the companion sync to components. Unlike the switchboard it may be absent (the app served
 * by another static host): `useCompanion()` then returns undefined and callers show the hint instead.
 */
import { createContext, useContext, type ParentProps } from "solid-js";
import type { CompanionSync } from "./companion-sync";

const CompanionContext = createContext<CompanionSync | undefined>();

export function CompanionProvider(props: ParentProps<{ companion: CompanionSync | undefined }>) {
  return <CompanionContext.Provider value={props.companion}>{props.children}</CompanionContext.Provider>;
}

/** The companion of this page, or undefined when no companion served it. */
export function useCompanion(): CompanionSync | undefined {
  return useContext(CompanionContext);
}
