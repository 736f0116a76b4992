/**
 * The `text/event-stream` format as the HTML standard's EventSource parses it, for a stream we read
 * ourselves (see fetch-event-source.ts). Text goes in as it arrives, in pieces cut anywhere; each
 * complete event comes out once, through `onEvent`. Lines may end in LF, CRLF or CR; `:` starts a
 * comment; `data` lines join with LF; `event` names the type (default "message"); `id` sets the last
 * event id; `retry` is read and ignored, because the SSEManager owns reconnects. An event without
 * data is not dispatched, and text after the last line end waits for the next piece.
 * https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 *
 * Two limits the standard leaves to us. Each piece is searched for line ends once, from where the
 * last search stopped, and an unfinished line is kept as a list of pieces joined only when it ends:
 * a 16 MB line arriving in 64 KB pieces costs 16 MB of searching, not 256 times a growing buffer
 * (that froze the page for 15 s). And a line or an event longer than `maxLength` characters stops
 * the parser with an SseLimitError: a stream that sends one is broken or hostile, and the caller
 * drops it and reconnects rather than holding it in memory.
 */

/** One dispatched event: its type, its data (lines joined with LF) and the last event id. */
export interface ServerSentEvent {
  type: string;
  data: string;
  lastEventId: string;
}

export interface SseParser {
  /** Feeds the next piece of decoded text; complete events go to `onEvent` before it returns. Throws SseLimitError past the limit. */
  push(text: string): void;
  /** The last event id seen so far (the `Last-Event-ID` a reconnect would send). */
  readonly lastEventId: string;
}

/** The longest line, or event data, a stream may send: 16 MB (counted in characters). */
export const MAX_EVENT_LENGTH = 16 * 1024 * 1024;

/** Thrown by `push` once a line or an event grows past the limit; the parser is done after it. */
export class SseLimitError extends Error {
  constructor(readonly limit: number) {
    super(`The server sent an event longer than ${formatSize(limit)} without finishing it.`);
    this.name = "SseLimitError";
  }
}

function formatSize(chars: number): string {
  return chars >= 1024 * 1024 ? `${Math.round(chars / (1024 * 1024))} MB` : `${chars} characters`;
}

const LF = 10;
const CR = 13;

/** A parser for one stream: make a new one for every connection. */
export function makeSseParser(onEvent: (event: ServerSentEvent) => void, options: { maxLength?: number } = {}): SseParser {
  const maxLength = options.maxLength ?? MAX_EVENT_LENGTH;
  // The unfinished line: the pieces it arrived in, joined once it ends.
  let pieces: string[] = [];
  let pendingLength = 0;
  // The last piece ended in CR: a LF at the start of the next is the second half of that CRLF.
  let afterCR = false;
  let started = false;
  let failed: SseLimitError | undefined;
  let data: string | undefined;
  let type = "";
  let lastEventId = "";

  const fail = (): never => {
    failed = new SseLimitError(maxLength);
    pieces = [];
    data = undefined;
    throw failed;
  };

  const dispatch = () => {
    if (data !== undefined) onEvent({ type: type || "message", data, lastEventId });
    data = undefined;
    type = "";
  };

  const line = (text: string) => {
    if (text.length === 0) return dispatch();
    const colon = text.indexOf(":");
    if (colon === 0) return; // a comment
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? "" : text.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === "data") {
      if (data !== undefined && data.length + 1 + value.length > maxLength) fail();
      data = data === undefined ? value : `${data}\n${value}`;
    } else if (field === "event") type = value;
    else if (field === "id") {
      if (!value.includes("\0")) lastEventId = value;
    }
    // "retry" and unknown fields are ignored.
  };

  /** The line that ends at `end` in `text`, with whatever of it earlier pieces held. */
  const takeLine = (text: string, start: number, end: number): string => {
    if (pendingLength + (end - start) > maxLength) fail();
    if (pieces.length === 0) return text.slice(start, end);
    pieces.push(text.slice(start, end));
    const whole = pieces.join("");
    pieces = [];
    pendingLength = 0;
    return whole;
  };

  return {
    push(text) {
      if (failed) throw failed;
      if (text.length === 0) return;
      let start = 0;
      if (!started) {
        started = true;
        if (text.charCodeAt(0) === 0xfeff) start = 1;
      }
      if (afterCR) {
        afterCR = false;
        if (text.charCodeAt(start) === LF) start++;
      }
      // The next LF and CR at or after `start`, each searched for again only once passed (-1: none left).
      let lf = -2;
      let cr = -2;
      while (start < text.length) {
        if (lf !== -1 && lf < start) lf = text.indexOf("\n", start);
        if (cr !== -1 && cr < start) cr = text.indexOf("\r", start);
        const end = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
        if (end === -1) break;
        line(takeLine(text, start, end));
        start = end + 1;
        if (text.charCodeAt(end) === CR) {
          if (start === text.length) afterCR = true;
          else if (text.charCodeAt(start) === LF) start++;
        }
      }
      if (start < text.length) {
        pendingLength += text.length - start;
        if (pendingLength > maxLength) fail();
        pieces.push(start === 0 ? text : text.slice(start));
      }
    },
    get lastEventId() {
      return lastEventId;
    },
  };
}
