import type { Message, PermissionRequest, QuestionRequest, Session } from "@opencode-ai/sdk/v2/client";
import { describe, expect, it } from "vitest";
import { decideNotices, makeNoticeTracker, noticeFacts, SEEN_LIMIT, sessionAbout, type NoticeMemory } from "../../../src/app/notices";
import { emptyInstanceState, type InstanceState } from "../../../src/state/types";

const session = (id: string, extra: Partial<Session> = {}): Session =>
  ({
    id,
    slug: id,
    projectID: "p",
    directory: "/home/dev/alpha",
    title: `Title of ${id}`,
    version: "1",
    time: { created: 1, updated: 7 },
    ...extra,
  }) as Session;
const permission = (id: string, sessionID: string): PermissionRequest => ({
  id,
  sessionID,
  permission: "bash",
  patterns: ["ls"],
  metadata: { command: "ls -la" },
  always: [],
});
const question = (id: string, sessionID: string): QuestionRequest => ({
  id,
  sessionID,
  questions: [{ question: "Which branch?", header: "Branch", options: [] }],
});

function state(extra: Partial<InstanceState> = {}): InstanceState {
  return { ...emptyInstanceState(), sessions: { a: session("a"), b: session("b"), kid: session("kid", { parentID: "a" }) }, ...extra };
}

/** One observation of server "4096" with `s`; `memory` from the last one. */
function look(memory: NoticeMemory | undefined, s: InstanceState, view: { hidden?: boolean; ready?: boolean } = {}) {
  return decideNotices(memory, {
    instanceId: "4096",
    server: ":4096",
    facts: noticeFacts(s),
    about: (id) => sessionAbout(s, id),
    ready: view.ready ?? true,
    hidden: view.hidden ?? true,
  });
}

/** A memory primed on `s` (the first complete load seen), as after turning notifications on. */
const primed = (s: InstanceState = state()) => look(undefined, s).memory;

describe("decideNotices: which transitions notify", () => {
  it("notifies a new permission or question once, headed by the session's title, with what is asked and the server", () => {
    const { notices } = look(
      primed(),
      state({ permissions: { a: [permission("per_1", "a")] }, questions: { b: [question("que_1", "b")] } }),
    );
    expect(notices).toEqual([
      {
        kind: "needs-you",
        key: "ask per_1",
        instanceId: "4096",
        sessionId: "a",
        title: "Title of a",
        body: "Permission for bash: ls -la · :4096",
        tag: "4096 a",
      },
      expect.objectContaining({ kind: "needs-you", sessionId: "b", title: "Title of b", body: "Which branch? · :4096", tag: "4096 b" }),
    ]);
  });

  it("notifies a subagent's permission (it waits for the user too), not its finish or failure", () => {
    const asked = look(
      primed(state({ status: { kid: { type: "busy" } } })),
      state({ status: { kid: { type: "busy" } }, permissions: { kid: [permission("per_k", "kid")] } }),
    );
    expect(asked.notices.map((n) => [n.kind, n.sessionId])).toEqual([["needs-you", "kid"]]);
    const done = look(asked.memory, state({ errors: { kid: { name: "APIError", message: "boom", at: 5 } } }));
    expect(done.notices).toEqual([]);
  });

  it("notifies a failure with its message, and not a finish on top of it", () => {
    const busy = primed(state({ status: { a: { type: "busy" } } }));
    const failed = look(busy, state({ errors: { a: { name: "APIError", message: "The provider said no", at: 9 } } }));
    expect(failed.notices).toEqual([
      expect.objectContaining({ kind: "failed", sessionId: "a", body: "Failed: The provider said no · :4096" }),
    ]);
  });

  it("notifies a finish (busy or retrying → idle) of a top-level session, keyed by its last message", () => {
    const messages = {
      a: [
        { id: "msg_1", role: "user" },
        { id: "msg_2", role: "assistant" },
      ] as unknown as Message[],
    };
    const retrying = primed(state({ status: { a: { type: "retry", attempt: 1, message: "wait", next: 1 } } }));
    const { notices } = look(retrying, state({ messages }));
    expect(notices).toEqual([
      expect.objectContaining({ kind: "finished", key: "done a msg_2", title: "Title of a", body: "Finished · :4096" }),
    ]);
  });

  it("says nothing for a stop the user asked for (MessageAbortedError), neither failed nor finished", () => {
    const busy = primed(state({ status: { a: { type: "busy" } } }));
    expect(look(busy, state({ errors: { a: { name: "MessageAbortedError", message: "Aborted", at: 3 } } })).notices).toEqual([]);
  });

  it("says nothing for a session deleted while it ran", () => {
    const busy = primed(state({ status: { a: { type: "busy" } } }));
    const gone = state();
    delete gone.sessions.a;
    expect(look(busy, gone).notices).toEqual([]);
  });

  it("guards a malformed request: no text becomes a plain sentence, a long one is clipped", () => {
    const odd = {
      id: "per_x",
      sessionID: "a",
      permission: 42,
      patterns: "nope",
      metadata: null,
      always: [],
    } as unknown as PermissionRequest;
    const long = { ...permission("per_y", "b"), metadata: { command: "x".repeat(500) } };
    const { notices } = look(primed(), state({ permissions: { a: [odd], b: [long] } }));
    expect(notices[0].body).toBe("Permission for a tool · :4096");
    expect(notices[1].body.length).toBeLessThan(160);
    expect(notices[1].body).toContain("…");
  });
});

