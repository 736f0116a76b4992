import { describe, expect, it } from "vitest";
import type { Message, Part } from "@opencode-ai/sdk/v2/client";
import { streamingPartsNotHeld } from "../../../src/app/instance-runtime";
import { emptyInstanceState } from "../../../src/state/types";

const text = (id: string, time?: { start: number; end?: number }): Part =>
  ({ id, messageID: "msg_a", sessionID: "ses_1", type: "text", text: "", ...(time ? { time } : {}) }) as Part;
const reply = (...parts: Part[]) => ({ info: { id: "msg_a" } as Message, parts });

describe("streamingPartsNotHeld", () => {
  // What GET /session/:id/message answered mid-reply (1.18.33): the text part with "" and no end.
  it("finds a model's text part that has not ended and that the store does not hold", () => {
    const state = emptyInstanceState();
    expect(streamingPartsNotHeld({ ses_1: [reply(text("prt_1", { start: 1 }))] }, state)).toEqual(["prt_1"]);
  });

  // Deltas that arrive before the REST answer make a placeholder part (no time) in the store.
  it("finds one the store holds only as a placeholder made from deltas", () => {
    const state = emptyInstanceState();
    state.parts.msg_a = [{ id: "prt_1", messageID: "msg_a", sessionID: "ses_1", type: "text", text: "word22 " } as Part];
    expect(streamingPartsNotHeld({ ses_1: [reply(text("prt_1", { start: 1 }))] }, state)).toEqual(["prt_1"]);
  });

  it("leaves out parts that ended, user text (no time) and parts whose start it saw", () => {
    const state = emptyInstanceState();
    state.parts.msg_a = [text("prt_held", { start: 1 })];
    const found = streamingPartsNotHeld(
      { ses_1: [reply(text("prt_done", { start: 1, end: 2 }), text("prt_user"), text("prt_held", { start: 1 }))] },
      state,
    );
    expect(found).toEqual([]);
  });
});
