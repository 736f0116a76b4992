/**
 * One wall clock for every countdown on screen, ticking once a second while anything reads it. Two
 * displays of one countdown (an instance's tab and its panel, say) then change in the same instant
 * instead of up to a second apart, and an idle page runs no timer at all.
 */
import { createSignal, getOwner, onCleanup, type Accessor } from "solid-js";

const [now, setNow] = createSignal(Date.now());
let readers = 0;
let timer: ReturnType<typeof setInterval> | undefined;

/**
 * The shared clock (ms), for as long as the calling component lives. Call it inside a component (or
 * another reactive owner): the clock stops when its last reader is cleaned up.
 */
export function useSecondClock(): Accessor<number> {
  if (!getOwner()) return now;
  if (readers++ === 0) {
    setNow(Date.now());
    timer = setInterval(() => setNow(Date.now()), 1000);
  }
  onCleanup(() => {
    if (--readers === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  });
  return now;
}
