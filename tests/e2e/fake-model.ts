/**
 * A fake OpenAI-compatible model server, so a real `opencode serve` really streams in tests.
 * Nothing is random: what it answers is scripted by the text of the LAST user message of the
 * chat-completions request (its "prompt"). Wire format as opencode 1.18.33 accepted it
 * (see /work/shared/opencode/SERVER.md, "A fake model").
 *
 * Script vocabulary (one step per line; step K runs on the K-th model call of the turn, i.e. after
 * K-1 tool results; once every step has run, a tool result is answered with final text):
 *
 *   [Some title] <step>        optional leading bracket: the session title the model proposes
 *                              (title requests are the ones without `tools`; default "Fake title")
 *   say: <text>                <text> in ~6 chunks, 30 ms apart; a literal `\n` in <text> is a newline
 *                              (steps are lines, so this is how one step carries markdown)
 *   think: <r> say: <t>        reasoning <r> (delta.reasoning_content), then text <t>
 *   long:<N>                   N chunks "tok0 ", "tok1 ", … written at once
 *   long:<N>:paced:<ms>        the same, <ms> apart
 *   slow:<N>:<ms>              N chunks "word0 ", "word1 ", … <ms> apart (kill-mid-stream tests)
 *   bash:<command>             a `bash` tool call (description "Run <command>")
 *   task:<child prompt>        a `task` tool call (description "Fake subagent job"); the child session
 *                              gets <child prompt> as its own prompt, so it is scripted too
 *   task:<description>::<child prompt>   the same with a chosen description (child title is
 *                              "<description> (@general subagent)")
 *   write:<path>:<content>     a `write` tool call (relative paths resolve in the project dir); a
 *                              literal `\n` in <content> is a newline, so one step writes many lines
 *   edit:<path>:<old>=><new>   an `edit` tool call replacing <old> by <new> in the file (`\n` too)
 *   todo                       a `todowrite` call with two todos
 *   fail500                    HTTP 500 every time (opencode retries with backoff until aborted)
 *   fail500:<n>                HTTP 500 for the first <n> requests with this exact prompt, then text
 *                              "Recovered after <n> failures" (append a nonce to make prompts unique)
 *   fail400                    HTTP 400 (opencode gives up: session.error APIError)
 *   html                       markdown/HTML with script, onerror, javascript: link and iframe
 *   whoami                     text "Answered by <model id>": which of the two models opencode called
 *   anything else              text "You said: <prompt>"
 * After the last step, a request whose last message has role `tool` gets
 * "Tool finished: <first line of the tool output that reads like words>" so tool loops end.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** The raw HTML the `html` step streams; exported so tests can check none of it runs. */
export const HOSTILE_HTML = [
  "Here is some hostile output.\n\n",
  '<img src=x onerror="window.__pwned=1">\n\n',
  "<script>window.__pwned=1</script>\n\n",
  "[click](javascript:window.__pwned=1)\n\n",
  '<iframe src="javascript:window.__pwned=1"></iframe>\n\n',
  "End of hostile output.",
];

/** One chat-completions request as the fake model understood it (for assertions and debugging). */
export interface FakeModelRequest {
  prompt: string;
  hasTools: boolean;
  lastRole: string;
  step: number;
  at: number;
  /** The last user message's content as sent: a string, or parts (`text`, `image_url`) when it carried attachments. */
  content: unknown;
}

/** A running fake model: `url` is the OpenAI base URL (ends in `/v1`). */
export interface FakeModel {
  url: string;
  port: number;
  requests: FakeModelRequest[];
  close(): Promise<void>;
}

type ChatMessage = { role: string; content?: unknown };
type Writer = { chunk(delta: object, finish?: string | null): void; finish(reason: string): void; sleep(ms: number): Promise<void> };

/** The plain text of a message's content, which is a string or an array of `{type:"text",text}`. */
export function messageText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content
      .map((part) => (part && typeof part === "object" && "text" in part ? String((part as { text: unknown }).text) : ""))
      .join("");
  }
  return "";
}

/** Splits `text` into about `count` pieces on word boundaries so the UI sees it arrive in parts. */
function pieces(text: string, count = 6): string[] {
  const words = text.split(/(?<=\s)/);
  const size = Math.max(1, Math.ceil(words.length / count));
  const out: string[] = [];
  for (let i = 0; i < words.length; i += size) out.push(words.slice(i, i + size).join(""));
  return out.length ? out : [text];
}

