/**
 * The baseline the reducer benchmark compares against: what a simple client would write first. One
 * Solid store holding each session's messages as `GET /session/:id/message` returns them
 * (`[{info, parts}]`), and one `setState` per event, addressed with a path whose filters search the
 * message and part arrays linearly. No batching, no merging, no index. It is correct for the
 * events it handles; it is only slower, and that is the point of the comparison.
 */
import type { Message, Part } from "@opencode-ai/sdk/v2/client";
import { createStore } from "solid-js/store";
import type { RoutedEvent } from "../../src/transport/types";
import type { MessageWithParts } from "./synthetic-session";

// A simple client reads `text` off any part, so it types parts loosely rather than as the SDK union.
interface NaivePart {
  id: string;
  text?: string;
}

interface NaiveState {
  messages: Record<string, Array<{ info: Message; parts: NaivePart[] }>>;
}

/** The baseline store: `load` puts a REST answer in, `apply` handles one event with one store write. */
export interface NaiveStore {
  load(sessionID: string, messages: MessageWithParts[]): void;
  apply(routed: RoutedEvent): void;
  /** The text of a part, read back so a benchmark can check both stores agree. */
  text(sessionID: string, messageID: string, partID: string): string | undefined;
}

/** Creates the naive baseline store (see the module comment). */
export function createNaiveStore(): NaiveStore {
  const [state, setState] = createStore<NaiveState>({ messages: {} });
  return {
    load(sessionID, messages) {
      setState("messages", sessionID, messages as NaiveState["messages"][string]);
    },
    apply({ event }) {
      const p = event.properties as Record<string, unknown>;
      switch (event.type) {
        case "message.part.delta": {
          const { sessionID, messageID, partID, delta } = p as Record<string, string>;
          setState(
            "messages",
            sessionID,
            (m) => m.info.id === messageID,
            "parts",
            (part) => part.id === partID,
            "text",
            (text) => (text ?? "") + delta,
          );
          return;
        }
        case "message.part.updated": {
          const part = p.part as Part;
          const list = state.messages[part.sessionID] ?? [];
          const index = list.findIndex((m) => m.info.id === part.messageID);
          if (index < 0) return;
          const at = list[index].parts.findIndex((x) => x.id === part.id);
          setState("messages", part.sessionID, index, "parts", at < 0 ? list[index].parts.length : at, part);
          return;
        }
        case "message.updated": {
          const info = p.info as Message;
          const list = state.messages[info.sessionID];
          if (!list) {
            setState("messages", info.sessionID, [{ info, parts: [] }]);
            return;
          }
          const index = list.findIndex((m) => m.info.id === info.id);
          if (index < 0) setState("messages", info.sessionID, list.length, { info, parts: [] });
          else setState("messages", info.sessionID, index, "info", info);
          return;
        }
      }
    },
    text(sessionID, messageID, partID) {
      const message = state.messages[sessionID]?.find((m) => m.info.id === messageID);
      return message?.parts.find((x) => x.id === partID)?.text;
    },
  };
}
