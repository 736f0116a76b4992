/**
 * Keeping the objects of a rebuilt list: a memo that rebuilds a list from the store makes new item
 * objects each time, and a keyed `<For>` or `<Show keyed>` then draws every item again, though only
 * one changed. Handing back the previous object of each item that is equal keeps its drawn DOM.
 */

/**
 * `next`, with each item that `same` finds equal to the previous item of its `key` replaced by that
 * previous object; `previous` itself when every item was kept, in the same order, so a memo that
 * returns it tells nothing downstream that anything changed.
 */
export function keepUnchanged<T>(
  previous: readonly T[] | undefined,
  next: T[],
  key: (item: T) => string,
  same: (before: T, after: T) => boolean,
): T[] {
  if (!previous?.length) return next;
  const before = new Map<string, T>();
  for (const item of previous) before.set(key(item), item);
  let all = previous.length === next.length;
  const kept = next.map((item, i) => {
    const old = before.get(key(item));
    if (old === undefined || !same(old, item)) {
      all = false;
      return item;
    }
    if (previous[i] !== old) all = false;
    return old;
  });
  return all ? (previous as T[]) : kept;
}

/** Two lists of the same length whose items are equal one by one (`===` unless `same` says otherwise). */
export function sameItems<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean = (x, y) => x === y): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
  return true;
}