/** Parses the optional leading `[Title]` off a prompt. */
function splitTitle(prompt: string): { title?: string; body: string } {
  const match = /^\s*\[([^\]\n]+)\]\s*/.exec(prompt);
  return match ? { title: match[1], body: prompt.slice(match[0].length) } : { body: prompt };
}

const failures = new Map<string, number>();

async function streamText(w: Writer, text: string, gapMs: number): Promise<void> {
  for (const piece of pieces(text)) {
    w.chunk({ content: piece });
    await w.sleep(gapMs);
  }
  w.finish("stop");
}

async function streamTool(w: Writer, name: string, args: object, callId: string): Promise<void> {
  const json = JSON.stringify(args);
  const third = Math.ceil(json.length / 3);
  w.chunk({ tool_calls: [{ index: 0, id: callId, type: "function", function: { name, arguments: json.slice(0, third) } }] });
  w.chunk({ tool_calls: [{ index: 0, function: { arguments: json.slice(third, 2 * third) } }] });
  w.chunk({ tool_calls: [{ index: 0, function: { arguments: json.slice(2 * third) } }] });
  w.finish("tool_calls");
}

/** Runs one script step; returns an HTTP status to send instead of a stream, or undefined. */
export function statusFor(step: string, prompt: string): number | undefined {
  if (/^fail400\b/.test(step)) return 400;
  const fail = /^fail500(?::(\d+))?/.exec(step);
  if (!fail) return undefined;
  if (!fail[1]) return 500;
  const seen = failures.get(prompt) ?? 0;
  if (seen >= Number(fail[1])) return undefined;
  failures.set(prompt, seen + 1);
  return 500;
}

let callCounter = 0;

const unescapeNewlines = (text: string) => text.replace(/\\n/g, "\n");

/** The models the fake serves; the opencode config in harness/opencode.ts declares both. */
export const FAKE_MODELS = ["fake-model", "fake-model-2"] as const;

async function runStep(w: Writer, step: string, model: string): Promise<void> {
  let m: RegExpExecArray | null;
  const callId = `call_fake_${++callCounter}`;
  if ((m = /^think:\s*([\s\S]*?)\s*say:\s*([\s\S]*)$/.exec(step))) {
    for (const piece of pieces(m[1], 3)) {
      w.chunk({ reasoning_content: piece });
      await w.sleep(30);
    }
    return streamText(w, unescapeNewlines(m[2]), 30);
  }
  if ((m = /^say:\s*([\s\S]*)$/.exec(step))) return streamText(w, unescapeNewlines(m[1]), 30);
  if ((m = /^long:(\d+)(?::paced:(\d+))?/.exec(step))) {
    for (let k = 0; k < Number(m[1]); k++) {
      w.chunk({ content: `tok${k} ` });
      if (m[2]) await w.sleep(Number(m[2]));
    }
    return w.finish("stop");
  }
  if ((m = /^slow:(\d+):(\d+)/.exec(step))) {
    for (let k = 0; k < Number(m[1]); k++) {
      w.chunk({ content: `word${k} ` });
      await w.sleep(Number(m[2]));
    }
    return w.finish("stop");
  }
  if ((m = /^bash:\s*([\s\S]+)$/.exec(step))) {
    return streamTool(w, "bash", { command: m[1].trim(), description: `Run ${m[1].trim()}` }, callId);
  }
  if ((m = /^task:\s*([\s\S]+)$/.exec(step))) {
    const [description, prompt] = m[1].includes("::") ? m[1].split("::", 2) : ["Fake subagent job", m[1]];
    return streamTool(w, "task", { description: description.trim(), prompt: prompt.trim(), subagent_type: "general" }, callId);
  }
  if ((m = /^write:([^:\n]+):([\s\S]*)$/.exec(step))) {
    return streamTool(w, "write", { filePath: m[1].trim(), content: unescapeNewlines(m[2]) }, callId);
  }
  if ((m = /^edit:([^:\n]+):([\s\S]*?)=>([\s\S]*)$/.exec(step))) {
    return streamTool(w, "edit", { filePath: m[1].trim(), oldString: unescapeNewlines(m[2]), newString: unescapeNewlines(m[3]) }, callId);
  }
  if (/^todo\b/.test(step)) {
    const todos = [
      { content: "First fake todo", status: "in_progress", priority: "high" },
      { content: "Second fake todo", status: "pending", priority: "low" },
    ];
    return streamTool(w, "todowrite", { todos }, callId);
  }
  if ((m = /^fail500:(\d+)/.exec(step))) return streamText(w, `Recovered after ${m[1]} failures`, 30);
  if (/^html\b/.test(step)) {
    for (const piece of HOSTILE_HTML) {
      w.chunk({ content: piece });
      await w.sleep(20);
    }
    return w.finish("stop");
  }
  if (/^whoami\b/.test(step)) return streamText(w, `Answered by ${model}`, 30);
  return streamText(w, `You said: ${step}`, 30);
}

