/**
 * The files waiting to go with the next prompt: the list under the prompt box (a thumbnail for an
 * image, name and size for any file, and a "Remove <name>" button each), the "Attach file" button
 * for people who pick files rather than paste or drop them, and the small owner of that list that
 * reads and checks each file (lib/attachments.ts says what is accepted and why).
 */
import { createSignal, For, Show } from "solid-js";
import { readAttachment, formatBytes, type Attachment } from "../lib/attachments";

export interface AttachmentTrayOptions {
  /** What the box held when it was last shown (tab switches keep the attachments). */
  initial?: Attachment[];
  onChange?: (attachments: Attachment[]) => void;
  /** Sentences for the files that were refused, or undefined when a new batch was all accepted. */
  onRefused: (sentence: string | undefined) => void;
}

let counter = 0;

/** The prompt box's attachments: add files (read one after another, so every limit counts the ones before) and remove them. */
export function createAttachmentTray(options: AttachmentTrayOptions) {
  const [attachments, setAttachments] = createSignal<Attachment[]>(options.initial ?? []);
  const set = (next: Attachment[]) => {
    setAttachments(next);
    options.onChange?.(next);
  };
  return {
    attachments,
    async add(files: File[]) {
      const refused: string[] = [];
      for (const file of files) {
        const held = { count: attachments().length, bytes: attachments().reduce((sum, each) => sum + each.size, 0) };
        try {
          const attachment = await readAttachment(file, held, `attachment-${++counter}`);
          set([...attachments(), attachment]);
        } catch (error) {
          refused.push(error instanceof Error ? error.message : String(error));
        }
      }
      options.onRefused(refused.length ? refused.join(" ") : undefined);
    },
    remove(...ids: string[]) {
      if (attachments().some((attachment) => ids.includes(attachment.id)))
        set(attachments().filter((attachment) => !ids.includes(attachment.id)));
    },
  };
}

/**
 * Drag and drop onto the prompt box: what it needs on its element, and whether files are over it (to
 * show it takes them). Only drags that carry files are taken: dragged text still drops as text.
 */
export function createDropZone(onFiles: (files: File[]) => void) {
  const [dragging, setDragging] = createSignal(false);
  const hasFiles = (event: DragEvent) => [...(event.dataTransfer?.types ?? [])].includes("Files");
  return {
    dragging,
    onDragOver(event: DragEvent) {
      if (!hasFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = "copy";
      setDragging(true);
    },
    onDragLeave(event: DragEvent & { currentTarget: HTMLElement }) {
      if (!(event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget))) setDragging(false);
    },
    onDrop(event: DragEvent) {
      if (!hasFiles(event)) return;
      // Left to the browser, a dropped file would replace the whole app.
      event.preventDefault();
      setDragging(false);
      onFiles([...(event.dataTransfer?.files ?? [])]);
    },
  };
}

/**
 * The files a paste carries, or undefined to let it paste as text. Text wins: a copy from a document
 * or a web page often carries a picture of the same text too.
 */
export function pastedFiles(event: ClipboardEvent): File[] | undefined {
  const files = [...(event.clipboardData?.files ?? [])];
  return files.length && !event.clipboardData?.getData("text/plain") ? files : undefined;
}

function FileIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" class="h-5 w-5 shrink-0 text-zinc-400" fill="none" stroke="currentColor" stroke-width="1.3">
      <path d="M4 1.5h5.5L13 5v9.5H4z M9.5 1.5V5H13" />
    </svg>
  );
}

/** The attachments as a list named "Attachments": preview, name, size and a remove button each. */
export function AttachmentList(props: { attachments: Attachment[]; onRemove: (id: string) => void }) {
  return (
    <Show when={props.attachments.length}>
      <ul aria-label="Attachments" class="mb-2 flex flex-wrap gap-2">
        <For each={props.attachments}>
          {(attachment) => (
            <li class="flex max-w-[16rem] items-center gap-2 rounded-md border border-zinc-200 bg-zinc-50 py-1 pl-1 pr-1.5 text-xs dark:border-zinc-700 dark:bg-zinc-900">
              <Show when={attachment.kind === "image"} fallback={<FileIcon />}>
                {/* The user's own file, read by this page: a data: URL in an <img> runs nothing. */}
                <img src={attachment.url} alt={`Preview of ${attachment.name}`} class="h-10 w-10 shrink-0 rounded object-cover" />
              </Show>
              <span class="min-w-0">
                <span class="block truncate font-medium text-zinc-700 dark:text-zinc-200" title={attachment.name}>
                  {attachment.name}
                </span>
                <span class="block text-zinc-500">{formatBytes(attachment.size)}</span>
              </span>
              <button
                type="button"
                aria-label={`Remove ${attachment.name}`}
                title={`Remove ${attachment.name}`}
                class="ml-1 shrink-0 rounded px-1 text-base leading-none text-zinc-500 hover:bg-zinc-200 hover:text-zinc-800 focus-visible:outline-2 focus-visible:outline-sky-500 dark:hover:bg-zinc-700 dark:hover:text-zinc-100"
                onClick={() => props.onRemove(attachment.id)}
              >
                ×
              </button>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}

/** "Attach file": opens the browser's file picker (several files at once). */
export function AttachButton(props: { onFiles: (files: File[]) => void; disabled?: boolean }) {
  let input!: HTMLInputElement;
  return (
    <>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        tabindex="-1"
        aria-hidden="true"
        onChange={(event) => {
          const files = [...(event.currentTarget.files ?? [])];
          // Cleared so picking the same file again (after removing it) still fires a change.
          event.currentTarget.value = "";
          if (files.length) props.onFiles(files);
        }}
      />
      <button
        type="button"
        disabled={props.disabled}
        onClick={() => input.click()}
        class="rounded-md border border-zinc-300 px-2 py-1 text-xs hover:bg-zinc-100 disabled:cursor-not-allowed disabled:opacity-40 dark:border-zinc-700 dark:hover:bg-zinc-800"
      >
        Attach file
      </button>
    </>
  );
}
