import { describe, expect, it } from "vitest";
import { redoStep, undoTarget, visibleMessages } from "../../../src/app/undo";

const messages = [
  { id: "msg_1", role: "user" as const },
  { id: "msg_2", role: "assistant" as const },
  { id: "msg_3", role: "user" as const },
  { id: "msg_4", role: "assistant" as const },
];

describe("undo and redo", () => {
  it("shows every message until something is undone, then only those before the mark", () => {
    expect(visibleMessages(messages, undefined)).toHaveLength(4);
    expect(visibleMessages(messages, { messageID: "msg_3" }).map((m) => m.id)).toEqual(["msg_1", "msg_2"]);
  });

  it("undoes back one user message at a time, and not past the first", () => {
    expect(undoTarget(messages, undefined)).toBe("msg_3");
    expect(undoTarget(messages, { messageID: "msg_3" })).toBe("msg_1");
    expect(undoTarget(messages, { messageID: "msg_1" })).toBeUndefined();
    expect(undoTarget([], undefined)).toBeUndefined();
  });

  it("redoes forward one user message, then restores everything, and has nothing to redo otherwise", () => {
    expect(redoStep(messages, { messageID: "msg_1" })).toEqual({ revertTo: "msg_3" });
    expect(redoStep(messages, { messageID: "msg_3" })).toBe("unrevert");
    expect(redoStep(messages, undefined)).toBeUndefined();
  });
});
