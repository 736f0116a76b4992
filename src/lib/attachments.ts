/**
 * Files a person attaches to a prompt (pasted, dropped or picked), checked and turned into what the
 * server takes: a file part with a `data:` URL and a mime type (openapi.json's FilePartInput).
 *
 * What OpenCode 1.18.33 did with each kind, measured against a real server and a fake model:
 * - an image (PNG, JPEG, GIF, WebP) reached the model as an image (`image_url` with the data URL);
 * - a `text/plain` part was decoded and reached the model as text, after a line saying it "called the
 *   Read tool" on the file's name;
 * - a PDF reached the model as a file, or, for a model that cannot read PDFs, as a sentence telling it so;
 * - any other type, even `text/markdown` or `application/json`, failed the whole reply ("file part media
 *   type application/json functionality not supported").
 * So every text file goes as `text/plain` under its own name, and other binary files are refused here
 * with a sentence, before anything is sent.
 */
import type { FilePartInput } from "@opencode-ai/sdk/v2/client";

export type AttachmentKind = "image" | "pdf" | "text";

/** One file waiting in the prompt box. `url` is its `data:` URL (also the image preview's source). */
export interface Attachment {
  id: string;
  name: string;
  size: number;
  kind: AttachmentKind;
  mime: string;
  url: string;
}

/** The file as the browser describes it: what the checks need before reading it. */
export interface FileFacts {
  name: string;
  type: string;
  size: number;
}

const MB = 1024 * 1024;

/**
 * Caps: the server resizes big images itself, so an image may be a phone photo; a text file past
 * 1 MB (about 250,000 tokens) would not fit any model's context; and everything together goes in one
 * JSON request, so it stays well under what a server or proxy takes.
 */
export const ATTACHMENT_LIMITS = { imageBytes: 10 * MB, pdfBytes: 10 * MB, textBytes: 1 * MB, totalBytes: 20 * MB, count: 10 };

export const IMAGE_MIMES = ["image/png", "image/jpeg", "image/gif", "image/webp"];

/** How many bytes of a file's start `kindOf` looks at to tell text from binary. */
export const SNIFF_BYTES = 8192;

/** "512 B", "14 KB", "3.4 MB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1024) return `${Math.max(0, Math.round(bytes || 0))} B`;
  if (bytes < MB) return `${Math.round(bytes / 1024)} KB`;
  const megabytes = bytes / MB;
  return `${megabytes < 10 ? megabytes.toFixed(1).replace(/\.0$/, "") : Math.round(megabytes)} MB`;
}

/**
 * Whether a file's first bytes read as text: no NUL byte, and valid UTF-8 (a character cut off at
 * the end of the sample is fine). Binary formats have NULs or invalid sequences within a few bytes.
 */
export function looksLikeText(head: Uint8Array): boolean {
  if (head.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** What a file is sent as, or undefined when the model could not take it. SVG is text (XML), not an image a model reads. */
export function kindOf(file: Pick<FileFacts, "type">, head: Uint8Array): { kind: AttachmentKind; mime: string } | undefined {
  const type = file.type.toLowerCase();
  if (IMAGE_MIMES.includes(type)) return { kind: "image", mime: type };
  if (type === "application/pdf") return { kind: "pdf", mime: type };
  if (looksLikeText(head)) return { kind: "text", mime: "text/plain" };
  return undefined;
}

/** What the files already in the prompt box add up to. */
export interface Held {
  count: number;
  bytes: number;
}

/** The sentence that says why `file` cannot be added (too big, too many), or undefined when it can. */
export function limitSentence(file: FileFacts, kind: AttachmentKind, held: Held): string | undefined {
  const limits = ATTACHMENT_LIMITS;
  if (held.count >= limits.count) return `At most ${limits.count} files go with one prompt: remove one before adding “${file.name}”.`;
  const cap = kind === "image" ? limits.imageBytes : kind === "pdf" ? limits.pdfBytes : limits.textBytes;
  if (file.size > cap) {
    const what = kind === "image" ? "an image" : kind === "pdf" ? "a PDF" : "a text file (a longer one would not fit in a model's context)";
    // Just over the cap rounds to the cap itself: "is 1 MB: … up to 1 MB" would read as a contradiction.
    const size = formatBytes(file.size) === formatBytes(cap) ? `over ${formatBytes(cap)}` : formatBytes(file.size);
    return `“${file.name}” is ${size}: ${what} can be up to ${formatBytes(cap)}.`;
  }
  if (held.bytes + file.size > limits.totalBytes) {
    return `“${file.name}” would bring the attachments to ${formatBytes(held.bytes + file.size)}: together they can be up to ${formatBytes(limits.totalBytes)}. Remove one first.`;
  }
  return undefined;
}

/** The sentence for a file the model could not take. */
export function unsupportedSentence(file: Pick<FileFacts, "name">): string {
  return `“${file.name}” cannot be attached: only images (PNG, JPEG, GIF, WebP), PDFs and text files can go to the model.`;
}

/** The file part a prompt carries for an attachment. */
export function attachmentPart(attachment: Attachment): FilePartInput {
  return { type: "file", mime: attachment.mime, filename: attachment.name, url: attachment.url };
}

/** `data:<mime>;base64,<the data URL's payload>`: the browser's own header may name another type (or none). */
export function withMime(dataUrl: string, mime: string): string {
  return `data:${mime};base64,${dataUrl.slice(dataUrl.indexOf(",") + 1)}`;
}

function readDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => (typeof reader.result === "string" ? resolve(reader.result) : reject(new Error("the browser gave no data")));
    reader.onerror = () => reject(reader.error ?? new Error("the browser could not read it"));
    reader.readAsDataURL(blob);
  });
}

/**
 * Checks one file against what the prompt box `held` already and reads it into an attachment.
 * Rejects with the sentence to show (unsupported, too big, unreadable); a file that is refused
 * is never read past its first bytes.
 */
export async function readAttachment(file: File, held: Held, id: string): Promise<Attachment> {
  const name = file.name || "attachment";
  let head: Uint8Array;
  let dataUrl: string;
  try {
    head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  } catch (error) {
    throw new Error(`Could not read “${name}”: ${error instanceof Error ? error.message : String(error)}.`, { cause: error });
  }
  const kind = kindOf(file, head);
  if (!kind) throw new Error(unsupportedSentence({ name }));
  const refusal = limitSentence({ name, type: file.type, size: file.size }, kind.kind, held);
  if (refusal) throw new Error(refusal);
  try {
    dataUrl = await readDataUrl(file);
  } catch (error) {
    throw new Error(`Could not read “${name}”: ${error instanceof Error ? error.message : String(error)}.`, { cause: error });
  }
  return { id, name, size: file.size, kind: kind.kind, mime: kind.mime, url: withMime(dataUrl, kind.mime) };
}
