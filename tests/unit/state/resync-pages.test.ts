/**
 * A page of a session's history (`GET /session/:id/message?limit=&before=`) speaks only for its own
 * span: merging it must not remove the messages outside it, as a whole list would.
 */
import { describe, expect, test } from "vitest";
import type { Message, Part } from "@opencode-ai/sdk/v2/client";
import { createRoot } from "solid-js";
import { createInstanceStore } from "../../../src/state/instance-store";
import { applySnapshot } from "../../../src/state/resync";
import { emptyInstanceState, type InstanceState } from "../../../src/state/types";

const id = (i: number) => `msg_${String(i).padStart(4, "0")}`;
const entry = (i: number, text = `Turn ${i}.`) => ({
  info: { id: id(i), sessionID: "ses_1", role: "user", time: { created: i } } as Message,
  parts: [{ id: `prt_${String(i).padStart(4, "0")}`, messageID: id(i), sessionID: "ses_1", type: "text", text } as Part],
});
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => entry(from + k));
const ids = (state: InstanceState) => state.messages.ses_1?.map((m) => m.id) ?? [];

describe("pages of a session's history", () => {
  test("the newest page leaves the older messages held alone, and removes one deleted within its span", () => {
    const state = emptyInstanceState();
    applySnapshot(state, { messages: { ses_1: range(0, 10) } });
    // Message 8 was deleted on the server; the newest page (6..9) no longer lists it.
    applySnapshot(state, { messages: { ses_1: range(6, 10).filter((m) => m.info.id !== id(8)) }, pages: { ses_1: "newest" } });
    expect(ids(state)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 9].map(id));
  });

  test("an older page comes before what is held, with its parts", () => {
    const state = emptyInstanceState();
    applySnapshot(state, { messages: { ses_1: range(6, 10) }, pages: { ses_1: "newest" } });
    applySnapshot(state, { messages: { ses_1: range(2, 6) }, pages: { ses_1: "older" } });
    applySnapshot(state, { messages: { ses_1: range(0, 2) }, pages: { ses_1: "older" } });
    expect(ids(state)).toEqual(range(0, 10).map((m) => m.info.id));
    expect(state.parts[id(0)]?.map((p) => (p as { text: string }).text)).toEqual(["Turn 0."]);
  });

  test("an older page that overlaps what is held updates its own span only", () => {
    const state = emptyInstanceState();
    applySnapshot(state, { messages: { ses_1: range(0, 10) } });
    // The span 3..5, with 4 deleted and 5 edited; 0..2 and 6..9 are not this page's to judge.
    applySnapshot(state, { messages: { ses_1: [entry(3), entry(5, "Edited.")] }, pages: { ses_1: "older" } });
    expect(ids(state)).toEqual([0, 1, 2, 3, 5, 6, 7, 8, 9].map(id));
    expect((state.parts[id(5)]?.[0] as { text: string }).text).toBe("Edited.");
  });

  test("in a Solid store, an older page is one write of the joined list and keeps the held messages' objects", () => {
    createRoot((dispose) => {
      const store = createInstanceStore();
      store.applySnapshot({ messages: { ses_1: range(300, 400) }, pages: { ses_1: "newest" } });
      const newest = store.state.messages.ses_1![99];
      store.applySnapshot({ messages: { ses_1: range(50, 300) }, pages: { ses_1: "older" } });
      store.applySnapshot({ messages: { ses_1: range(0, 50) }, pages: { ses_1: "older" } });
      expect(ids(store.state)).toEqual(range(0, 400).map((m) => m.info.id));
      // The same message through the store is the same proxy: nothing held was copied or rebuilt.
      expect(store.state.messages.ses_1![399]).toBe(newest);
      expect(store.state.parts[id(0)]).toHaveLength(1);
      dispose();
    });
  });
});
