import { describe, expect, it } from "vitest";
import { changedFile, keepUnchangedFiles, sessionChanges, workingTreeChanges } from "../../../src/app/changes";

/** A patch as opencode 1.18.33 stores it on a user message's `summary.diffs` (measured). */
const patch = (file: string, body: string) =>
  `Index: ${file}\n===================================================================\n--- ${file}\t\n+++ ${file}\t\n${body}`;

const diff = (file: string, status: string, additions: number, deletions: number, body = "@@ -0,0 +1,1 @@\n+x\n") => ({
  file,
  status,
  additions,
  deletions,
  patch: patch(file, body),
});

const user = (id: string, created: number, diffs?: unknown) => ({
  id,
  role: "user" as const,
  time: { created },
  ...(diffs === undefined ? {} : { summary: { diffs } }),
});
const reply = (id: string) => ({ id, role: "assistant" as const, time: { created: 0 } });

describe("sessionChanges", () => {
  it("lists each file the turns changed once, in the order first changed, with one patch per turn", () => {
    const messages = [
      user("msg_01", 1000, [diff("src/a.ts", "added", 3, 0), diff("README.md", "modified", 1, 1)]),
      reply("msg_02"),
      user("msg_03", 2000, [diff("src/a.ts", "modified", 1, 1)]),
      reply("msg_04"),
      user("msg_05", 3000, []),
    ];
    const files = sessionChanges(messages, undefined);
    expect(files.map((file) => [file.file, file.status, file.additions, file.deletions])).toEqual([
      ["src/a.ts", "added", 4, 1],
      ["README.md", "modified", 1, 1],
    ]);
    expect(files[0].patches.map((p) => [p.messageID, p.at])).toEqual([
      ["msg_01", 1000],
      ["msg_03", 2000],
    ]);
    expect(files[0].patches[0].patch).toContain("+++ src/a.ts");
  });

  it("leaves out the turns an undo hid, and brings them back when the mark moves on", () => {
    const messages = [
      user("msg_01", 1, [diff("a.txt", "added", 1, 0)]),
      reply("msg_02"),
      user("msg_03", 2, [diff("b.txt", "added", 1, 0)]),
      reply("msg_04"),
    ];
    expect(sessionChanges(messages, { messageID: "msg_03" }).map((file) => file.file)).toEqual(["a.txt"]);
    expect(sessionChanges(messages, { messageID: "msg_01" })).toEqual([]);
    expect(sessionChanges(messages, undefined).map((file) => file.file)).toEqual(["a.txt", "b.txt"]);
  });

  it("reads a file created then deleted as unchanged, and changed then deleted as deleted", () => {
    const messages = [
      user("msg_01", 1, [diff("tmp.txt", "added", 1, 0), diff("old.txt", "modified", 1, 1)]),
      user("msg_02", 2, [diff("tmp.txt", "deleted", 0, 1), diff("old.txt", "deleted", 0, 5)]),
    ];
    expect(sessionChanges(messages, undefined).map((file) => [file.file, file.status])).toEqual([["old.txt", "deleted"]]);
  });

  it("survives any shape of summary: bad entries are left out, bad numbers read as zero", () => {
    const messages = [
      user("msg_01", 1, [
        null,
        7,
        { patch: "no file" },
        { file: "" },
        { file: "ok.txt", additions: "3", deletions: -2, status: "exploded", patch: 42 },
      ]),
      { id: "msg_02", role: "user" as const, summary: "not an object" },
      { id: "msg_03", role: "user" as const, summary: { diffs: "not a list" } },
      { id: "msg_04", role: "user" as const },
    ];
    expect(sessionChanges(messages, undefined)).toEqual([{ file: "ok.txt", status: "modified", additions: 0, deletions: 0, patches: [] }]);
  });

  it("ignores diffs on assistant messages (only the prompt's summary is the server's record)", () => {
    expect(sessionChanges([{ ...reply("msg_01"), summary: { diffs: [diff("a.txt", "added", 1, 0)] } }], undefined)).toEqual([]);
  });
});

describe("workingTreeChanges", () => {
  it("takes GET /vcs/diff's files as they are, one patch each", () => {
    const answer = [
      {
        file: "t.txt",
        patch: "diff --git a/t.txt b/t.txt\n--- a/t.txt\n+++ b/t.txt\n@@ -1 +1 @@\n-two\n+TWO\n",
        additions: 1,
        deletions: 1,
        status: "modified",
      },
    ];
    expect(workingTreeChanges(answer)).toEqual([
      { file: "t.txt", status: "modified", additions: 1, deletions: 1, patches: [{ patch: answer[0].patch }] },
    ]);
  });

  it("answers an empty list for anything that is not a list", () => {
    expect(workingTreeChanges({ error: "nope" })).toEqual([]);
    expect(workingTreeChanges(undefined)).toEqual([]);
  });
});

describe("changedFile", () => {
  it("keeps where a patch came from", () => {
    expect(changedFile(diff("a", "added", 1, 0), { messageID: "msg_1", at: 5 })?.patches[0]).toMatchObject({ messageID: "msg_1", at: 5 });
  });
});

describe("keepUnchangedFiles", () => {
  const messages = [user("msg_01", 1, [diff("a.txt", "added", 1, 0), diff("b.txt", "added", 1, 0)]), reply("msg_02")];

  it("keeps the previous object of every file that did not change, and takes the new one otherwise", () => {
    const first = sessionChanges(messages, undefined);
    const again = keepUnchangedFiles(first, sessionChanges(messages, undefined));
    expect(again[0]).toBe(first[0]);
    expect(again[1]).toBe(first[1]);
    const edited = [...messages, user("msg_03", 2, [diff("b.txt", "modified", 1, 1)])];
    const next = keepUnchangedFiles(again, sessionChanges(edited, undefined));
    expect(next[0]).toBe(first[0]);
    expect(next[1]).not.toBe(first[1]);
    expect(next[1].patches).toHaveLength(2);
  });

  it("takes the new list as it is when there was none", () => {
    const next = sessionChanges(messages, undefined);
    expect(keepUnchangedFiles(undefined, next)).toBe(next);
  });
});
