/**
 * A patch part: the files one step of the assistant changed (the server records them after the
 * write/edit tools ran, with a snapshot hash to revert to).
 */
import { For, Show } from "solid-js";
import type { PatchPart } from "@opencode-ai/sdk/v2/client";
import { strings } from "../../lib/server-data";
import { count } from "../../lib/count";

/** A path relative to `root` when it lies inside it, else unchanged. */
export function relativePath(path: string, root?: string): string {
  if (!root) return path;
  const base = root.endsWith("/") ? root : `${root}/`;
  return path.startsWith(base) ? path.slice(base.length) : path;
}

/**
 * "Changed 1 file" followed by the files, relative to `root` (the message's project root) when given.
 * A list named "Files changed" so it reads well with a screen reader too. With `changesHref`, each
 * file links to its diff in the session's Changes ("Show src/a.ts in Changes").
 */
export function PatchPartView(props: { part: PatchPart; root?: string; changesHref?: (file: string) => string | undefined }) {
  const files = () => strings(props.part.files);
  return (
    <div class="text-xs text-zinc-600 dark:text-zinc-300">
      <p class="font-medium">
        <span aria-hidden="true">± </span>
        Changed {count(files().length, "file")}
      </p>
      <ul aria-label="Files changed" class="mt-0.5 space-y-0.5 pl-4 font-mono">
        <For each={files()}>
          {(file) => {
            const shown = () => relativePath(file, props.root);
            const href = () => props.changesHref?.(shown());
            return (
              <li class="truncate" title={file}>
                <Show when={href()} fallback={shown()}>
                  {(link) => (
                    <a
                      href={link()}
                      aria-label={`Show ${shown()} in Changes`}
                      class="text-blue-700 underline hover:no-underline dark:text-blue-400"
                    >
                      {shown()}
                    </a>
                  )}
                </Show>
              </li>
            );
          }}
        </For>
      </ul>
    </div>
  );
}
