/**
 * The Solid store of one OpenCode instance. The reducer (reducer.ts) and the REST merge (resync.ts)
 * are plain functions over a draft; this module only runs them inside `produce` and `batch` so a
 * whole batch of events is one store write, and keeps the `touched` set that the merge needs.
 */
import { batch } from "solid-js";
import { createStore, produce, unwrap, type SetStoreFunction } from "solid-js/store";
import type { RoutedEvent } from "../transport/types";
import { isRecord } from "./guards";
import { applyEvent, type ApplyOptions, type ResyncNeed, type StreamEvent } from "./reducer";
import { deltaTarget } from "./reducer-messages";
import { applySnapshot, type InstanceSnapshot } from "./resync";
import { recordTouched } from "./touched";
import { emptyInstanceState, type InstanceState } from "./types";

/** What createInstanceStore returns: a read-only reactive state and the only ways to change it. */
export interface InstanceStore {
  /** The reactive state; read it in components and memos, never write it. */
  readonly state: InstanceState;
  /**
   * Applies events in order as one store write and returns what must be reloaded over REST
   * (from `server.instance.disposed` / `global.disposed`), de-duplicated, in order of appearance.
   * Accepts RoutedEvents from the transport or bare `{type, properties}` events.
   */
  applyEvents(events: ReadonlyArray<RoutedEvent | StreamEvent>): ResyncNeed[];
  /**
   * Counts one message the transport could not even unwrap (not JSON, no payload) in
   * `dropped.malformed`, next to the events the reducer rejected.
   */
  countMalformed(): void;
  /** Merges a REST snapshot (see resync.ts for the rule) as one store write. */
  applySnapshot(snapshot: InstanceSnapshot): void;
  /**
   * Marks the start of a connection: from now on, what events change is kept over REST answers.
   * `server.connected` does this by itself; call it when a connection opened without one.
   */
  beginResync(): void;
  /** Forgets everything (e.g. when the instance is removed or its address changes). */
  reset(): void;
}

/** Options for the store; `now` is passed to the reducer (it stamps `session.error`). */
export type InstanceStoreOptions = ApplyOptions;

/**
 * The store-independent core: the same operations over any `setState` that accepts `produce`.
 * createInstanceStore wires it to a Solid store; tests can wire it to anything with that shape.
 * With `raw` (the store's unwrapped state), frames of plain deltas take the path-setter fast path.
 */
export function makeInstanceStore(
  setState: SetStoreFunction<InstanceState>,
  options: InstanceStoreOptions = {},
  raw?: () => InstanceState,
): Omit<InstanceStore, "state"> {
  // Not reactive on purpose: nothing renders it, and it changes on nearly every event.
  const touched = new Set<string>();

  return {
    applyEvents(events) {
      const needs: ResyncNeed[] = [];
      if (events.length === 0) return needs;
      batch(() => {
        const done = raw ? applyDeltasDirectly(raw(), setState, events, touched) : 0;
        if (done === events.length) return;
        setState(
          produce((draft) => {
            for (let i = done; i < events.length; i++) {
              const item = events[i];
              const event = eventOf(item);
              const directory = isRouted(item) ? item.directory : undefined;
              if (isRecord(event) && event.type === "server.connected") touched.clear();
              recordTouched(touched, event);
              const need = applyEvent(draft, event, directory, options);
              if (need && !needs.some((known) => sameNeed(known, need))) needs.push(need);
            }
          }),
        );
      });
      return needs;
    },
    countMalformed() {
      setState("dropped", "malformed", (count) => count + 1);
    },
    applySnapshot(snapshot) {
      batch(() => setState(produce((draft) => applySnapshot(draft, snapshot, touched))));
    },
    beginResync() {
      touched.clear();
    },
    reset() {
      touched.clear();
      setState(produce((draft) => Object.assign(draft, emptyInstanceState())));
    },
  };
}

/** Creates the reactive store of one instance, empty until events or a snapshot arrive. */
export function createInstanceStore(options: InstanceStoreOptions = {}): InstanceStore {
  const [state, setState] = createStore<InstanceState>(emptyInstanceState());
  const raw = unwrap(state);
  return { state, ...makeInstanceStore(setState, options, () => raw) };
}

/**
 * The fast path for the frame that streaming makes nearly always: deltas to known, streaming parts
 * (deltaTarget). Each is one path-setter write of the new text, with no `produce` draft and its
 * proxy per level (1.2 → 0.9 µs per delta on most bench runs). Stops at the first event that is
 * anything else and returns how many it applied; the rest go through the reducer in order.
 */
function applyDeltasDirectly(
  state: InstanceState,
  setState: SetStoreFunction<InstanceState>,
  events: ReadonlyArray<RoutedEvent | StreamEvent>,
  touched: Set<string>,
): number {
  let applied = 0;
  for (const item of events) {
    const event = eventOf(item);
    if (!isRecord(event) || event.type !== "message.part.delta") break;
    const target = deltaTarget(state, event.properties);
    if (!target || PATH_UNSAFE.has(target.messageID)) break;
    recordTouched(touched, event);
    setState("parts", target.messageID, target.index, target.field as never, target.text as never);
    applied++;
  }
  return applied;
}

// Solid's path setters refuse to walk through these keys (a guard against prototype pollution) and
// quietly write nothing; a message with such an id goes through `produce`, which stores it.
const PATH_UNSAFE = new Set(["constructor", "prototype", "__proto__"]);

/** The server event itself, from a RoutedEvent or a bare one. */
function eventOf(item: RoutedEvent | StreamEvent): StreamEvent {
  return isRouted(item) ? item.event : (item as StreamEvent);
}

function isRouted(item: RoutedEvent | StreamEvent): item is RoutedEvent {
  return isRecord(item) && "event" in item && isRecord((item as RoutedEvent).event);
}

function sameNeed(a: ResyncNeed, b: ResyncNeed): boolean {
  return a.scope === b.scope && (a.scope === "all" || a.directory === (b as { directory: string }).directory);
}