function makeWriter(res: ServerResponse): Writer & { closed: () => boolean } {
  const id = `chatcmpl-fake-${Date.now()}`;
  const created = Math.floor(Date.now() / 1000);
  let closed = false;
  let first = true;
  res.on("close", () => (closed = true));
  const send = (body: object) => {
    if (!closed) res.write(`data: ${JSON.stringify(body)}\n\n`);
  };
  const base = { id, object: "chat.completion.chunk", created, model: "fake-model" };
  return {
    closed: () => closed,
    chunk(delta, finish = null) {
      const withRole = first ? { role: "assistant", ...delta } : delta;
      first = false;
      send({ ...base, choices: [{ index: 0, delta: withRole, finish_reason: finish }] });
    },
    finish(reason) {
      send({ ...base, choices: [{ index: 0, delta: {}, finish_reason: reason }] });
      send({ ...base, choices: [], usage: { prompt_tokens: 10, completion_tokens: 6, total_tokens: 16 } });
      if (!closed) res.end("data: [DONE]\n\n");
    },
    // Stop pacing as soon as opencode hung up (aborted or killed), so nothing keeps writing.
    sleep: (ms) => new Promise((ok) => setTimeout(ok, closed ? 0 : ms)),
  };
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
}

async function handleCompletion(req: IncomingMessage, res: ServerResponse, log: FakeModelRequest[]): Promise<void> {
  const body = await readJson(req);
  const messages = (body.messages ?? []) as ChatMessage[];
  const lastUserIndex = messages.map((m) => m.role).lastIndexOf("user");
  const { title, body: prompt } = splitTitle(messageText(messages[lastUserIndex]?.content).trim());
  const hasTools = Array.isArray(body.tools) && body.tools.length > 0;
  const last = messages[messages.length - 1];
  const step = messages.slice(lastUserIndex + 1).filter((m) => m.role === "assistant").length;
  log.push({ prompt, hasTools, lastRole: last?.role ?? "", step, at: Date.now(), content: messages[lastUserIndex]?.content });

  const steps = prompt
    .split("\n")
    .map((s) => s.trim())
    .filter(Boolean);
  // Title requests carry no tools; they quote the user's prompt, so the bracket title is found there too.
  const current = hasTools ? steps[step] : undefined;
  const status = current ? statusFor(current, prompt) : undefined;
  if (status) {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { message: `fake upstream error ${status}`, type: "fake_error", code: status } }));
    return;
  }
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  const w = makeWriter(res);
  if (!hasTools) {
    const userText = messages
      .filter((m) => m.role === "user")
      .map((m) => messageText(m.content))
      .join("\n");
    const quoted = /^\s*\[([^\]\n]+)\]/m.exec(userText);
    return streamText(w, title ?? quoted?.[1] ?? "Fake title", 0);
  }
  if (current) return runStep(w, current, typeof body.model === "string" ? body.model : "unknown");
  // The first line that reads like words: tool outputs often open with "[" (JSON) or "<task …>".
  const lines = messageText(last?.content)
    .split("\n")
    .map((line) => line.trim());
  const output = lines.find((line) => /^[^<[{]/.test(line) && /[a-z0-9]/i.test(line)) ?? lines.find(Boolean) ?? "";
  return streamText(w, `Tool finished: ${output}`, 10);
}

/**
 * Starts the fake model on 127.0.0.1 with a free port. Every request is logged in `requests`.
 * `close()` also drops open streams so a test never waits on a paced answer.
 */
export async function startFakeModel(): Promise<FakeModel> {
  const requests: FakeModelRequest[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (req.method === "GET" && path.endsWith("/models")) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ object: "list", data: FAKE_MODELS.map((id) => ({ id, object: "model" })) }));
      return;
    }
    if (req.method === "POST" && path.endsWith("/chat/completions")) {
      handleCompletion(req, res, requests).catch((error) => {
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
        res.end(String(error));
      });
      return;
    }
    res.writeHead(404, { "content-type": "text/plain" }).end("not found");
  });
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
