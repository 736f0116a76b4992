/**
 * The message and part half of the reducer: `message.updated/removed` and `message.part.updated/
 * removed/delta`. Split from reducer.ts because streaming lives here and has its own rules (see
 * applyPartDelta). Every function mutates a draft and returns false when the payload was malformed.
 */
import type { Message, Part } from "@opencode-ai/sdk/v2/client";
import { hasIds, isId, isRecord } from "./guards";
import { removeById, searchById, upsertById } from "./sorted";
import type { InstanceState } from "./types";

/**
 * Appends a `message.part.delta` to the part's `field` (always "text" in 1.18.33, for text and
 * reasoning parts alike). Cost: one map lookup and a binary search among the parts of ONE message,
 * so it does not grow with the length of the session.
 *
 * Two rules, both decided from the captures and the server's processor:
 * - A delta for a part we do not know creates a text part holding it. In all 22,150 captured deltas
 *   the part was announced by `message.part.updated` first, so an unknown part only happens when we
 *   connected mid-stream; showing the text beats dropping it, and the part's next
 *   `message.part.updated` (or the REST resync) replaces the guessed type.
 * - A delta for a part whose `time.end` is set is ignored. The server ends a part with one
 *   `message.part.updated` carrying the full text and sends no delta after it, so such a delta is a
 *   replay of text that a REST snapshot already delivered; appending it would double the text.
 */
export function applyPartDelta(state: InstanceState, properties: unknown): boolean {
  const place = findDeltaPlace(state, properties);
  if (!place) return false;
  const { messageID, partID, field, delta, parts, index } = place;
  if (index < 0) {
    if (!isId(place.sessionID)) return false;
    const guess = { id: partID, messageID, sessionID: place.sessionID, type: "text", text: "" };
    const placeholder = { ...guess, [field]: delta } as Part;
    if (parts) upsertById(parts, placeholder);
    else state.parts[messageID] = [placeholder];
    return true;
  }
  if (isEnded(parts![index])) return true;
  const target = appendedText(place);
  if (!target) return false; // the field holds something other than text
  (parts![index] as unknown as Record<string, unknown>)[field] = target.text;
  return true;
}

/** Where a delta lands in the usual case: a known part that is still streaming. */
export interface DeltaTarget {
  messageID: string;
  /** The part's index among its message's parts. */
  index: number;
  field: string;
  /** The field's text with the delta appended. */
  text: string;
}

/**
 * The usual case of `message.part.delta`, read-only: the part is known, not ended, and its field is
 * text (or absent). Anything else (unknown part, ended part, bad payload) is undefined, and
 * applyPartDelta's other rules decide. The store uses this to write a frame of deltas with path
 * setters, without a `produce` draft.
 */
export function deltaTarget(state: InstanceState, properties: unknown): DeltaTarget | undefined {
  const place = findDeltaPlace(state, properties);
  if (!place || place.index < 0 || isEnded(place.parts![place.index])) return undefined;
  return appendedText(place);
}

/** A well-formed delta and where its part is: `index` < 0 when the message has no such part. */
interface DeltaPlace {
  messageID: string;
  partID: string;
  sessionID: unknown;
  field: string;
  delta: string;
  parts: Part[] | undefined;
  index: number;
}

function findDeltaPlace(state: InstanceState, properties: unknown): DeltaPlace | undefined {
  if (!hasIds(properties, "messageID", "partID", "field")) return undefined;
  const { messageID, partID, field, delta } = properties;
  if (typeof delta !== "string") return undefined;
  const parts = state.parts[messageID];
  const index = parts ? searchById(parts, partID) : -1;
  return { messageID, partID, sessionID: properties.sessionID, field, delta, parts, index };
}

/** The known part's field with the delta appended, or undefined when the field is not text. */
function appendedText({ messageID, field, delta, parts, index }: DeltaPlace): DeltaTarget | undefined {
  const current = (parts![index] as unknown as Record<string, unknown>)[field];
  if (current !== undefined && typeof current !== "string") return undefined;
  return { messageID, index, field, text: current === undefined ? delta : current + delta };
}

/** Whether a text or reasoning part got its final `message.part.updated` (the one with `time.end`). */
export function isEnded(part: unknown): boolean {
  if (!isRecord(part)) return false;
  const time = part.time;
  return isRecord(time) && typeof time.end === "number";
}

/** `message.part.updated`: insert or replace the part among its message's parts, sorted by id. */
export function applyPartUpdated(state: InstanceState, properties: unknown): boolean {
  if (!isRecord(properties)) return false;
  const part = properties.part;
  if (!hasIds(part, "id", "messageID", "sessionID", "type")) return false;
  putPart(state, part as unknown as Part);
  return true;
}

/**
 * Stores a shallow copy of one part (no validation). The copy matters: deltas later write `text`
 * on the stored object, and that must never reach back into the event payload (a test replaying
 * the same events twice would see doubled text).
 */
export function putPart(state: InstanceState, event: Part): void {
  const part = { ...event };
  const parts = state.parts[part.messageID];
  if (parts) upsertById(parts, part);
  else state.parts[part.messageID] = [part];
}

/** `message.part.removed`: drop the part. */
export function applyPartRemoved(state: InstanceState, properties: unknown): boolean {
  if (!hasIds(properties, "messageID", "partID")) return false;
  removeById(state.parts[properties.messageID], properties.partID);
  return true;
}

/** `message.updated`: insert or replace the message in its session's list, sorted by id. */
export function applyMessageUpdated(state: InstanceState, properties: unknown): boolean {
  if (!isRecord(properties)) return false;
  const info = properties.info;
  if (!hasIds(info, "id", "sessionID", "role")) return false;
  putMessage(state, info as unknown as Message);
  return true;
}

/** Stores one message (no validation). */
export function putMessage(state: InstanceState, message: Message): void {
  const messages = state.messages[message.sessionID];
  if (messages) upsertById(messages, message);
  else state.messages[message.sessionID] = [message];
}

/** `message.removed`: drop the message and its parts. */
export function applyMessageRemoved(state: InstanceState, properties: unknown): boolean {
  if (!hasIds(properties, "sessionID", "messageID")) return false;
  removeMessage(state, properties.sessionID, properties.messageID);
  return true;
}

/** Removes a message and its parts. */
export function removeMessage(state: InstanceState, sessionID: string, messageID: string): void {
  removeById(state.messages[sessionID], messageID);
  delete state.parts[messageID];
}

/** Removes a session and everything kept for it: messages, parts, status, requests, todos, errors. */
export function removeSession(state: InstanceState, sessionID: string): void {
  delete state.sessions[sessionID];
  const messages = state.messages[sessionID];
  if (messages) for (const message of messages) delete state.parts[message.id];
  delete state.messages[sessionID];
  delete state.status[sessionID];
  delete state.permissions[sessionID];
  delete state.questions[sessionID];
  delete state.todos[sessionID];
  delete state.errors[sessionID];
}
