/** Runs `fn` once the next frame has been painted (at once-ish where there are no frames). */
export function afterPaint(fn: () => void): void {
  if (typeof requestAnimationFrame === "function") requestAnimationFrame(() => setTimeout(fn, 0));
  else setTimeout(fn, 0);
}
