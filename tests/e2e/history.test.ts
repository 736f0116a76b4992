/**
 * A session's history is paged (`GET /session/:id/message?limit=&before=`): the newest page shows
 * first and the older ones load behind it with the server's own cursor. Against a real server, with
 * pages of 4 and 3 messages (the e2e build reads that tuning), so twelve messages make four pages.
 * A reload reads an open session the same way.
 */
import { describe, expect, it } from "vitest";
import {
  OpencodeRest,
  addInstance,
  expectInstanceState,
  messageLog,
  messageTexts,
  openSession,
  useApp,
  useFakeModel,
  useServer,
  scrollLogTo,
} from "./harness";

const model = useFakeModel();
const server = useServer(model, { name: "history" });
const app = useApp(() => [server()]);

const TURNS = 6;

describe("a long session's history", () => {
  it("opens at its newest messages and loads all the older ones, in order, with the server's cursor", async () => {
    const rest = new OpencodeRest(server());
    const session = await rest.createSession({ title: "Paged history" });
    for (let turn = 0; turn < TURNS; turn++) {
      await rest.prompt(session.id, `say: Answer ${turn}.`);
      await rest.waitIdle(session.id);
    }

    const page = await app().open({ pages: { first: 4, older: 3 } });
    const asked: string[] = [];
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (url.pathname === `/session/${session.id}/message`) asked.push(url.search);
    });
    await addInstance(page, server().port);
    await expectInstanceState(page, server().port, "connected");
    await openSession(page, "Paged history");

    // Every prompt and every answer, oldest first, each once: nothing lost or doubled between pages.
    const log = messageLog(page);
    const expected = Array.from({ length: TURNS }, (_, turn) => [`say: Answer ${turn}.`, `Answer ${turn}.`]).flat();
    // The log is a virtual list: read it from its top to its bottom, a half viewport at a time.
    const shown = async () => {
      const seen: string[] = [];
      const height = await log.evaluate((element) => element.scrollHeight);
      for (let top = 0; top <= height; top += 200) {
        await scrollLogTo(page, top);
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        for (const text of await messageTexts(page)) {
          const turn = /say: Answer \d\.|Answer \d\./.exec(text)?.[0] ?? text;
          if (!seen.includes(turn)) seen.push(turn);
        }
      }
      return seen;
    };
    await expect.poll(shown, { timeout: 15_000 }).toEqual(expected);

    // The first request asked for the newest page; the others went on with the cursor the server gave.
    expect(new URLSearchParams(asked[0]).get("limit")).toBe("4");
    const older = asked.slice(1).map((search) => new URLSearchParams(search));
    expect(older.length).toBeGreaterThanOrEqual(3);
    for (const query of older) {
      expect(query.get("limit")).toBe("3");
      expect(query.get("before")).toMatch(/^[A-Za-z0-9_-]+=*$/);
    }

    // A reload (as a reconnect) reads the open session again the same way: its newest page, then
    // the older ones, not all of it in one answer.
    asked.length = 0;
    await page.reload();
    await expectInstanceState(page, server().port, "connected");
    await expect.poll(shown, { timeout: 15_000 }).toEqual(expected);
    expect(new URLSearchParams(asked[0]).get("limit")).toBe("4");
    expect(asked.slice(1).length).toBeGreaterThanOrEqual(3);
    for (const search of asked.slice(1)) expect(new URLSearchParams(search).get("before")).toMatch(/^[A-Za-z0-9_-]+=*$/);
  });
});