describe("decideNotices: once per event", () => {
  it("does not notify again when a resync puts the same pending request back, nor after it was answered and replayed", () => {
    const pending = state({ permissions: { a: [permission("per_1", "a")] } });
    const first = look(primed(), pending);
    expect(first.notices).toHaveLength(1);
    // A reconnect: the store is rebuilt from REST; the request is the same one.
    const again = look(first.memory, structuredClone(pending));
    expect(again.notices).toEqual([]);
    const answered = look(again.memory, state());
    const replayed = look(answered.memory, pending);
    expect(replayed.notices).toEqual([]);
  });

  it("notifies one finish per run: a second busy → idle of the same run (a resync replaying the status) stays quiet", () => {
    const messages = { a: [{ id: "msg_2", role: "assistant" }] as unknown as Message[] };
    const first = look(primed(state({ status: { a: { type: "busy" } }, messages })), state({ messages }));
    expect(first.notices).toHaveLength(1);
    const replay = look(look(first.memory, state({ status: { a: { type: "busy" } }, messages })).memory, state({ messages }));
    expect(replay.notices).toEqual([]);
    // The next run adds a message: that one is news.
    const next = { a: [...messages.a, { id: "msg_3", role: "assistant" }] as unknown as Message[] };
    const second = look(look(replay.memory, state({ status: { a: { type: "busy" } }, messages: next })).memory, state({ messages: next }));
    expect(second.notices.map((n) => n.key)).toEqual(["done a msg_3"]);
  });

  it("keeps a bounded memory", () => {
    let memory = primed();
    for (let i = 0; i < SEEN_LIMIT + 50; i++) memory = look(memory, state({ permissions: { a: [permission(`per_${i}`, "a")] } })).memory;
    expect(memory.seen.length).toBe(SEEN_LIMIT);
  });

  it("tells nothing of what was there before the first complete load, or when notifications were turned on", () => {
    const pending = state({ permissions: { a: [permission("per_old", "a")] }, status: { b: { type: "busy" } } });
    // Loading: events may arrive, but the store is not the server's yet.
    const loading = look(undefined, state(), { ready: false });
    expect(loading.notices).toEqual([]);
    const loaded = look(loading.memory, pending);
    expect(loaded.notices).toEqual([]);
    // From then on, news is news.
    const news = state({ permissions: { a: [permission("per_old", "a"), permission("per_new", "a")] }, status: { b: { type: "busy" } } });
    expect(look(loaded.memory, news).notices.map((n) => n.key)).toEqual(["ask per_new"]);
  });
});

describe("decideNotices: visibility", () => {
  it("shows nothing while the page is visible, and does not bring it up once the page is hidden", () => {
    const pending = state({ permissions: { a: [permission("per_1", "a")] } });
    const seenWhileVisible = look(primed(), pending, { hidden: false });
    expect(seenWhileVisible.notices).toEqual([]);
    expect(look(seenWhileVisible.memory, pending, { hidden: true }).notices).toEqual([]);
    // A run that started while visible and ends while hidden is told.
    const busyVisible = look(seenWhileVisible.memory, state({ status: { b: { type: "busy" } } }), { hidden: false });
    expect(look(busyVisible.memory, state(), { hidden: true }).notices.map((n) => n.kind)).toEqual(["finished"]);
  });
});

describe("makeNoticeTracker", () => {
  it("keeps one memory per server, forgets removed servers and starts afresh after a reset", () => {
    const tracker = makeNoticeTracker();
    const input = (instanceId: string, s: InstanceState) => ({
      instanceId,
      server: instanceId,
      facts: noticeFacts(s),
      about: (id: string) => sessionAbout(s, id),
      ready: true,
      hidden: true,
    });
    const pending = state({ permissions: { a: [permission("per_1", "a")] } });
    tracker.observe(input("4096", state()));
    tracker.observe(input("4097", state()));
    expect(tracker.observe(input("4096", pending)).map((n) => n.tag)).toEqual(["4096 a"]);
    // The same request id on another server is another request.
    expect(tracker.observe(input("4097", pending)).map((n) => n.tag)).toEqual(["4097 a"]);
    tracker.retain(new Set(["4096"]));
    expect(tracker.observe(input("4097", pending))).toEqual([]); // primed afresh: old news
    tracker.reset();
    expect(tracker.observe(input("4096", pending))).toEqual([]);
  });
});
