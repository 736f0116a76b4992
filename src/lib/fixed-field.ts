import { untrack } from "solid-js";

/**
 * Reads what never changes in a reactive value without subscribing to it: `source` is tracked (a
 * new object is read again), what `read` reads from it is not. Read through a store inside a
 * component, every field is a signal that lives as long as the object does; for fields that never
 * change (a message's role, a part's type) that is a cost with nothing to show for it.
 */
export function fixedField<T, R>(source: () => T, read: (value: T) => R): () => R {
  return () => {
    const value = source();
    return untrack(() => read(value));
  };
}
