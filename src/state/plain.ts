/**
 * Handing large, freshly built values to a Solid store without a deep walk.
 *
 * Every value written to a store (setStore, or an assignment inside `produce`) first goes through
 * solid-js/store's `unwrap`, which walks the whole value, every object's property descriptors
 * included, to replace store proxies with their raw objects. A 2,000-message session written as
 * one list spent ~15% of its opening in that walk. `unwrap` stops at once at any object that answers
 * `$RAW` (store proxies do: it is how it recognises them), so a value that is known to hold no
 * proxies, such as one built here from parsed JSON, can say so by answering `$RAW` with itself.
 *
 * Only for values made of plain data from the server: a value that holds a store proxy anywhere
 * inside must go through `unwrap` as usual. The mark is a non-enumerable symbol: invisible to
 * JSON, `Object.keys`, spreading and equality in tests, and the value stays an ordinary, wrappable
 * object, reactive like any other once in the store.
 */
import { $RAW } from "solid-js/store";

/** Marks `value` (an array or plain object holding no store proxies) as needing no unwrap; returns it. */
export function plainData<T extends object>(value: T): T {
  if (!Object.prototype.hasOwnProperty.call(value, $RAW)) Object.defineProperty(value, $RAW, { value, configurable: true });
  return value;
}
