import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  abortSession,
  createSession,
  PROMPT_REQUEST_MS,
  rejectQuestion,
  replyPermission,
  replyQuestion,
  sendPrompt,
} from "../../../src/api/actions";
import type { InstanceConfig } from "../../../src/api/instance";
import sessionList from "../../fixtures/rest/session-list.json";

const BASE = "http://127.0.0.1:4096";
const config: InstanceConfig = { id: "i", baseUrl: BASE, password: "pw" };
const DIR = "/home/dev/alpha beta"; // a space, to see the directory survive encoding
const session = { id: "ses_e038b2077ffebeNsc76L1688IO", directory: DIR };

interface Seen {
  method: string;
  path: string;
  directory: string | null;
  authorization: string | null;
  body: unknown;
}

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** Records every request: POSTs carry the directory in `x-opencode-directory` (URI-encoded), GETs in the query. */
function recordAll(answer: () => Response = () => new HttpResponse(null, { status: 204 })) {
  const seen: Seen[] = [];
  server.use(
    http.all(`${BASE}/*`, async ({ request }) => {
      const url = new URL(request.url);
      const header = request.headers.get("x-opencode-directory");
      const text = await request.text();
      seen.push({
        method: request.method,
        path: url.pathname,
        directory: url.searchParams.get("directory") ?? (header ? decodeURIComponent(header) : null),
        authorization: request.headers.get("authorization"),
        body: text ? JSON.parse(text) : undefined,
      });
      return answer();
    }),
  );
  return seen;
}

const AUTH = "Basic b3BlbmNvZGU6cHc=";

describe("actions", () => {
  it("sendPrompt posts the text to prompt_async in the session's directory", async () => {
    const seen = recordAll();
    await sendPrompt(config, session, "Fix the failing test");
    expect(seen).toEqual([
      {
        method: "POST",
        path: `/session/${session.id}/prompt_async`,
        directory: DIR,
        authorization: AUTH,
        body: { parts: [{ type: "text", text: "Fix the failing test" }] },
      },
    ]);
  });

  it("sendPrompt waits for a slow server longer than other calls do, and then says it did not answer", async () => {
    vi.useFakeTimers();
    try {
      const never = (_input: RequestInfo | URL, init?: RequestInit) =>
        new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal!.reason)));
      let outcome: unknown = "pending";
      const sent = sendPrompt(config, session, "slow", ((input: RequestInfo | URL, init?: RequestInit) =>
        never(input, input instanceof Request ? { signal: input.signal } : init)) as typeof fetch).then(
        () => (outcome = "sent"),
        (error: unknown) => (outcome = error),
      );
      await vi.advanceTimersByTimeAsync(15_000);
      expect(outcome).toBe("pending");
      await vi.advanceTimersByTimeAsync(PROMPT_REQUEST_MS);
      await sent;
      expect(String(outcome)).toMatch(/did not answer in time/);
    } finally {
      vi.useRealTimers();
    }
  });

  it("sendPrompt carries the chosen model and agent, and mentioned files after the text", async () => {
    const seen = recordAll();
    const file = { type: "file" as const, mime: "text/plain", url: `file://${DIR}/a.ts`, filename: "a.ts" };
    await sendPrompt(config, session, "look at @a.ts", undefined, {
      model: { providerID: "fake", modelID: "fake-model-2" },
      agent: "plan",
      files: [file],
    });
    expect(seen[0].body).toEqual({
      parts: [{ type: "text", text: "look at @a.ts" }, file],
      model: { providerID: "fake", modelID: "fake-model-2" },
      agent: "plan",
    });
  });

  it("sendPrompt sends attachments alone without an empty text part", async () => {
    const seen = recordAll();
    const image = { type: "file" as const, mime: "image/png", url: "data:image/png;base64,iVBORw0KGgo=", filename: "shot.png" };
    await sendPrompt(config, session, "", undefined, { files: [image] });
    expect(seen[0].body).toEqual({ parts: [image] });
  });

  it("abortSession posts to abort in the session's directory", async () => {
    const seen = recordAll(() => HttpResponse.json(true));
    await abortSession(config, session);
    expect(seen.map((s) => [s.method, s.path, s.directory])).toEqual([["POST", `/session/${session.id}/abort`, DIR]]);
  });

  it("createSession posts to /session in the chosen directory and returns the new session", async () => {
    const created = sessionList[0];
    const seen = recordAll(() => HttpResponse.json(created));
    expect(await createSession(config, DIR)).toEqual(created);
    // No body at all: a real 1.18.33 server answered such a POST with the new session.
    expect(seen.map((s) => [s.method, s.path, s.directory, s.body])).toEqual([["POST", "/session", DIR, undefined]]);
  });

  it.each(["once", "always", "reject"] as const)("replyPermission sends %s to the request's reply route", async (reply) => {
    const seen = recordAll(() => HttpResponse.json(true));
    await replyPermission(config, DIR, { id: "per_1" }, reply);
    expect(seen.map((s) => [s.method, s.path, s.directory, s.body])).toEqual([["POST", "/permission/per_1/reply", DIR, { reply }]]);
  });

  it("replyQuestion sends the answers and rejectQuestion dismisses", async () => {
    const seen = recordAll(() => HttpResponse.json(true));
    await replyQuestion(config, DIR, { id: "que_1" }, [["a.txt"], ["yes", "no"]]);
    await rejectQuestion(config, DIR, { id: "que_1" });
    expect(seen.map((s) => [s.path, s.body])).toEqual([
      ["/question/que_1/reply", { answers: [["a.txt"], ["yes", "no"]] }],
      ["/question/que_1/reject", undefined],
    ]);
    expect(seen.every((s) => s.authorization === AUTH && s.directory === DIR)).toBe(true);
  });

  it("turns a refused prompt into a sentence", async () => {
    recordAll(() => HttpResponse.json({ name: "BadRequestError", data: { message: "Session is busy" } }, { status: 400 }));
    await expect(sendPrompt(config, session, "hi")).rejects.toThrow("Could not send the prompt (HTTP 400): Session is busy.");
  });
});
