/**
 * Test helpers: replaying a captured stream through the reducer and reading back what the server
 * itself said last about each part, so assertions compare against the capture, not hand-typed text.
 */
import type { Part, Session } from "@opencode-ai/sdk/v2/client";
import { applyEvent } from "../../../src/state/reducer";
import { emptyInstanceState, type InstanceState } from "../../../src/state/types";
import type { RoutedEvent } from "../../../src/transport/types";

/** Applies events to a fresh (or given) plain-object state, with a fixed clock. */
export function replay(events: readonly RoutedEvent[], state: InstanceState = emptyInstanceState()): InstanceState {
  for (const routed of events) applyEvent(state, routed.event, routed.directory, { now: () => 1 });
  return state;
}

/** The last `message.part.updated` payload of every part in the stream, by part id. */
export function lastPartUpdates(events: readonly RoutedEvent[]): Map<string, Part> {
  const parts = new Map<string, Part>();
  for (const { event } of events) {
    if (event.type !== "message.part.updated") continue;
    const part = (event.properties as { part: Part }).part;
    parts.set(part.id, part);
  }
  return parts;
}

/** The last session info the stream carried for each session, by id. */
export function lastSessionInfos(events: readonly RoutedEvent[]): Map<string, Session> {
  const sessions = new Map<string, Session>();
  for (const { event } of events) {
    if (event.type !== "session.created" && event.type !== "session.updated") continue;
    const info = (event.properties as { info: Session }).info;
    sessions.set(info.id, info);
  }
  return sessions;
}

/** Every part in the state, flattened. */
export function allParts(state: InstanceState): Part[] {
  return Object.values(state.parts).flat();
}

/** The part with this id, wherever it is. */
export function partById(state: InstanceState, id: string): Part | undefined {
  return allParts(state).find((part) => part.id === id);
}

/** Count of events of a type, to guard against a fixture that silently lost its content. */
export function countType(events: readonly RoutedEvent[], type: string): number {
  return events.filter((routed) => routed.event.type === type).length;
}
