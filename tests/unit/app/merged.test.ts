import { describe, expect, it } from "vitest";
import type { Message, PermissionRequest, QuestionRequest, Session } from "@opencode-ai/sdk/v2/client";
import { attentionItems, filterMerged, mergedRows, sessionCost, type MergedSource } from "../../../src/app/merged";
import { emptyInstanceState, type InstanceState } from "../../../src/state/types";

function session(id: string, updated: number, extra: Partial<Session> = {}): Session {
  return { id, slug: id, projectID: "p", directory: "/home/dev/alpha", title: id, version: "1", time: { created: 1, updated }, ...extra };
}

function source(instanceId: string, sessions: Session[], extra: Partial<InstanceState> = {}): MergedSource {
  return {
    instanceId,
    server: `:${instanceId}`,
    state: { ...emptyInstanceState(), sessions: Object.fromEntries(sessions.map((s) => [s.id, s])), ...extra },
  };
}

const permission = (id: string, sessionID: string) =>
  ({ id, sessionID, permission: "bash", patterns: [], metadata: {}, always: [] }) as PermissionRequest;
const question = (id: string, sessionID: string) => ({ id, sessionID, questions: [] }) as QuestionRequest;
const keys = (rows: { key: string }[]) => rows.map((r) => r.key);

describe("mergedRows", () => {
  it("lists the sessions of every server together, newest activity first", () => {
    const rows = mergedRows([source("4096", [session("a", 10), session("b", 30)]), source("4097", [session("a", 20)])]);
    expect(keys(rows)).toEqual(["4096 b", "4097 a", "4096 a"]);
    expect(rows[1]).toMatchObject({ instanceId: "4097", sessionId: "a", server: ":4097", directory: "/home/dev/alpha", depth: 0 });
  });

  it("nests subagent sessions under their parent, and a child without a listed parent stands alone", () => {
    const rows = mergedRows([
      source("4096", [
        session("parent", 5),
        session("child", 50, { parentID: "parent" }),
        session("grandchild", 60, { parentID: "child" }),
        session("orphan", 1, { parentID: "gone" }),
      ]),
    ]);
    expect(rows.map((r) => [r.sessionId, r.depth])).toEqual([
      ["parent", 0],
      ["child", 1],
      ["grandchild", 2],
      ["orphan", 0],
    ]);
  });

  it("leaves archived sessions out, survives a parent cycle and names an untitled session by its slug", () => {
    const rows = mergedRows([
      source("4096", [
        session("old", 1, { time: { created: 1, updated: 1, archived: 2 } }),
        session("x", 2, { parentID: "y" }),
        session("y", 3, { parentID: "x" }),
        session("z", 4, { title: "" }),
      ]),
    ]);
    expect(rows.map((r) => r.sessionId)).not.toContain("old");
    expect(rows.find((r) => r.sessionId === "z")?.title).toBe("z");
  });

  it("shows the badges and the cost of the loaded assistant messages", () => {
    const messages = {
      a: [
        { id: "m1", sessionID: "a", role: "user" },
        { id: "m2", sessionID: "a", role: "assistant", cost: 0.25 },
        { id: "m3", sessionID: "a", role: "assistant", cost: 0.5 },
      ] as unknown as Message[],
    };
    const state = { messages, status: { a: { type: "busy" as const } }, permissions: { a: [permission("per_1", "a")] } };
    const [row] = mergedRows([source("4096", [session("a", 1)], state)]);
    expect(row.badges).toEqual(["permission", "busy"]);
    expect(row.cost).toBe(0.75);
    expect(sessionCost(emptyInstanceState(), "a")).toBeUndefined();
  });

  it("shows the cost the server keeps on a session whose messages are not loaded, and the larger of the two when both are known", () => {
    const streamed = { b: [{ id: "m1", sessionID: "b", role: "assistant", cost: 0.4 }] as unknown as Message[] };
    const rows = mergedRows([
      source("4096", [session("a", 3, { cost: 1.25 }), session("b", 2, { cost: 0.1 }), session("c", 1, { cost: Number.NaN })], {
        messages: streamed,
      }),
    ]);
    expect(rows.map((r) => [r.sessionId, r.cost])).toEqual([
      ["a", 1.25],
      ["b", 0.4],
      ["c", undefined],
    ]);
  });

  it("gives no error badge to a stop the user asked for, so the Errors filter leaves it out", () => {
    const errors = { a: { name: "MessageAbortedError", message: "Aborted", at: 1 }, b: { name: "APIError", message: "boom", at: 1 } };
    const rows = mergedRows([source("4096", [session("a", 2), session("b", 1)], { errors })]);
    expect(rows.map((r) => [r.sessionId, r.badges])).toEqual([
      ["a", []],
      ["b", ["error"]],
    ]);
    expect(keys(filterMerged(rows, "", "errors"))).toEqual(["4096 b"]);
  });
});

describe("filterMerged", () => {
  const rows = mergedRows([
    source(
      "4096",
      [
        session("checkout", 9, { title: "Review checkout" }),
        session("sub", 8, { title: "Explore tests", parentID: "checkout" }),
        session("docs", 7, { title: "Write docs", directory: "/srv/site" }),
      ],
      { status: { sub: { type: "busy" } }, errors: { docs: { name: "E", message: "boom", at: 1 } } },
    ),
    source("4097", [session("other", 1, { title: "Refactor", directory: "/home/dev/beta" })], {
      questions: { other: [question("que_1", "other")] },
    }),
  ]);

  it("returns every row for an empty query and no filter", () => {
    expect(filterMerged(rows, "  ")).toBe(rows);
  });

  it("matches title or directory, any case, every word", () => {
    expect(keys(filterMerged(rows, "CHECKOUT"))).toEqual(["4096 checkout"]);
    expect(keys(filterMerged(rows, "beta"))).toEqual(["4097 other"]);
    expect(keys(filterMerged(rows, "write site"))).toEqual(["4096 docs"]);
    expect(filterMerged(rows, "nothing like this")).toEqual([]);
  });

  it("keeps the parent of a matching subagent, once", () => {
    expect(keys(filterMerged(rows, "explore"))).toEqual(["4096 checkout", "4096 sub"]);
    expect(keys(filterMerged(rows, "e"))).toEqual(["4096 checkout", "4096 sub", "4096 docs", "4097 other"]);
  });

  it("filters busy, needs you and errors", () => {
    expect(keys(filterMerged(rows, "", "busy"))).toEqual(["4096 checkout", "4096 sub"]);
    expect(keys(filterMerged(rows, "", "needs-you"))).toEqual(["4097 other"]);
    expect(keys(filterMerged(rows, "", "errors"))).toEqual(["4096 docs"]);
    expect(keys(filterMerged(rows, "write", "busy"))).toEqual([]);
  });
});

describe("attentionItems", () => {
  it("lists every pending permission and question of every server, newest first, with its session", () => {
    const items = attentionItems([
      source("4096", [session("a", 1, { title: "Alpha" })], {
        permissions: { a: [permission("per_0001", "a"), permission("per_0003", "a")] },
      }),
      source("4097", [session("b", 1, { title: "Beta" })], { questions: { b: [question("que_0002", "b")] } }),
    ]);
    expect(items.map((i) => [i.instanceId, i.kind, i.request.id, i.sessionTitle])).toEqual([
      ["4096", "permission", "per_0003", "Alpha"],
      ["4097", "question", "que_0002", "Beta"],
      ["4096", "permission", "per_0001", "Alpha"],
    ]);
  });
});
