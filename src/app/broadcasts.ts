/**
 * The broadcasts of this page visit, newest first: who owns them (the shell, which outlives the
 * pages), and the one action that starts one. Each target gets a new session on its server, then the
 * prompt; a target that fails says why on its card while the others go on.
 */
import { createStore, produce } from "solid-js/store";
import type { PromptChoice } from "../api/session-api";
import type { Broadcast, BroadcastTarget } from "./broadcast";
import type { Switchboard } from "./switchboard";

export type Broadcasts = ReturnType<typeof createBroadcasts>;

export function createBroadcasts(board: Pick<Switchboard, "createSession" | "sendPrompt">) {
  const [list, setList] = createStore<Broadcast[]>([]);
  let next = 0;
  const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

  return {
    list,
    /** Starts one session per target and sends `prompt` to each, all at once, with the same model and agent (none: each server's default). */
    start(targets: readonly BroadcastTarget[], prompt: string, choice: PromptChoice = {}): Promise<void> {
      const id = `broadcast-${++next}`;
      setList(produce((all) => void all.unshift({ id, prompt, startedAt: Date.now(), runs: targets.map((target) => ({ target })) })));
      const update = (index: number, change: { sessionId?: string; error?: string }) =>
        setList(
          (b) => b.id === id,
          "runs",
          index,
          (run) => ({ ...run, ...change }),
        );
      return Promise.all(
        targets.map(async (target, index) => {
          try {
            const session = await board.createSession(target.instanceId, target.directory);
            update(index, { sessionId: session.id });
            await board.sendPrompt(target.instanceId, session.id, prompt, choice.model || choice.agent ? choice : undefined);
          } catch (error) {
            update(index, { error: `Could not start on ${target.server} ${target.directory}: ${message(error)}` });
          }
        }),
      ).then(() => undefined);
    },
  };
}
