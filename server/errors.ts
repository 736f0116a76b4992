/**
 * A failure the companion explains to the person: an HTTP status, a sentence, and the last log lines
 * of the server concerned when they say more than the sentence can (port taken, exits at start-up).
 */
export class CompanionError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly logs?: string[],
  ) {
    super(message);
    this.name = "CompanionError";
  }
}
