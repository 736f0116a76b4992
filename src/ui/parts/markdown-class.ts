/**
 * Tailwind classes for a container of rendered markdown. The HTML comes from `renderMarkdown`, so it
 * has no classes of its own: arbitrary descendant variants style headings, lists, tables, code and
 * highlight.js tokens, in light and dark (`prefers-color-scheme`) alike, without a typography plugin.
 */
/** highlight.js token colours (a small GitHub-like palette), for any container of highlighted code. */
export const HLJS_TOKEN_CLASS = [
  "[&_.hljs-keyword]:text-purple-700 [&_.hljs-built_in]:text-amber-700 [&_.hljs-type]:text-amber-700",
  "[&_.hljs-string]:text-emerald-700 [&_.hljs-number]:text-blue-700 [&_.hljs-literal]:text-blue-700",
  "[&_.hljs-comment]:text-zinc-500 [&_.hljs-comment]:italic [&_.hljs-title]:text-sky-700 [&_.hljs-attr]:text-sky-700",
  "[&_.hljs-meta]:text-zinc-500 [&_.hljs-addition]:text-emerald-700 [&_.hljs-deletion]:text-red-700",
  "dark:[&_.hljs-keyword]:text-purple-300 dark:[&_.hljs-built_in]:text-amber-300 dark:[&_.hljs-type]:text-amber-300",
  "dark:[&_.hljs-string]:text-emerald-300 dark:[&_.hljs-number]:text-blue-300 dark:[&_.hljs-literal]:text-blue-300",
  "dark:[&_.hljs-comment]:text-zinc-400 dark:[&_.hljs-title]:text-sky-300 dark:[&_.hljs-attr]:text-sky-300",
  "dark:[&_.hljs-meta]:text-zinc-400 dark:[&_.hljs-addition]:text-emerald-300 dark:[&_.hljs-deletion]:text-red-300",
].join(" ");

export const MARKDOWN_CLASS = [
  "min-w-0 break-words text-sm leading-relaxed text-zinc-800 dark:text-zinc-100",
  // Rendered HTML sits in one display:contents wrapper per run of blocks (see markdown.tsx).
  "[&>*:first-child>*:first-child]:mt-0 [&>*:last-child>*:last-child]:mb-0 [&_p]:my-2",
  // The pieces of one very long paragraph (lib/markdown.ts) read as one paragraph.
  "[&_p.sb-piece]:my-0 [&_p.sb-first]:mt-2",
  "[&_h1]:mt-4 [&_h1]:mb-2 [&_h1]:text-lg [&_h1]:font-semibold",
  "[&_h2]:mt-4 [&_h2]:mb-2 [&_h2]:text-base [&_h2]:font-semibold",
  "[&_h3]:mt-3 [&_h3]:mb-1 [&_h3]:font-semibold [&_h4]:mt-3 [&_h4]:font-semibold",
  "[&_ul]:my-2 [&_ul]:list-disc [&_ul]:pl-5 [&_ol]:my-2 [&_ol]:list-decimal [&_ol]:pl-5 [&_li]:my-0.5",
  "[&_a]:text-blue-700 [&_a]:underline [&_a:hover]:no-underline dark:[&_a]:text-blue-400",
  "[&_blockquote]:my-2 [&_blockquote]:border-l-2 [&_blockquote]:border-zinc-300 [&_blockquote]:pl-3 [&_blockquote]:text-zinc-600",
  "dark:[&_blockquote]:border-zinc-600 dark:[&_blockquote]:text-zinc-300",
  "[&_code]:font-mono [&_code]:text-[0.85em]",
  "[&_:not(pre)>code]:rounded [&_:not(pre)>code]:bg-zinc-100 [&_:not(pre)>code]:px-1 [&_:not(pre)>code]:py-0.5 dark:[&_:not(pre)>code]:bg-zinc-800",
  "[&_pre]:my-2 [&_pre]:overflow-x-auto [&_pre]:rounded-md [&_pre]:border [&_pre]:border-zinc-200 [&_pre]:bg-zinc-50 [&_pre]:p-3 [&_pre]:text-xs [&_pre]:leading-snug",
  "dark:[&_pre]:border-zinc-800 dark:[&_pre]:bg-zinc-900",
  "[&_table]:my-2 [&_table]:block [&_table]:overflow-x-auto [&_table]:border-collapse [&_table]:text-xs",
  "[&_th]:border [&_th]:border-zinc-300 [&_th]:bg-zinc-50 [&_th]:px-2 [&_th]:py-1 [&_th]:text-left [&_th]:font-semibold",
  "[&_td]:border [&_td]:border-zinc-300 [&_td]:px-2 [&_td]:py-1",
  "dark:[&_th]:border-zinc-700 dark:[&_th]:bg-zinc-800 dark:[&_td]:border-zinc-700",
  "[&_hr]:my-4 [&_hr]:border-zinc-200 dark:[&_hr]:border-zinc-700 [&_img]:max-w-full",
  HLJS_TOKEN_CLASS,
].join(" ");
