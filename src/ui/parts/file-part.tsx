/**
 * A file part: something attached to a message (by the user, or a tool's attachment).
 */
import { Show } from "solid-js";
import type { FilePart } from "@opencode-ai/sdk/v2/client";
import { safeExternalHref } from "./format";
import { rec, str, text } from "../../lib/server-data";

/** The name a person knows the attachment by: its filename, its source path, or the URL's last segment. */
export function attachmentName(part: FilePart): string {
  const filename = str(part.filename);
  if (filename) return filename;
  const path = str(rec(part.source).path);
  if (path) return path;
  const url = text(part.url);
  if (url.startsWith("data:")) return "attachment";
  const segment = url.split(/[?#]/)[0].split("/").filter(Boolean).pop();
  if (!segment) return url || "attachment";
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a stray "%" that is not an escape
  }
}

/**
 * The part's URL when it is an inline image of a kind a model reads (what an attached picture is sent
 * as), to show as a thumbnail. Only base64 data: URLs of those types: an <img> runs nothing, and no
 * address from a server is fetched.
 */
export function inlineImage(url: unknown): string | undefined {
  return typeof url === "string" && /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+$/.test(url) ? url : undefined;
}

/**
 * A small chip "(paperclip) name · mime", under a thumbnail when it is an attached image. It links
 * only to http(s) URLs: data: and file: URLs from a model or a tool are not something the browser
 * should open.
 */
export function FilePartView(props: { part: FilePart }) {
  const href = () => safeExternalHref(props.part.url);
  return (
    <span class="mr-1.5 inline-flex max-w-full flex-col items-start gap-1 align-top">
      <Show when={inlineImage(props.part.url)}>
        {(src) => (
          <img
            src={src()}
            alt={attachmentName(props.part)}
            class="h-20 max-w-[16rem] rounded border border-zinc-200 object-contain dark:border-zinc-700"
          />
        )}
      </Show>
      <FileChip part={props.part} href={href()} />
    </span>
  );
}

function FileChip(props: { part: FilePart; href: string | undefined }) {
  const href = () => props.href;
  return (
    <span class="inline-flex max-w-full items-center gap-1.5 rounded border border-zinc-200 bg-zinc-50 px-2 py-0.5 text-xs text-zinc-700 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200">
      <svg aria-hidden="true" viewBox="0 0 16 16" class="h-3 w-3 shrink-0" fill="none" stroke="currentColor" stroke-width="1.5">
        <path d="M10.5 4.5 5.7 9.3a1.5 1.5 0 0 0 2.1 2.1l5-5a3 3 0 0 0-4.2-4.2l-5 5a4.5 4.5 0 0 0 6.4 6.4l4.2-4.2" />
      </svg>
      <Show when={href()} fallback={<span class="truncate font-medium">{attachmentName(props.part)}</span>}>
        {(link) => (
          <a href={link()} target="_blank" rel="noopener noreferrer nofollow" class="truncate font-medium underline">
            {attachmentName(props.part)}
          </a>
        )}
      </Show>
      <span class="shrink-0 text-zinc-400">{str(props.part.mime)}</span>
    </span>
  );
}
