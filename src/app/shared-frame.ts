/**
 * One animation frame for every server's event batcher. Each batcher used to ask for a frame of its
 * own, so with ten servers streaming, one frame ran ten flushes one after the other, and each one
 * rebuilt its server's rows of All servers and merged all of them again: 5,000 sessions merged ten
 * times per frame, tasks of 80-90 ms. Here the flushes of a frame run together inside `wrap` (the
 * app passes Solid's `batch`), so what depends on several servers is computed once per frame.
 */
import { animationFrame, type ScheduleFrame } from "../state/batcher";
import { asTaskWork } from "../lib/task-work";

/**
 * A ScheduleFrame whose callbacks all run in one `base` frame, inside `wrap`. A callback that throws
 * does not keep the others from running; its error is rethrown afterwards, as the frame would have.
 */
export function makeSharedFrame(base: ScheduleFrame = animationFrame, wrap: (run: () => void) => void = (run) => run()): ScheduleFrame {
  const waiting = new Set<() => void>();
  let cancelBase: (() => void) | undefined;

  const runAll = () => {
    cancelBase = undefined;
    const callbacks = [...waiting];
    waiting.clear();
    const errors: unknown[] = [];
    // Task work: the message log's rows asked for by these changes count their budget from here.
    asTaskWork(() =>
      wrap(() => {
        for (const callback of callbacks) {
          try {
            callback();
          } catch (error) {
            errors.push(error);
          }
        }
      }),
    );
    for (const error of errors)
      queueMicrotask(() => {
        throw error;
      });
  };

  return (callback) => {
    // Its own entry, so the same function scheduled twice is two callbacks, cancelled one at a time.
    const entry = () => callback();
    waiting.add(entry);
    cancelBase ??= base(runAll);
    return () => {
      if (!waiting.delete(entry) || waiting.size || !cancelBase) return;
      cancelBase();
      cancelBase = undefined;
    };
  };
}
