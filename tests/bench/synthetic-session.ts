/**
 * Long sessions made to order, shaped like `GET /session/:id/message` answers of opencode 1.18.33
 * (rest/session-messages.json): a user text message, then an assistant message with step-start, a
 * text part (markdown, every third one with a fenced code block), a completed bash tool call every
 * other turn, and step-finish. Ids sort below real captured ids (`msg_0…` < `msg_1fc…`), so a
 * captured stream replayed into the session appends after this history, as a new reply would.
 */
import type { AssistantMessage, Message, Part, Session, UserMessage } from "@opencode-ai/sdk/v2/client";

/** One entry of `GET /session/:id/message`. */
export interface MessageWithParts {
  info: Message;
  parts: Part[];
}

const BASE_TIME = 1_795_236_000_000;
const TOKENS = { total: 16, input: 10, output: 6, reasoning: 0, cache: { read: 0, write: 0 } };

/** A zero-padded counter keeps string order equal to creation order, as opencode's ids do. */
function pad(n: number): string {
  return n.toString().padStart(9, "0");
}

function userText(i: number): string {
  return `Question ${i}: how does the switchboard keep ${i % 7} servers in sync without reloading?`;
}

function assistantText(i: number): string {
  const prose =
    `Turn ${i}. The store is **normalised** by session and message, so a reply only touches its own ` +
    `parts. See \`src/state/reducer.ts\` for the switch over event types, and [EVENTS.md](#events).`;
  if (i % 3 !== 0) return `${prose}\n\n- first point ${i}\n- second point\n- third point`;
  return (
    `${prose}\n\n\`\`\`ts\nexport function add${i}(a: number, b: number): number {\n` +
    `  // sum for turn ${i}\n  return a + b + ${i};\n}\n\`\`\`\n\nThat is all for turn ${i}.`
  );
}

/**
 * `count` messages (half user, half assistant) of session `sessionID`, oldest first. Deterministic:
 * the same arguments always give the same data, so runs compare.
 */
export function makeSessionMessages(sessionID: string, count: number, directory = "/home/dev/alpha"): MessageWithParts[] {
  const out: MessageWithParts[] = [];
  for (let i = 0; i < count; i++) {
    const id = `msg_0${pad(i)}bench`;
    const created = BASE_TIME + i * 1000;
    const base = { id: `prt_0${pad(i)}`, sessionID, messageID: id };
    if (i % 2 === 0) {
      const info: UserMessage = {
        id,
        sessionID,
        role: "user",
        time: { created },
        agent: "build",
        model: { providerID: "fake", modelID: "fake-model" },
      };
      out.push({ info, parts: [{ ...base, id: `${base.id}a`, type: "text", text: userText(i) }] });
      continue;
    }
    const info: AssistantMessage = {
      id,
      sessionID,
      role: "assistant",
      time: { created, completed: created + 900 },
      parentID: `msg_0${pad(i - 1)}bench`,
      modelID: "fake-model",
      providerID: "fake",
      mode: "build",
      agent: "build",
      path: { cwd: directory, root: directory },
      cost: 0,
      tokens: TOKENS,
      finish: "stop",
    };
    const parts: Part[] = [
      { ...base, id: `${base.id}a`, type: "step-start", snapshot: "6a4491ab7aa3158738e4ad78fa61c2b2fb4aa9bc" },
      { ...base, id: `${base.id}b`, type: "text", text: assistantText(i), time: { start: created + 10, end: created + 400 } },
    ];
    if (i % 4 === 1) {
      parts.push({
        ...base,
        id: `${base.id}c`,
        type: "tool",
        callID: `call_${i}`,
        tool: "bash",
        state: {
          status: "completed",
          input: { command: `echo turn-${i}`, description: "Print the turn" },
          output: `turn-${i}\n`,
          title: `echo turn-${i}`,
          metadata: { output: `turn-${i}\n`, exit: 0, description: "Print the turn", truncated: false },
          time: { start: created + 500, end: created + 600 },
        },
      });
    }
    parts.push({ ...base, id: `${base.id}d`, type: "step-finish", reason: "stop", cost: 0, tokens: TOKENS });
    out.push({ info, parts });
  }
  return out;
}

/** A session record like `GET /experimental/session` lists, for the fake server. */
export function makeSession(sessionID: string, title: string, directory = "/home/dev/alpha"): Session {
  return {
    id: sessionID,
    slug: "bench-session",
    projectID: "1376a2ae3c71a14b3e3d68649d5cb9692dd95f90",
    directory,
    title,
    version: "1.18.33",
    time: { created: BASE_TIME, updated: BASE_TIME + 1000 },
  } as Session;
}
