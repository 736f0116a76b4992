/**
 * Binary search over lists kept sorted by `id`. OpenCode message, part, permission and question ids
 * grow over time as plain strings (`msg_1fc6…`, `prt_1fc6…`), so string order is creation order and a
 * new item nearly always belongs at the end: the tail check keeps a streaming session O(1) per write.
 */

interface WithId {
  id: string;
}

/**
 * Where `id` is in a list sorted by id: its index when present, otherwise `~insertionPoint`
 * (a negative number), in the style of Java's `binarySearch`. O(log n); never reads past the ends.
 */
export function searchById(list: readonly WithId[], id: string): number {
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const midId = list[mid].id;
    if (midId < id) low = mid + 1;
    else if (midId > id) high = mid - 1;
    else return mid;
  }
  return ~low;
}

/** The item with this id in a sorted list, or undefined. */
export function findById<T extends WithId>(list: readonly T[] | undefined, id: string): T | undefined {
  if (!list) return undefined;
  const index = searchById(list, id);
  return index >= 0 ? list[index] : undefined;
}

/**
 * Puts `item` into a list sorted by id, replacing the item with the same id. Mutates the list in
 * place (so it works on a Solid `produce` draft) and returns the index it landed at.
 */
export function upsertById<T extends WithId>(list: T[], item: T): number {
  const length = list.length;
  // Fast path: streaming appends newer ids at the end.
  if (length === 0 || list[length - 1].id < item.id) {
    list.push(item);
    return length;
  }
  const index = searchById(list, item.id);
  if (index >= 0) {
    list[index] = item;
    return index;
  }
  list.splice(~index, 0, item);
  return ~index;
}

/** Removes the item with this id from a sorted list, in place; returns whether one was there. */
export function removeById(list: WithId[] | undefined, id: string): boolean {
  if (!list) return false;
  const index = searchById(list, id);
  if (index < 0) return false;
  list.splice(index, 1);
  return true;
}

/** Inserts a string into a sorted array of unique strings, in place, if it is not there yet. */
export function insertSortedUnique(list: string[], value: string): void {
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    if (list[mid] < value) low = mid + 1;
    else if (list[mid] > value) high = mid - 1;
    else return;
  }
  list.splice(low, 0, value);
}
