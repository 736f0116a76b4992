import { createEffect, createSignal, untrack, type Accessor } from "solid-js";

/** Runs `fn` once the next frame has been painted (at once-ish where there are no frames). */
export function afterPaint(fn: () => void): void {
  if (typeof requestAnimationFrame === "function") requestAnimationFrame(() => setTimeout(fn, 0));
  else setTimeout(fn, 0);
}

/**
 * A signal that turns true, for good, after the first frame painted once `when()` holds: for work
 * that must not delay what that frame shows. Call inside a reactive owner.
 */
export function paintedOnce(when: () => boolean): Accessor<boolean> {
  const [painted, setPainted] = createSignal(false);
  createEffect(() => {
    if (when() && !untrack(painted)) afterPaint(() => setPainted(true));
  });
  return painted;
}
