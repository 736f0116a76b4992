#!/usr/bin/env node
// Records real event streams and REST snapshots for reducer tests: for each scenario it starts a
// sandboxed `opencode serve` and the fake model (tests/e2e), opens /global/event raw, runs the
// prompt over REST (answering permissions), waits until the session is idle, and writes
//   tests/fixtures/recorded/NAME.global-event.txt   (every `data:` line exactly as received; .gz when big)
//   tests/fixtures/recorded/NAME.rest.json          ({ sessions, messages, status, permissions })
// The sandbox path is rewritten to /home/dev so fixtures do not change with the temp dir name.
// Usage: node scripts/record-fixtures.mjs [name ...]   (no names = all)
// The harness is TypeScript; Vite's module runner loads it, so no extra tool is needed.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { runnerImport } from "vite";

const root = fileURLToPath(new URL("..", import.meta.url));
const outDir = join(root, "tests/fixtures/recorded");
const load = async (path) => (await runnerImport(join(root, path), { configFile: false, logLevel: "error" })).module;
const { startFakeModel } = await load("tests/e2e/fake-model.ts");
// Not harness/index.ts: that also pulls in the vitest hooks, which only work inside vitest.
const h = {
  ...(await load("tests/e2e/harness/opencode.ts")),
  ...(await load("tests/e2e/harness/rest.ts")),
  ...(await load("tests/e2e/harness/global-events.ts")),
};

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
const isType = (type, sessionID) => (e) => e.payload?.type === type && (!sessionID || e.payload.properties?.sessionID === sessionID);

/** Each scenario: the prompt, server options, and what to do while it runs. */
const SCENARIOS = {
  hi: { prompt: "say: Hello from the fake model! This is a streamed reply." },
  task: { prompt: "task:Fake subagent job::say: Hello from the child session." },
  "permission-once": {
    permission: { bash: "ask" },
    prompt: "bash:echo hello-from-fake",
    during: async ({ rest, events }) => {
      const asked = await events.waitFor(isType("permission.asked"), 30_000, "permission.asked");
      await rest.replyPermission(asked.payload.properties.id, "once");
    },
  },
  "permission-reject": {
    permission: { bash: "ask" },
    prompt: "bash:echo hello-from-fake",
    during: async ({ rest, events }) => {
      const asked = await events.waitFor(isType("permission.asked"), 30_000, "permission.asked");
      await rest.replyPermission(asked.payload.properties.id, "reject", "not allowed in test");
    },
  },
  "error-400": { prompt: "fail400" },
  "retry-500-abort": {
    prompt: "fail500",
    during: async ({ rest, events, session }) => {
      // Let two retries show (about 2 s apart) so the attempt counter is visible, then give up.
      await events.waitFor(
        (e) => isType("session.status", session.id)(e) && e.payload.properties.status?.attempt === 2,
        30_000,
        "retry attempt 2",
      );
      await rest.abort(session.id);
    },
  },
  "write-todo": { prompt: "write:fake-output.txt:Hello from the fake model.\ntodo" },
  long2000: { prompt: "long:2000" },
};

async function record(name, scenario) {
  const model = await startFakeModel();
  const server = await h.startOpencodeServer({ fakeModelUrl: model.url, permission: scenario.permission, name: `record-${name}` });
  try {
    const rest = new h.OpencodeRest(server);
    const events = await h.openGlobalEvents(server);
    const session = await rest.createSession();
    await rest.prompt(session.id, scenario.prompt);
    await scenario.during?.({ rest, events, session });
    await events.waitFor(isType("session.idle", session.id), 60_000, "session.idle");
    // A few events (session.updated, session.diff, message.updated) follow the idle; keep them.
    await sleep(800);
    events.close();

    const sessions = await rest.sessions();
    const messages = {};
    for (const s of sessions) messages[s.id] = await rest.messages(s.id);
    const snapshot = { sessions, messages, status: await rest.status(), permissions: await rest.permissions() };
    const anonymise = (text) => text.split(server.root).join("/home/dev");
    const raw = anonymise(events.raw());
    const base = join(outDir, `${name}.global-event.txt`);
    rmSync(base, { force: true });
    rmSync(`${base}.gz`, { force: true });
    if (raw.length > 300_000) writeFileSync(`${base}.gz`, gzipSync(raw, { level: 9 }));
    else writeFileSync(base, raw);
    writeFileSync(join(outDir, `${name}.rest.json`), anonymise(JSON.stringify(snapshot, null, 1)) + "\n");
    const count = raw.split("\n").filter((l) => l.startsWith("data:")).length;
    console.log(`${name}: ${count} events, ${(raw.length / 1024).toFixed(0)} KB raw, ${sessions.length} session(s)`);
  } finally {
    await server.dispose();
    await model.close();
  }
}

mkdirSync(outDir, { recursive: true });
const wanted = process.argv.slice(2);
for (const name of wanted.length ? wanted : Object.keys(SCENARIOS)) {
  if (!SCENARIOS[name]) {
    console.error(`Unknown scenario ${name}; known: ${Object.keys(SCENARIOS).join(", ")}`);
    process.exit(1);
  }
  await record(name, SCENARIOS[name]);
}
process.exit(0);
