/**
 * What the Changes view lists, built from what the server sent, guarded at the edge.
 *
 * "This session": opencode 1.18.33 keeps a session's file changes per prompt, not per session. After
 * each turn it stores the turn's diff (first step-start snapshot to last step-finish snapshot) on the
 * user message as `summary.diffs`, and that is what `GET /session/:id/diff?messageID=` answers. The
 * session-wide answer is empty by design: without a messageID the endpoint returns `[]`, and every
 * `session.diff` event after a turn carries `[]` too (seen in the server's own SessionSummary code and
 * in every capture, git repository or not). Only a revert fills `session.diff`, and then with what
 * the revert rolled back, which is not what the session changed. So the session's changes are the
 * turns' diffs of the messages still in effect: undone turns drop out as Undo hides them, and come
 * back with Redo.
 *
 * "Working tree": `GET /vcs/diff?mode=git`, one entry per file, untracked files included.
 */
import type { Message, Session } from "@opencode-ai/sdk/v2/client";
import { keepUnchanged, sameItems } from "../lib/keep-unchanged";
import { isObject, list, num, rec, str, text, timestamp } from "../lib/server-data";
import { visibleMessages } from "./undo";

export type ChangeStatus = "added" | "deleted" | "modified";

/** One patch of a file: from one turn of the session (`messageID`, `at`), or the working tree's. */
export interface FilePatch {
  patch: string;
  messageID?: string;
  /** When the prompt of that turn was sent (ms), for telling several patches of a file apart. */
  at?: number;
}

/** One changed file: the Changes view shows one item for each. */
export interface ChangedFile {
  file: string;
  status: ChangeStatus;
  additions: number;
  deletions: number;
  /** Oldest first; empty when the server sent no patch text. */
  patches: FilePatch[];
}

const STATUSES: readonly string[] = ["added", "deleted", "modified"];

/** A file diff from the server as a {@link ChangedFile}, or undefined when it names no file. */
export function changedFile(diff: unknown, from?: Omit<FilePatch, "patch">): ChangedFile | undefined {
  if (!isObject(diff)) return undefined;
  const file = str(diff.file);
  if (!file) return undefined;
  const status = typeof diff.status === "string" && STATUSES.includes(diff.status) ? (diff.status as ChangeStatus) : "modified";
  const patch = text(diff.patch);
  return {
    file,
    status,
    additions: Math.max(0, num(diff.additions) ?? 0),
    deletions: Math.max(0, num(diff.deletions) ?? 0),
    patches: patch ? [{ ...from, patch }] : [],
  };
}

/**
 * A file changed by several turns reads as one: created then changed is still "added", changed then
 * deleted is "deleted". Created then deleted is as it was: undefined, and the file is left out.
 */
function merge(earlier: ChangedFile, later: ChangedFile): ChangedFile | undefined {
  if (earlier.status === "added" && later.status === "deleted") return undefined;
  const status: ChangeStatus = earlier.status === "added" ? "added" : later.status === "deleted" ? "deleted" : "modified";
  return {
    file: earlier.file,
    status,
    additions: earlier.additions + later.additions,
    deletions: earlier.deletions + later.deletions,
    patches: [...earlier.patches, ...later.patches],
  };
}

type Listed = Pick<Message, "id" | "role"> & { summary?: unknown; time?: unknown };

/**
 * The files the session's turns still in effect changed, in the order they were first changed: the
 * `summary.diffs` of each user message before the revert mark, merged by file name (see `merge`).
 */
export function sessionChanges(messages: readonly Listed[], revert: Session["revert"]): ChangedFile[] {
  const byFile = new Map<string, ChangedFile>();
  for (const message of visibleMessages([...messages], revert)) {
    if (message.role !== "user") continue;
    const at = timestamp(rec(message.time).created);
    for (const diff of list(rec(message.summary).diffs)) {
      const file = changedFile(diff, { messageID: message.id, at });
      if (!file) continue;
      const earlier = byFile.get(file.file);
      const merged = earlier ? merge(earlier, file) : file;
      if (merged) byFile.set(file.file, merged);
      else byFile.delete(file.file);
    }
  }
  return [...byFile.values()];
}

/** What `GET /vcs/diff` answered (`VcsFileDiff[]` when well formed) as files; entries without a file name are left out. */
export function workingTreeChanges(diffs: unknown): ChangedFile[] {
  return list(diffs).flatMap((diff) => changedFile(diff) ?? []);
}

const samePatch = (a: FilePatch, b: FilePatch) => a.patch === b.patch && a.messageID === b.messageID && a.at === b.at;

/**
 * `next`, with each file that did not change since `previous` replaced by its previous object. The
 * lists are rebuilt whenever any message changes; keeping the objects keeps their list items (and
 * the drawn diffs and the keyboard focus in them) instead of drawing everything again.
 */
export function keepUnchangedFiles(previous: readonly ChangedFile[] | undefined, next: ChangedFile[]): ChangedFile[] {
  return keepUnchanged(
    previous,
    next,
    (file) => file.file,
    (old, file) =>
      old.status === file.status &&
      old.additions === file.additions &&
      old.deletions === file.deletions &&
      sameItems(old.patches, file.patches, samePatch),
  );
}
