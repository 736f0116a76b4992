/**
 * When the work of the current task began, for a budget shared by parts of the page that do not know
 * each other: the shared animation frame marks the events it applies, and the message log's row
 * scheduler, asked for rows by what those events changed, counts its budget from there. The turn a
 * reply starts in (a prompt and a reply appear, the session turns busy) spent 10-35 ms applying
 * and drawing that before any row was built; building the two new rows and laying them out in the
 * same task made it one of 50-87 ms on a loaded machine.
 */
let startedAt: number | undefined;

/**
 * Runs `run` as task work: until the microtasks it queued have run (the row scheduler's first turn
 * is one of them), `taskWorkStartedAt()` says when it began. Nested calls keep the outer start.
 */
export function asTaskWork<T>(run: () => T, now: () => number = () => performance.now()): T {
  if (startedAt !== undefined) return run();
  startedAt = now();
  try {
    return run();
  } finally {
    queueMicrotask(() => (startedAt = undefined));
  }
}

/** When the task work running now began (see `asTaskWork`); undefined outside it. */
export function taskWorkStartedAt(): number | undefined {
  return startedAt;
}
