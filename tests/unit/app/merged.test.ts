import { describe, expect, it } from "vitest";
import type { Message, PermissionRequest, QuestionRequest, Session } from "@opencode-ai/sdk/v2/client";
import { createMemo, createRoot } from "solid-js";
import {
  attentionItems,
  filterMerged,
  keepUnchangedRows,
  mergedRows,
  mergeServerRows,
  serverRows,
  type RowCache,
  sessionCost,
  type MergedRow,
  type MergedSource,
} from "../../../src/app/merged";
import { createInstanceStore } from "../../../src/state/instance-store";
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

describe("serverRows and mergeServerRows", () => {
  it("merge the servers' lists in the order one sort over all of them gives, each session with its subagents", () => {
    // A small generator (no Math.random: the same lists every run), with ties in activity and ids
    // repeated across servers, which is where a merge and a sort could disagree.
    let seed = 7;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let round = 0; round < 20; round++) {
      const sources = ["4098", "4096", "4097"].map((instanceId) =>
        source(
          instanceId,
          Array.from({ length: 1 + next(12) }, (_, i) =>
            session(`s${next(8)}_${i}`, next(5), i > 2 && next(3) === 0 ? { parentID: `s${next(8)}_${next(i)}` } : {}),
          ),
        ),
      );
      const perServer = sources.map((source) => serverRows(source));
      const blocks: MergedRow[][] = [];
      for (const rows of perServer)
        for (const row of rows) {
          if (row.depth === 0) blocks.push([row]);
          else blocks.at(-1)!.push(row);
        }
      blocks.sort(
        ([a], [b]) =>
          b.updated - a.updated || (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : a.instanceId < b.instanceId ? -1 : 1),
      );
      expect(keys(mergeServerRows(perServer))).toEqual(keys(blocks.flat()));
      expect(keys(mergedRows(sources))).toEqual(keys(blocks.flat()));
    }
  });

  it("follow a live store: a memo over one server's rows sees sessions added, replaced and deleted", () => {
    createRoot((dispose) => {
      const store = createInstanceStore();
      const rows = createMemo(() => serverRows({ instanceId: "4096", server: ":4096", state: store.state }));
      const put = (info: Session) => store.applyEvents([{ type: "session.updated", properties: { info } }]);
      put(session("ses_a", 1));
      put(session("ses_b", 2));
      expect(rows().map((r) => [r.sessionId, r.title])).toEqual([
        ["ses_b", "ses_b"],
        ["ses_a", "ses_a"],
      ]);
      put(session("ses_a", 3, { title: "Renamed" }));
      expect(rows().map((r) => [r.sessionId, r.title])).toEqual([
        ["ses_a", "Renamed"],
        ["ses_b", "ses_b"],
      ]);
      store.applyEvents([{ type: "session.status", properties: { sessionID: "ses_b", status: { type: "busy" } } }]);
      expect(rows()[1].badges).toEqual(["busy"]);
      store.applyEvents([{ type: "session.deleted", properties: { sessionID: "ses_a" } }]);
      expect(rows().map((r) => r.sessionId)).toEqual(["ses_b"]);
      dispose();
    });
  });
});

