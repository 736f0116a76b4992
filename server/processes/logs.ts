/**
 * The recent output of one started server: stdout and stderr lines (with `--print-logs` stderr
 * carries logfmt lines, `level=INFO …`), numbered, kept to the last few thousand. A reader asks
 * for the lines after the last number it saw and may wait for new ones. The server's password is
 * masked should it ever be printed.
 */
import type { LogLevel, LogLine, LogPage } from "../../shared/companion-api.js";

const LEVELS: LogLevel[] = ["DEBUG", "INFO", "WARN", "ERROR"];

/** `level=WARN` in a logfmt line, or the first word when it is a level name; else OTHER. */
export function levelOf(line: string): LogLevel {
  const found = /\blevel=([A-Za-z]+)/.exec(line)?.[1]?.toUpperCase() ?? /^([A-Z]+)\b/.exec(line)?.[1];
  if (found === "WARNING") return "WARN";
  return LEVELS.includes(found as LogLevel) ? (found as LogLevel) : "OTHER";
}

export class LogBuffer {
  private lines: LogLine[] = [];
  private seq = 0;
  private partial = "";
  private waiters = new Set<() => void>();

  constructor(
    private readonly secret: string | undefined,
    private readonly limit = 5_000,
  ) {}

  /** Feeds a chunk of output; complete lines are kept, the rest waits for its newline. */
  write(chunk: Buffer | string): void {
    const text = this.partial + chunk.toString();
    const parts = text.split(/\r?\n/);
    this.partial = parts.pop() ?? "";
    if (this.partial.length > 64 * 1024) {
      parts.push(this.partial);
      this.partial = "";
    }
    for (const raw of parts) if (raw.trim()) this.push(raw);
  }

  /** Adds one line of our own (start, exit), in the same numbering. */
  note(text: string): void {
    this.push(text);
  }

  private push(raw: string): void {
    const text = this.secret ? raw.split(this.secret).join("••••") : raw;
    this.lines.push({ seq: ++this.seq, level: levelOf(text), text: text.slice(0, 8_000) });
    if (this.lines.length > this.limit) this.lines.splice(0, this.lines.length - this.limit);
    for (const wake of this.waiters) wake();
    this.waiters.clear();
  }

  /** The last `count` lines as text (for error sentences). */
  tail(count: number): string[] {
    return this.lines.slice(-count).map((line) => line.text);
  }

  page(after: number): LogPage {
    const lines = this.lines.filter((line) => line.seq > after);
    return { lines, next: lines.length ? lines[lines.length - 1].seq : Math.max(after, this.seq) };
  }

  /** Lines after `after`, waiting up to `waitMs` for the first new one. */
  async read(after: number, waitMs: number, signal?: AbortSignal): Promise<LogPage> {
    if (this.seq > after || waitMs <= 0) return this.page(after);
    await new Promise<void>((ok) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        signal?.removeEventListener("abort", done);
        ok();
      };
      const timer = setTimeout(done, waitMs);
      this.waiters.add(done);
      signal?.addEventListener("abort", done, { once: true });
    });
    return this.page(after);
  }
}
