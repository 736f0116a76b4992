/**
 * Which pieces of state an event changed, so a REST snapshot fetched after a (re)connect does not
 * overwrite them. The argument: the stream is complete from `server.connected` on, so for anything
 * an event changed since then the local value is at least as new as a snapshot taken at any later
 * moment; for everything else the snapshot is newer. Keys are raw ids (`ses_…`, `msg_…`, `prt_…`) for
 * sessions, messages and parts, and `kind:sessionID` for per-session lists and statuses.
 */
import { isId, isRecord } from "./guards";
import type { StreamEvent } from "./reducer";

/** The key under which a session's status, permissions, questions or todos count as touched. */
export function sessionKey(kind: "status" | "permission" | "question" | "todo", sessionID: string): string {
  return `${kind}:${sessionID}`;
}

/** Adds the keys of everything `event` changes to `touched`. Never throws; ignores what it cannot read. */
export function recordTouched(touched: Set<string>, event: StreamEvent): void {
  const p = isRecord(event) && isRecord(event.properties) ? event.properties : undefined;
  if (!p) return;
  switch (event.type) {
    case "message.part.delta":
    case "message.part.removed":
      if (isId(p.partID)) touched.add(p.partID);
      return;
    case "message.part.updated":
      if (isRecord(p.part) && isId(p.part.id)) touched.add(p.part.id);
      return;
    case "message.updated":
      if (isRecord(p.info) && isId(p.info.id)) touched.add(p.info.id);
      return;
    case "message.removed":
      if (isId(p.messageID)) touched.add(p.messageID);
      return;
    case "session.created":
    case "session.updated":
    case "session.deleted": {
      const id = isRecord(p.info) && isId(p.info.id) ? p.info.id : p.sessionID;
      if (isId(id)) touched.add(id);
      return;
    }
    case "session.status":
    case "session.idle":
      if (isId(p.sessionID)) touched.add(sessionKey("status", p.sessionID));
      return;
    case "permission.asked":
    case "permission.replied":
      if (isId(p.sessionID)) touched.add(sessionKey("permission", p.sessionID));
      return;
    case "question.asked":
    case "question.replied":
    case "question.rejected":
      if (isId(p.sessionID)) touched.add(sessionKey("question", p.sessionID));
      return;
    case "todo.updated":
      if (isId(p.sessionID)) touched.add(sessionKey("todo", p.sessionID));
      return;
  }
}
