/**
 * A sentence that names a command in backticks (“start it with `opencode serve --port 4096`”), shown
 * with the command as code and without the backticks. The sentences come from our own api and
 * transport code, which mark commands the way people write them in a terminal or a chat.
 */
import { Index } from "solid-js";

/** The text split at backtick pairs: even pieces are prose, odd pieces are code. */
export function splitCode(text: string): string[] {
  return text.split(/`([^`\n]+)`/);
}

/** The sentence as plain text, for a title attribute or a copy. */
export function withoutBackticks(text: string): string {
  return splitCode(text).join("");
}

export function TextWithCode(props: { text: string }) {
  return (
    <Index each={splitCode(props.text)}>
      {(piece, index) =>
        // A fragment, not a bare piece(): that would be read once, and a status that changes from one
        // sentence to another would keep showing the first.
        index % 2 ? <code class="rounded bg-zinc-100 px-1 font-mono text-[0.92em] dark:bg-zinc-800">{piece()}</code> : <>{piece()}</>
      }
    </Index>
  );
}