describe("serverRows with a row cache", () => {
  it("builds again only the rows whose session, badges, cost or depth changed", () => {
    createRoot((dispose) => {
      const store = createInstanceStore();
      const cache: RowCache = new WeakMap();
      const rows = createMemo(() => serverRows({ instanceId: "4096", server: ":4096", state: store.state }, cache));
      const put = (info: Session) => store.applyEvents([{ type: "session.updated", properties: { info } }]);
      put(session("ses_a", 1));
      put(session("ses_b", 2));
      put(session("ses_c", 3, { parentID: "ses_a" }));
      const [b, a, c] = rows();
      expect([b.sessionId, a.sessionId, c.sessionId]).toEqual(["ses_b", "ses_a", "ses_c"]);
      // ses_b renamed (a new session object): its row is new, the others are the same objects.
      put(session("ses_b", 2, { title: "Renamed" }));
      expect(rows()[0]).not.toBe(b);
      expect(rows()[0].title).toBe("Renamed");
      expect(rows()[1]).toBe(a);
      expect(rows()[2]).toBe(c);
      // A badge is part of the row: busy ses_a gets a new row, with the badge.
      store.applyEvents([{ type: "session.status", properties: { sessionID: "ses_a", status: { type: "busy" } } }]);
      expect(rows()[1]).not.toBe(a);
      expect(rows()[1].badges).toEqual(["busy"]);
      expect(rows()[2]).toBe(c);
      // So is the depth: ses_c on its own when its parent goes.
      store.applyEvents([{ type: "session.deleted", properties: { sessionID: "ses_a" } }]);
      const alone = rows().find((row) => row.sessionId === "ses_c")!;
      expect(alone).not.toBe(c);
      expect(alone.depth).toBe(0);
      dispose();
    });
  });

  it("shares one cache between servers without giving one server's row to another", () => {
    const cache: RowCache = new WeakMap();
    const shared = session("ses_a", 1);
    const first = serverRows(source("4096", [shared]), cache);
    // The same session object on another server (a copy of the data, not the same row).
    const other = serverRows({ ...source("4097", [shared]), server: ":4096" }, cache);
    expect(other[0]).not.toBe(first[0]);
    expect(other[0].instanceId).toBe("4097");
    expect(other[0].key).toBe("4097 ses_a");
  });

  it("keeps its rows for the next page that builds them (All servers shown again)", () => {
    const cache: RowCache = new WeakMap();
    const sessions = [session("ses_a", 1), session("ses_b", 2)];
    const first = serverRows(source("4096", sessions), cache);
    const again = serverRows(source("4096", sessions), cache);
    expect(again).not.toBe(first);
    again.forEach((row, i) => expect(row).toBe(first[i]));
  });
});

describe("keepUnchangedRows", () => {
  const servers = (extra: Partial<InstanceState> = {}, sessions = [session("a", 3), session("b", 2), session("c", 1)]) => [
    source("4096", sessions, extra),
    source("4097", [session("a", 0)]),
  ];

  it("hands back the previous list, row objects and all, when nothing a row shows changed", () => {
    const first = mergedRows(servers());
    const again = mergedRows(servers());
    expect(again[0]).not.toBe(first[0]);
    expect(keepUnchangedRows(first, again)).toBe(first);
  });

  it("keeps the rows that did not change and takes a new object for one whose badge, title, status or cost changed", () => {
    const first = mergedRows(servers());
    const changes: Array<[string, MergedSource[]]> = [
      ["badge", servers({ permissions: { b: [permission("per_1", "b")] } })],
      ["status", servers({ status: { b: { type: "busy" } } })],
      ["error", servers({ errors: { b: { name: "APIError", message: "boom", at: 1 } } })],
      ["title", servers({}, [session("a", 3), session("b", 2, { title: "Renamed" }), session("c", 1)])],
      ["cost", servers({}, [session("a", 3), session("b", 2, { cost: 0.5 }), session("c", 1)])],
    ];
    for (const [what, changed] of changes) {
      const next = keepUnchangedRows(first, mergedRows(changed));
      expect(next, what).not.toBe(first);
      expect(keys(next), what).toEqual(keys(first));
      expect(next[1], what).not.toBe(first[1]);
      expect(next[1].sessionId).toBe("b");
      for (const i of [0, 2, 3]) expect(next[i], `${what}: row ${i}`).toBe(first[i]);
    }
  });

  it("keeps the objects of rows that only moved, in their new order", () => {
    const first = mergedRows(servers());
    const next = keepUnchangedRows(first, mergedRows(servers({}, [session("a", 3), session("b", 2), session("c", 9)])));
    expect(keys(next)).toEqual(["4096 c", "4096 a", "4096 b", "4097 a"]);
    expect(next[0]).not.toBe(first[2]); // its activity changed
    expect(next[1]).toBe(first[0]);
    expect(next[2]).toBe(first[1]);
    expect(next[3]).toBe(first[3]);
  });

  it("takes a new list when a row came or went, and the list as it is when there was none", () => {
    const first = mergedRows(servers());
    const fewer = keepUnchangedRows(first, mergedRows(servers({}, [session("a", 3), session("c", 1)])));
    expect(keys(fewer)).toEqual(["4096 a", "4096 c", "4097 a"]);
    expect(fewer[0]).toBe(first[0]);
    expect(fewer[1]).toBe(first[2]);
    const next = mergedRows(servers());
    expect(keepUnchangedRows(undefined, next)).toBe(next);
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
