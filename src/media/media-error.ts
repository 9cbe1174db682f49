/**
 * An error a person must see, with what happened and what to do in plain words.
 * `detail` keeps the decoder's own message for the technically minded.
 */
export class MediaError extends Error {
  constructor(
    readonly userMessage: string,
    readonly detail = '',
  ) {
    super(detail ? `${userMessage} (${detail})` : userMessage);
    this.name = 'MediaError';
  }

  /** The message for people, with FFmpeg's own words after it when there are any. */
  get fullMessage(): string {
    return this.detail ? `${this.userMessage} (FFmpeg said: ${this.detail})` : this.userMessage;
  }
}

/** Any error in words for people: a MediaError's full message, else the error's own. */
export function messageOf(error: unknown): string {
  if (error instanceof MediaError) return error.fullMessage;
  return error instanceof Error ? error.message : String(error);
}
