/**
 * A tiny REST client for driving a real server from tests and the fixture recorder, the way the
 * app would (same routes, `?directory=` scoping, Basic auth). Every request has a timeout because
 * a request to a server that is still starting once hung forever.
 */
import type { Message, Part, PermissionRequest, Session, SessionStatus } from "@opencode-ai/sdk/v2/client";

/** `GET /session/:id/message` items. */
export interface MessageWithParts {
  info: Message;
  parts: Part[];
}

/** Where to send requests: a server URL plus the headers it wants. */
export interface ServerTarget {
  url: string;
  headers(): Record<string, string>;
}

/** REST calls against one server, optionally scoped to one project directory. */
export class OpencodeRest {
  constructor(
    private readonly target: ServerTarget,
    private readonly directory?: string,
  ) {}

  /** The same client scoped to another project directory of the server. */
  in(directory: string): OpencodeRest {
    return new OpencodeRest(this.target, directory);
  }

  /** Sends one request and parses JSON (204 gives undefined); throws with the body on non-2xx. */
  async request<T>(method: string, path: string, body?: unknown, timeoutMs = 10_000): Promise<T> {
    const url = new URL(path, this.target.url);
    if (this.directory) url.searchParams.set("directory", this.directory);
    const res = await fetch(url, {
      method,
      headers: { ...this.target.headers(), ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → HTTP ${res.status}: ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** `POST /session`: a new session, titled when `title` is given (which skips title generation). */
  createSession(body: { title?: string; parentID?: string } = {}): Promise<Session> {
    return this.request("POST", "/session", body);
  }

  /** `POST /session/:id/prompt_async` with one text part; events follow on the streams. */
  prompt(sessionID: string, text: string): Promise<void> {
    return this.request("POST", `/session/${sessionID}/prompt_async`, { parts: [{ type: "text", text }] });
  }

  /** `POST /session/:id/abort`. */
  abort(sessionID: string): Promise<boolean> {
    return this.request("POST", `/session/${sessionID}/abort`);
  }

  /** `GET /session`: this directory's sessions (children included). */
  sessions(): Promise<Session[]> {
    return this.request("GET", "/session");
  }

  /** `GET /session/:id/message`. */
  messages(sessionID: string): Promise<MessageWithParts[]> {
    return this.request("GET", `/session/${sessionID}/message`);
  }

  /** `GET /session/status`: only sessions that are not idle. */
  status(): Promise<Record<string, SessionStatus>> {
    return this.request("GET", "/session/status");
  }

  /** `GET /permission`: pending permission requests. */
  permissions(): Promise<PermissionRequest[]> {
    return this.request("GET", "/permission");
  }

  /** `POST /permission/:id/reply`. */
  replyPermission(requestID: string, reply: "once" | "always" | "reject", message?: string): Promise<boolean> {
    return this.request("POST", `/permission/${requestID}/reply`, { reply, ...(message ? { message } : {}) });
  }

  /** Polls `check` every 150 ms until it resolves true; resolves false after `timeoutMs`. */
  async waitFor(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await check()) return true;
      await new Promise((ok) => setTimeout(ok, 150));
    }
    return false;
  }

  /**
   * The session whose first user message is exactly `prompt` (how a test finds a session the app
   * created). Polls, since the app's POST may still be on its way.
   */
  async sessionWithPrompt(prompt: string, timeoutMs = 15_000): Promise<Session> {
    let found: Session | undefined;
    await this.waitFor(async () => {
      for (const session of await this.sessions()) {
        const first = (await this.messages(session.id)).find((m) => m.info.role === "user");
        if (first?.parts.some((p) => p.type === "text" && p.text === prompt)) found = session;
      }
      return !!found;
    }, timeoutMs);
    if (!found) throw new Error(`no session on the server was prompted with ${JSON.stringify(prompt)}`);
    return found;
  }

  /**
   * Polls until the session is idle and its newest message is a completed assistant message, so a
   * test never reads a half-written answer. Title requests may still be running; that is fine.
   */
  async waitIdle(sessionID: string, timeoutMs = 30_000): Promise<MessageWithParts[]> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const status = await this.status();
      if (!status[sessionID]) {
        const messages = await this.messages(sessionID);
        const last = messages[messages.length - 1]?.info;
        if (last?.role === "assistant" && last.time.completed) return messages;
      }
      await new Promise((ok) => setTimeout(ok, 150));
    }
    throw new Error(`session ${sessionID} did not become idle within ${timeoutMs} ms`);
  }
}

/** The text of every text part of the messages, in order: what a transcript should show. */
export function transcriptText(messages: MessageWithParts[]): string[] {
  return messages.flatMap((m) => m.parts.flatMap((p) => (p.type === "text" ? [p.text] : [])));
}
