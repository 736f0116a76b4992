/**
 * Which project directories a server has: where its sessions live, its project worktrees (not the
 * catch-all "/" of the global project), its own working directory, and any other directory already
 * known. Used for the REST resync (one status/permission/question read per directory) and for the
 * "New session" directory picker.
 */
import type { Project, Session } from "@opencode-ai/sdk/v2/client";

/** Sorted and unique; `known` may hold the literal "global" and "/", which are not directories. */
export function directoriesOf(sessions: Session[], projects: Project[], serverDirectory?: string, known: string[] = []): string[] {
  const set = new Set<string>(known.filter((d) => d && d !== "global" && d !== "/"));
  for (const session of sessions) if (session.directory) set.add(session.directory);
  for (const project of projects) if (project.worktree && project.worktree !== "/") set.add(project.worktree);
  if (serverDirectory) set.add(serverDirectory);
  return [...set].sort();
}
