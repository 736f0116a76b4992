/**
 * What the prompt's text asks for, read from the text alone: a slash command being typed (`/ini`),
 * a file mention being typed at the caret (`look at @src/ap`), a command to run (`/init focus on
 * tests`) or a shell command (`!ls`). Pure, so the menus' rules are tested without a DOM.
 */

/** The command name typed so far, while the text is only `/name` (no space yet). */
export function slashQuery(text: string): string | undefined {
  const match = /^\/(\S*)$/.exec(text);
  return match ? match[1] : undefined;
}

/** The `@word` the caret is in, with where it starts, so a pick can replace it. */
export function mentionQuery(text: string, caret: number): { query: string; start: number } | undefined {
  const match = /(^|\s)@([^\s@]*)$/.exec(text.slice(0, caret));
  return match ? { query: match[2], start: caret - match[2].length - 1 } : undefined;
}

/** `@query` at `start` replaced by `@path ` (the caret goes after the space). */
export function insertMention(text: string, start: number, caret: number, path: string): { text: string; caret: number } {
  const inserted = `@${path} `;
  return { text: text.slice(0, start) + inserted + text.slice(caret).replace(/^ /, ""), caret: start + inserted.length };
}

/** `/name args` → the command and its arguments; anything else → undefined. */
export function parseSlash(text: string): { name: string; args: string } | undefined {
  const match = /^\/(\S+)(?:\s+([\s\S]*))?$/.exec(text.trim());
  return match ? { name: match[1], args: (match[2] ?? "").trim() } : undefined;
}

/** `!command` → the shell command (empty `!` is not one). */
export function parseShell(text: string): string | undefined {
  const match = /^!\s*([\s\S]+)$/.exec(text.trim());
  return match ? match[1].trim() : undefined;
}

/** Commands whose name starts with the query first, then those that contain it. */
export function filterCommands<T extends { name: string }>(commands: T[], query: string): T[] {
  const q = query.toLowerCase();
  const starts = commands.filter((command) => command.name.toLowerCase().startsWith(q));
  const contains = commands.filter((command) => !command.name.toLowerCase().startsWith(q) && command.name.toLowerCase().includes(q));
  return [...starts, ...contains];
}

/** The mentioned paths that are still in the text as `@path`. */
export function mentionedPaths(text: string, picked: string[]): string[] {
  return [...new Set(picked)].filter((path) => new RegExp(`(^|\\s)@${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?=\\s|$)`).test(text));
}
