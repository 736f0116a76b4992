/**
 * The order of a session's messages, for a virtual list that shows a few of thousands.
 *
 * `$TRACK` subscribes to the list as a whole (Solid notifies it on any insert, removal or
 * replacement in the list, and not when something inside a message changes); the ids are then read
 * from the raw items, which makes no store proxy and no signal per message. The obvious
 * `messages().map((m) => m.id)` made 2,000 of each for a 2,000-message session just to list its ids,
 * a tenth of its opening time. Only the rows on screen then read their message through the store.
 * It relies on what the reducers do: a message keeps its id, and lists change by items inserted,
 * removed or replaced, never by merging another message into an item.
 */
import type { Message } from "@opencode-ai/sdk/v2/client";
import { $TRACK, createMemo } from "solid-js";
import { unwrap } from "solid-js/store";

export interface MessageOrder {
  /** The ids in list order (a new array only when the list itself changed). */
  ids: () => readonly string[];
  /** The message with this id, read through the store (so its fields are tracked), or undefined. */
  message: (id: string) => Message | undefined;
}

/** Call inside a reactive owner (a component); `messages` reads the store's list for one session. */
export function createMessageOrder(messages: () => readonly Message[]): MessageOrder {
  const order = createMemo(() => {
    const list = messages();
    void (list as unknown as Record<typeof $TRACK, unknown>)[$TRACK];
    const ids: string[] = [];
    const index = new Map<string, number>();
    unwrap(list).forEach((message, i) => {
      ids.push(message.id);
      index.set(message.id, i);
    });
    return { ids, index };
  });
  return {
    ids: () => order().ids,
    message: (id) => {
      const at = order().index.get(id);
      return at === undefined ? undefined : messages()[at];
    },
  };
}
