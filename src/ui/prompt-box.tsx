/**
 * The prompt box under a session: Enter sends, Shift+Enter adds a line. "Send" is disabled while the
 * session is busy (the server would queue the prompt, which surprises people); "Stop" aborts it.
 * A failed send keeps the text so nothing the user typed is lost.
 *
 * Beyond plain text, as in OpenCode's TUI: `/` opens the list of commands, `@` the project's files
 * (picked ones go with the prompt), `!command` runs a shell command, Up and Down recall earlier
 * prompts, the draft is handed to its owner as it changes, and the box grows with its text.
 * Images and files pasted, dropped or picked with "Attach file" wait under the box, each with a
 * preview and a remove button, and go with the next prompt as file parts.
 */
import type { FilePartInput } from "@opencode-ai/sdk/v2/client";
import { createEffect, createResource, createSignal, on, onMount, Show, type JSX } from "solid-js";
import { attachmentPart, type Attachment } from "../lib/attachments";
import { AttachButton, AttachmentList, createAttachmentTray, createDropZone, pastedFiles } from "./prompt-attachments";
import { filterCommands, insertMention, mentionedPaths, mentionQuery, parseShell, parseSlash, slashQuery } from "./prompt-completion";
import { optionId, PromptMenu, type MenuOption } from "./prompt-menu";

export interface PromptBoxProps {
  busy: boolean;
  /** False while the instance is not connected: typing still works, sending waits. */
  connected: boolean;
  /**
   * `mentions` are the project paths picked from the `@` list that are still in the text; `files` the
   * attachments as file parts (the text may be empty when there are some).
   */
  onSend: (text: string, mentions: string[], files: FilePartInput[]) => Promise<void>;
  onStop: () => Promise<void>;
  /** Shown above the text box: the model and agent pickers. */
  controls?: JSX.Element;
  /** The commands `/` lists; without them `/` is plain text. */
  commands?: { name: string; description?: string }[];
  onCommand?: (name: string, args: string) => Promise<void>;
  onShell?: (command: string) => Promise<void>;
  /** Project paths matching a query, for the `@` list. */
  searchFiles?: (query: string) => Promise<string[]>;
  /** Earlier prompts, oldest first, for Up and Down. */
  history?: string[];
  draft?: string;
  onDraft?: (text: string) => void;
  /** Take the keyboard focus when shown (a session the user just created: they are about to type). */
  autofocus?: boolean;
  /** The attachments the box held when it was last shown, and where it reports changes to them. */
  attachments?: Attachment[];
  onAttachments?: (attachments: Attachment[]) => void;
}

const MENU_ID = "prompt-menu";

