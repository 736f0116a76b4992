/**
 * createMessageOrder: ids that follow every change to the list and no other, and messages read
 * through the store. In the component project because it needs Solid's reactive (browser) build.
 */
import type { Message } from "@opencode-ai/sdk/v2/client";
import { createComputed, createRoot } from "solid-js";
import { createStore, produce } from "solid-js/store";
import { expect, it } from "vitest";
import { createMessageOrder } from "../../../src/app/message-order";

const message = (id: string, created = 1) => ({ id, sessionID: "ses_1", role: "user", time: { created } }) as unknown as Message;

function setup() {
  const [state, setState] = createStore<{ messages: Record<string, Message[]> }>({
    messages: { ses_1: [message("msg_1"), message("msg_3")] },
  });
  return createRoot((dispose) => {
    const order = createMessageOrder(() => state.messages.ses_1 ?? []);
    const seen: string[][] = [];
    createComputed(() => seen.push([...order.ids()]));
    return { state, setState, order, seen, dispose };
  });
}

it("lists the ids in order and follows inserts, removals and replacements", () => {
  const { setState, seen, dispose } = setup();
  setState(produce((draft) => void draft.messages.ses_1.splice(1, 0, message("msg_2"))));
  setState(produce((draft) => void draft.messages.ses_1.push(message("msg_4"))));
  setState(produce((draft) => void draft.messages.ses_1.splice(0, 1)));
  // As the reducers replace an item (inside produce). A path setter would merge into the old object
  // instead, changing its id in place, which no reducer does: a message keeps its id.
  setState(produce((draft) => void (draft.messages.ses_1[0] = message("msg_2b"))));
  setState("messages", "ses_1", [message("msg_9")]);
  expect(seen).toEqual([
    ["msg_1", "msg_3"],
    ["msg_1", "msg_2", "msg_3"],
    ["msg_1", "msg_2", "msg_3", "msg_4"],
    ["msg_2", "msg_3", "msg_4"],
    ["msg_2b", "msg_3", "msg_4"],
    ["msg_9"],
  ]);
  dispose();
});

it("does not list again when something inside a message changes", () => {
  const { setState, seen, dispose } = setup();
  setState("messages", "ses_1", 1, "time", "created", 42);
  expect(seen).toHaveLength(1);
  dispose();
});

it("hands out the message through the store, so a change inside it is seen", () => {
  const { setState, order, dispose } = setup();
  const created: number[] = [];
  createRoot(() => createComputed(() => created.push(order.message("msg_3")!.time.created)));
  setState("messages", "ses_1", 1, "time", "created", 42);
  expect(created).toEqual([1, 42]);
  expect(order.message("msg_missing")).toBeUndefined();
  dispose();
});
