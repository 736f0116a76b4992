/**
 * Lazy syntax highlighting for code blocks in rendered markdown. highlight.js core and each language
 * are loaded with dynamic `import()` the first time a block in that language shows up, so none of it
 * is in the initial bundle. Blocks without a language, or in one we don't load, stay plain text.
 */
import type { HLJSApi, LanguageFn } from "highlight.js";

type LanguageLoader = () => Promise<{ default: LanguageFn }>;

// One loader per highlight.js language; Vite makes each its own small chunk.
const LOADERS: Record<string, LanguageLoader> = {
  typescript: () => import("highlight.js/lib/languages/typescript"),
  javascript: () => import("highlight.js/lib/languages/javascript"),
  json: () => import("highlight.js/lib/languages/json"),
  bash: () => import("highlight.js/lib/languages/bash"),
  shell: () => import("highlight.js/lib/languages/shell"),
  python: () => import("highlight.js/lib/languages/python"),
  go: () => import("highlight.js/lib/languages/go"),
  rust: () => import("highlight.js/lib/languages/rust"),
  css: () => import("highlight.js/lib/languages/css"),
  xml: () => import("highlight.js/lib/languages/xml"),
  yaml: () => import("highlight.js/lib/languages/yaml"),
  diff: () => import("highlight.js/lib/languages/diff"),
  sql: () => import("highlight.js/lib/languages/sql"),
  markdown: () => import("highlight.js/lib/languages/markdown"),
};

// What models write after ``` mapped to the language module that handles it.
const ALIASES: Record<string, string> = {
  ts: "typescript",
  tsx: "typescript",
  mts: "typescript",
  cts: "typescript",
  js: "javascript",
  jsx: "javascript",
  mjs: "javascript",
  cjs: "javascript",
  jsonc: "json",
  sh: "bash",
  zsh: "bash",
  console: "shell",
  py: "python",
  golang: "go",
  rs: "rust",
  html: "xml",
  htm: "xml",
  svg: "xml",
  yml: "yaml",
  patch: "diff",
  md: "markdown",
};

/**
 * The highlight.js language module name for a fenced-code info string or a `language-xxx` class
 * (`"ts"` → `"typescript"`), or undefined when we have no loader for it.
 */
export function resolveLanguage(name: string): string | undefined {
  const key = name
    .trim()
    .toLowerCase()
    .replace(/^language-/, "");
  const language = ALIASES[key] ?? key;
  return Object.hasOwn(LOADERS, language) ? language : undefined;
}

/**
 * The language module for a file, by its extension (`src/app.tsx` → `"typescript"`), or undefined
 * for a file we don't highlight (no extension, or one we have no loader for).
 */
export function languageForPath(path: string): string | undefined {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return dot > 0 ? resolveLanguage(name.slice(dot + 1)) : undefined;
}

let core: Promise<HLJSApi> | undefined;
const registered = new Map<string, Promise<void>>();

function loadCore(): Promise<HLJSApi> {
  core ??= import("highlight.js/lib/core").then((module) => module.default);
  return core;
}

/**
 * highlight.js with `language` (a module name from `resolveLanguage`) registered, both loaded on first
 * use. For callers that drive highlight.js themselves (the diff view).
 */
export async function loadLanguage(language: string): Promise<HLJSApi> {
  const hljs = await loadCore();
  let ready = registered.get(language);
  if (!ready) {
    ready = LOADERS[language]().then((module) => hljs.registerLanguage(language, module.default));
    // A failed chunk load (offline, deploy in between) should be retried next time, not cached.
    ready.catch(() => registered.delete(language));
    registered.set(language, ready);
  }
  await ready;
  return hljs;
}

/**
 * Highlights `code` as `language` (a name or alias) and resolves to highlight.js's HTML, in which
 * all code text is escaped; resolves to undefined for a language we don't load. Works without a DOM.
 */
export async function highlightCode(code: string, language: string): Promise<string | undefined> {
  const resolved = resolveLanguage(language);
  if (!resolved) return undefined;
  const hljs = await loadLanguage(resolved);
  return hljs.highlight(code, { language: resolved, ignoreIllegals: true }).value;
}

/**
 * Finds `pre > code` blocks with a `language-xxx` class inside `container` and highlights them in
 * place, loading highlight.js on first use. Call it after the sanitised markdown is in the DOM: the
 * highlighter reads the block's text (not its HTML) and escapes it, so the output stays inert. A block
 * whose text changed while the language loaded (a streaming part) is left for the next call.
 */
export async function highlightCodeBlocks(container: HTMLElement): Promise<void> {
  const blocks = container.querySelectorAll<HTMLElement>("pre > code[class*='language-']");
  const jobs: Promise<void>[] = [];
  for (const block of blocks) {
    if (block.dataset.highlighted === "yes") continue;
    const languageClass = [...block.classList].find((name) => name.startsWith("language-"));
    if (!languageClass) continue;
    const code = block.textContent ?? "";
    jobs.push(
      highlightCode(code, languageClass).then((html) => {
        if (html === undefined || !block.isConnected || block.textContent !== code) return;
        block.innerHTML = html;
        block.classList.add("hljs");
        block.dataset.highlighted = "yes";
      }),
    );
  }
  await Promise.allSettled(jobs);
}