export function PromptBox(props: PromptBoxProps) {
  const [text, setTextSignal] = createSignal(props.draft ?? "");
  const [caret, setCaret] = createSignal(text().length);
  const [sending, setSending] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const [active, setActive] = createSignal(0);
  const [dismissed, setDismissed] = createSignal<string>();
  const [picked, setPicked] = createSignal<string[]>([]);
  const [refused, setRefused] = createSignal<string>();
  const tray = createAttachmentTray({ initial: props.attachments, onChange: (list) => props.onAttachments?.(list), onRefused: setRefused });
  const attach = (files: File[]) => {
    setError(undefined);
    void tray.add(files);
  };
  const drop = createDropZone(attach);
  /** Where Up/Down is in the history (history.length = the draft), and the draft it left. */
  let recall = { index: -1, draft: "" };
  let box!: HTMLTextAreaElement;
  onMount(() => {
    if (props.autofocus) box.focus();
  });

  const setText = (value: string) => {
    setTextSignal(value);
    props.onDraft?.(value);
  };
  const canSend = () => !props.busy && !sending() && props.connected && (text().trim().length > 0 || tray.attachments().length > 0);

  const mention = () => (props.searchFiles ? mentionQuery(text(), caret()) : undefined);
  const [files] = createResource(
    () => mention()?.query,
    (query) => props.searchFiles!(query).catch(() => [] as string[]),
  );
  const menu = (): { label: string; options: MenuOption[]; empty: string } | undefined => {
    if (dismissed() === text()) return undefined;
    const slash = props.commands ? slashQuery(text()) : undefined;
    if (slash !== undefined) {
      const options = filterCommands(props.commands!, slash).map((command) => ({ name: command.name, detail: command.description }));
      return { label: "Commands", options, empty: "No command by that name" };
    }
    if (mention())
      return {
        label: "Files",
        options: (files.latest ?? []).map((path) => ({ name: path })),
        empty: files.loading ? "Searching…" : "No matching file",
      };
    return undefined;
  };
  createEffect(
    on(
      () => menu()?.options.length,
      () => setActive(0),
    ),
  );
  // The box grows with its text up to its max height (then it scrolls). Empty, it is its two rows
  // without measuring: measuring forces a layout, and on a session's opening that was one more
  // layout of the whole view in the click's task. The measured height takes in the borders
  // (scrollHeight has none, and the box is sized border-box), so the box does not shrink by them
  // at the first character.
  createEffect(
    on(text, (value) => {
      if (!value) return void (box.style.height = "");
      box.style.height = "auto";
      box.style.height = `${box.scrollHeight + box.offsetHeight - box.clientHeight}px`;
    }),
  );

  const pick = (option: MenuOption) => {
    const current = menu();
    if (current?.label === "Commands") {
      setText(`/${option.name} `);
      setCaret(text().length);
    } else if (current?.label === "Files") {
      const at = mention()!;
      const next = insertMention(text(), at.start, caret(), option.name);
      setText(next.text);
      setPicked((paths) => [...paths, option.name]);
      setCaret(next.caret);
      queueMicrotask(() => box.setSelectionRange(next.caret, next.caret));
    }
  };

  /** Runs a send; once it worked, the text (unless edited meanwhile) and the attachments it carried leave the box. */
  const run = async (action: () => Promise<void>, value: string, sent: string[] = []) => {
    setSending(true);
    setError(undefined);
    try {
      await action();
      if (text() === value) {
        setText("");
        setPicked([]);
      }
      tray.remove(...sent);
      if (sent.length) setRefused(undefined);
      recall = { index: -1, draft: "" };
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setSending(false);
    }
  };

  const send = async () => {
    if (!canSend()) return;
    const value = text();
    const slash = parseSlash(value);
    const shell = props.onShell ? parseShell(value) : undefined;
    const command = slash && props.onCommand && props.commands?.some((known) => known.name === slash.name);
    if ((command || shell) && tray.attachments().length) {
      return setError("Attachments go with a prompt, not with a command or a shell command: remove them, or write a prompt.");
    }
    if (command) return run(() => props.onCommand!(slash!.name, slash!.args), value);
    if (shell) return run(() => props.onShell!(shell), value);
    const attachments = tray.attachments();
    return run(
      () => props.onSend(value, mentionedPaths(value, picked()), attachments.map(attachmentPart)),
      value,
      attachments.map((attachment) => attachment.id),
    );
  };

  const stop = async () => {
    setError(undefined);
    try {
      await props.onStop();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  };

  /** Up on the first line goes back in the history, Down on the last line forward (to the draft). */
  const browseHistory = (event: KeyboardEvent & { currentTarget: HTMLTextAreaElement }, step: -1 | 1) => {
    const history = props.history ?? [];
    const { selectionStart, value } = event.currentTarget;
    const onEdge = step < 0 ? !value.slice(0, selectionStart).includes("\n") : !value.slice(selectionStart).includes("\n");
    if (!history.length || !onEdge) return;
    const from = recall.index < 0 ? history.length : recall.index;
    const to = from + step;
    if (to < 0 || to > history.length) return;
    event.preventDefault();
    if (recall.index < 0) recall.draft = value;
    recall.index = to === history.length ? -1 : to;
    setText(to === history.length ? recall.draft : history[to]);
    setCaret(text().length);
  };

  const onKeyDown = (event: KeyboardEvent & { currentTarget: HTMLTextAreaElement }) => {
    const open = menu();
    if (open && open.options.length) {
      const count = open.options.length;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        setActive((index) => (index + (event.key === "ArrowDown" ? 1 : count - 1)) % count);
        return;
      }
      if ((event.key === "Enter" && !event.shiftKey) || event.key === "Tab") {
        event.preventDefault();
        pick(open.options[Math.min(active(), count - 1)]);
        return;
      }
    }
    if (open && event.key === "Escape") {
      event.preventDefault();
      setDismissed(text());
      return;
    }
    if (event.key === "ArrowUp" || event.key === "ArrowDown") return browseHistory(event, event.key === "ArrowUp" ? -1 : 1);
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void send();
    }
  };

  return (
    <form
      class="border-t border-zinc-200 bg-white/80 p-3 dark:border-zinc-800 dark:bg-zinc-900/80"
      classList={{ "ring-2 ring-inset ring-sky-500": drop.dragging() }}
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
      onDragOver={drop.onDragOver}
      onDragLeave={drop.onDragLeave}
      onDrop={drop.onDrop}
    >
      <Show when={error()}>
        <p role="alert" class="mb-2 text-sm text-red-700 dark:text-red-300">
          {error()}
        </p>
      </Show>
      <Show when={refused()}>
        <p role="alert" class="mb-2 text-sm text-red-700 dark:text-red-300">
          {refused()}
        </p>
      </Show>
      <div class="mb-2 flex flex-wrap items-center gap-2">
        <Show when={props.controls}>{props.controls}</Show>
        <span class="ml-auto">
          <AttachButton onFiles={attach} />
        </span>
      </div>
      <AttachmentList attachments={tray.attachments()} onRemove={(id) => tray.remove(id)} />
      <Show when={menu()}>
        {(open) => (
          <PromptMenu id={MENU_ID} label={open().label} options={open().options} active={active()} empty={open().empty} onPick={pick} />
        )}
      </Show>
      <div class="flex items-end gap-2">
        <label class="flex-1">
          <span class="sr-only">Message</span>
          <textarea
            ref={box}
            aria-label="Message"
            aria-controls={menu()?.options.length ? MENU_ID : undefined}
            aria-activedescendant={menu()?.options.length ? optionId(MENU_ID, active()) : undefined}
            rows={2}
            placeholder={
              props.connected
                ? "Ask the agent… (Enter sends, Shift+Enter for a new line, / for commands, @ for files, ! for shell)"
                : "Waiting for the server to reconnect…"
            }
            class="max-h-48 min-h-[2.5rem] w-full resize-none overflow-y-auto rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm outline-none focus:border-sky-500 focus:ring-2 focus:ring-sky-500/30 dark:border-zinc-700 dark:bg-zinc-950"
            value={text()}
            onInput={(e) => {
              setText(e.currentTarget.value);
              setCaret(e.currentTarget.selectionStart);
            }}
            onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
            onKeyDown={onKeyDown}
            onPaste={(event) => {
              const files = pastedFiles(event);
              if (!files) return;
              event.preventDefault();
              attach(files);
            }}
          />
        </label>
        <div class="flex flex-col gap-1.5">
          <button
            type="submit"
            disabled={!canSend()}
            class="rounded-md bg-sky-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-sky-500 disabled:cursor-not-allowed disabled:opacity-50"
          >
            Send
          </button>
          <button
            type="button"
            disabled={!props.busy}
            onClick={() => void stop()}
            class="rounded-md border border-zinc-300 px-4 py-1.5 text-sm hover:bg-zinc-100 disabled:cursor-not-allowed disabled:opacity-40 dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            Stop
          </button>
        </div>
      </div>
    </form>
  );
}
