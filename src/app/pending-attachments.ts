/**
 * The attachments waiting in each session's prompt box, kept while its tab is closed or another is
 * shown (the prompt box is rebuilt for each session). In memory only: an image is megabytes, too big
 * for localStorage beside the drafts, so a reload drops them.
 */
import type { Attachment } from "../lib/attachments";

const pending = new Map<string, Attachment[]>();
const keyOf = (instanceId: string, sessionId: string) => `${instanceId} ${sessionId}`;

export const pendingAttachments = {
  get: (instanceId: string, sessionId: string): Attachment[] => pending.get(keyOf(instanceId, sessionId)) ?? [],
  set(instanceId: string, sessionId: string, attachments: Attachment[]) {
    if (attachments.length) pending.set(keyOf(instanceId, sessionId), attachments);
    else pending.delete(keyOf(instanceId, sessionId));
  },
};
