/** The text/event-stream parser, against the rules of the HTML standard's EventSource. */
import { describe, expect, it } from "vitest";
import { makeSseParser, type ServerSentEvent } from "../../../src/transport/sse-parser";

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
    const stream = ': hello\n\ndata: one\ndata: two\n\nevent: ping\ndata: p\n\nid: 7\ndata: ünïcödé ✓\n\n';
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
});
