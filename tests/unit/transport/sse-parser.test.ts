/** The text/event-stream parser, against the rules of the HTML standard's EventSource. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { MAX_EVENT_LENGTH, makeSseParser, SseLimitError, type ServerSentEvent } from "../../../src/transport/sse-parser";

function parse(...pieces: string[]): ServerSentEvent[] {
  const events: ServerSentEvent[] = [];
  const parser = makeSseParser((event) => events.push(event));
  for (const piece of pieces) parser.push(piece);
  return events;
}

const message = (data: string, lastEventId = "") => ({ type: "message", data, lastEventId });

describe("makeSseParser", () => {
  it("dispatches one event per blank line, with its data", () => {
    expect(parse('data: {"a":1}\n\ndata: {"b":2}\n\n')).toEqual([message('{"a":1}'), message('{"b":2}')]);
  });

  it("gives the same events however the text is cut into pieces", () => {
    const stream = ": hello\n\ndata: one\ndata: two\n\nevent: ping\ndata: p\n\nid: 7\ndata: ünïcödé ✓\n\n";
    const whole = parse(stream);
    expect(whole).toEqual([message("one\ntwo"), { type: "ping", data: "p", lastEventId: "" }, message("ünïcödé ✓", "7")]);
    for (let cut = 0; cut <= stream.length; cut++) {
      expect(parse(stream.slice(0, cut), stream.slice(cut))).toEqual(whole);
    }
    expect(parse(...stream.split(""))).toEqual(whole);
  });

  it("accepts CRLF and lone CR line ends, also when a CRLF is cut in two", () => {
    const stream = "data: a\r\n\r\ndata: b\r\rdata: c\n\n";
    expect(parse(stream)).toEqual([message("a"), message("b"), message("c")]);
    for (let cut = 0; cut <= stream.length; cut++) {
      expect(parse(stream.slice(0, cut), stream.slice(cut))).toEqual([message("a"), message("b"), message("c")]);
    }
  });

  it("ignores comments, retry and unknown fields, and events without data", () => {
    expect(parse(": keep-alive\n\nretry: 10\n\nevent: x\n\nfoo: bar\ndata: kept\n\n")).toEqual([message("kept")]);
  });

  it("strips one space after the colon only, and reads a bare field name as an empty value", () => {
    expect(parse("data:no-space\n\ndata:  two spaces\n\ndata\n\n")).toEqual([message("no-space"), message(" two spaces"), message("")]);
  });

  it("drops a byte order mark at the start of the stream only", () => {
    expect(parse("\uFEFFdata: a\n\n", "\uFEFFdata: b\n\n")).toEqual([message("a")]);
  });

  it("keeps the last event id across events, and ignores an id with a NUL", () => {
    const parser = makeSseParser(() => undefined);
    parser.push("id: 1\ndata: a\n\nid: bad\0id\ndata: b\n\n");
    expect(parser.lastEventId).toBe("1");
  });

  it("holds an event until its blank line arrives", () => {
    const events: ServerSentEvent[] = [];
    const parser = makeSseParser((event) => events.push(event));
    parser.push("data: a\n");
    expect(events).toEqual([]);
    parser.push("\n");
    expect(events).toEqual([message("a")]);
  });

  it("keeps CRLF, CR and LF apart when a piece ends in CR and the next starts with LF, or with something else", () => {
    expect(parse("data: a\r", "\ndata: b\r", "\r", "data: c\n\n")).toEqual([message("a\nb"), message("c")]);
    expect(parse("data: a\r", "", "\n\r\n")).toEqual([message("a")]);
  });
});

describe("makeSseParser on long lines", () => {
  afterEach(() => vi.restoreAllMocks());

  /**
   * The characters the parser's searches look at: every indexOf call costs the distance from where
   * it starts to where it stops (a hit, or the end of the string). Counted, not timed, so the
   * assertion holds on any machine.
   */
  function countSearching(run: () => void): number {
    let scanned = 0;
    const indexOf = String.prototype.indexOf;
    vi.spyOn(String.prototype, "indexOf").mockImplementation(function (this: string, search: string, from?: number) {
      const start = Math.max(0, Math.min(from ?? 0, this.length));
      const found = indexOf.call(this, search, start);
      scanned += (found < 0 ? this.length : found) - start;
      return found;
    });
    try {
      run();
    } finally {
      vi.restoreAllMocks();
    }
    return scanned;
  }

  it("searches each piece of a 16 MB line once, not the growing line again with every piece", () => {
    const chunk = "x".repeat(64 * 1024);
    const pieces = Math.floor((16 * 1024 * 1024) / chunk.length) - 1; // just under the 16 MB limit
    const events: ServerSentEvent[] = [];
    const parser = makeSseParser((event) => events.push(event));
    const scanned = countSearching(() => {
      parser.push("data: ");
      for (let i = 0; i < pieces; i++) parser.push(chunk);
      parser.push("\n\n");
    });
    const total = pieces * chunk.length;
    expect(events).toHaveLength(1);
    expect(events[0].data.length).toBe(total);
    // One LF search and one CR search per character, plus the one colon search of the whole line.
    expect(scanned).toBeLessThanOrEqual(3 * total + 1024);
  });

  it("searches a piece holding thousands of short events in one pass too", () => {
    const piece = 'data: {"n":1}\n\n'.repeat(5000);
    let count = 0;
    const parser = makeSseParser(() => count++);
    const scanned = countSearching(() => parser.push(piece));
    expect(count).toBe(5000);
    expect(scanned).toBeLessThanOrEqual(3 * piece.length);
  });

  it("stops with SseLimitError once a line passes 16 MB without an end, and stays stopped", () => {
    const chunk = "x".repeat(64 * 1024);
    const parser = makeSseParser(() => undefined);
    parser.push("data: ");
    let pushed = 6;
    let error: unknown;
    try {
      while (pushed <= MAX_EVENT_LENGTH + chunk.length) {
        parser.push(chunk);
        pushed += chunk.length;
      }
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SseLimitError);
    expect((error as Error).message).toBe("The server sent an event longer than 16 MB without finishing it.");
    expect(pushed).toBeGreaterThan(MAX_EVENT_LENGTH - chunk.length);
    expect(() => parser.push("\n\n")).toThrow(SseLimitError);
  });

  it("stops once an event's data lines together pass the limit, each line short", () => {
    const parser = makeSseParser(() => undefined, { maxLength: 100 });
    parser.push("data: " + "a".repeat(60) + "\n");
    expect(() => parser.push("data: " + "b".repeat(60) + "\n")).toThrow("longer than 100 characters");
  });

  it("lets a long event through when it ends in time, and the next one after it", () => {
    const events: ServerSentEvent[] = [];
    const parser = makeSseParser((event) => events.push(event), { maxLength: 100 });
    parser.push("data: " + "a".repeat(50));
    parser.push("a".repeat(44) + "\n\ndata: next\n\n");
    expect(events.map((event) => event.data.length)).toEqual([94, 4]);
  });
});
