/**
 * Initial JavaScript (issue 4, target 4): the entry chunk plus every chunk it imports statically,
 * transitively, each gzipped with zlib (level 9, as a static host would serve it). Read from the
 * build's own output graph, not from file names, so a chunk that is only `import()`ed never counts.
 */
import { gzipSync } from "node:zlib";
import { atMost, info, type Figure } from "./figures";

/** The parts of a Rollup/Rolldown output chunk this needs. */
export interface BuiltChunk {
  type: "chunk";
  fileName: string;
  code: string;
  isEntry: boolean;
  imports: string[];
  dynamicImports: string[];
  moduleIds: string[];
}

/** The initial chunks: the entries and their static imports, transitively. */
export function initialChunks(chunks: readonly BuiltChunk[]): BuiltChunk[] {
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const seen = new Set<string>();
  const queue = chunks.filter((chunk) => chunk.isEntry).map((chunk) => chunk.fileName);
  while (queue.length > 0) {
    const name = queue.pop() as string;
    if (seen.has(name)) continue;
    seen.add(name);
    for (const next of byName.get(name)?.imports ?? []) if (byName.has(next)) queue.push(next);
  }
  return chunks.filter((chunk) => seen.has(chunk.fileName));
}

/** Gzipped size in KB (1 KB = 1,024 bytes). */
export function gzipKb(code: string): number {
  return gzipSync(Buffer.from(code), { level: 9 }).length / 1024;
}

/** Which modules of a package ended up in the chunks, by the `node_modules/<name>/` in their ids. */
export function modulesOf(chunks: readonly BuiltChunk[], packageName: string): string[] {
  const marker = `node_modules/${packageName}/`;
  return chunks.flatMap((chunk) => chunk.moduleIds.filter((id) => id.includes(marker)));
}

/** The bundle figures for one app build's chunks. */
export function bundleFigures(chunks: readonly BuiltChunk[]): Figure[] {
  const initial = initialChunks(chunks);
  if (initial.length === 0) throw new Error("bundle: the build has no entry chunk");
  const initialKb = initial.reduce((sum, chunk) => sum + gzipKb(chunk.code), 0);
  const lazy = chunks.filter((chunk) => !initial.includes(chunk));
  const lazyKb = lazy.reduce((sum, chunk) => sum + gzipKb(chunk.code), 0);
  const heavyInitial = modulesOf(initial, "highlight.js").length;
  const heavyLazy = modulesOf(lazy, "highlight.js").length;
  return [
    atMost(`initial JS, gzip (${initial.length} chunk${initial.length === 1 ? "" : "s"})`, initialKb, "KB", 120),
    info(`lazy JS, gzip (${lazy.length} chunks)`, lazyKb, "KB"),
    // Must be zero; a build that lost highlight.js entirely would also be zero, so the lazy count is shown too.
    atMost("highlight.js modules in initial chunks", heavyInitial, "modules", 0),
    info("highlight.js modules in lazy chunks", heavyLazy, "modules"),
  ];
}
