/**
 * The `text/event-stream` format as the HTML standard's EventSource parses it, for a stream we read
 * ourselves (see fetch-event-source.ts). Text goes in as it arrives, in pieces cut anywhere; each
 * complete event comes out once, through `onEvent`. Lines may end in LF, CRLF or CR; `:` starts a
 * comment; `data` lines join with LF; `event` names the type (default "message"); `id` sets the last
 * event id; `retry` is read and ignored, because the SSEManager owns reconnects. An event without
 * data is not dispatched, and text after the last line end waits for the next piece.
 * https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */

/** One dispatched event: its type, its data (lines joined with LF) and the last event id. */
export interface ServerSentEvent {
  type: string;
  data: string;
  lastEventId: string;
}

export interface SseParser {
  /** Feeds the next piece of decoded text; complete events go to `onEvent` before it returns. */
  push(text: string): void;
  /** The last event id seen so far (the `Last-Event-ID` a reconnect would send). */
  readonly lastEventId: string;
}

/** A parser for one stream: make a new one for every connection. */
export function makeSseParser(onEvent: (event: ServerSentEvent) => void): SseParser {
  // Text after the last complete line end, plus the event being built across calls.
  let pending = "";
  let started = false;
  let data: string | undefined;
  let type = "";
  let lastEventId = "";

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
    if (field === "data") data = data === undefined ? value : `${data}\n${value}`;
    else if (field === "event") type = value;
    else if (field === "id") {
      if (!value.includes("\0")) lastEventId = value;
    }
    // "retry" and unknown fields are ignored.
  };

  return {
    push(text) {
      let buffer = pending + text;
      if (!started && buffer.length > 0) {
        started = true;
        if (buffer.charCodeAt(0) === 0xfeff) buffer = buffer.slice(1);
      }
      // A CR at the very end may be the first half of a CRLF: keep it until the next piece says.
      let held = "";
      if (buffer.endsWith("\r")) {
        held = "\r";
        buffer = buffer.slice(0, -1);
      }
      if (buffer.includes("\r")) buffer = buffer.replace(/\r\n?/g, "\n");
      let start = 0;
      for (let end = buffer.indexOf("\n"); end >= 0; end = buffer.indexOf("\n", start)) {
        line(buffer.slice(start, end));
        start = end + 1;
      }
      pending = buffer.slice(start) + held;
    },
    get lastEventId() {
      return lastEventId;
    },
  };
}
