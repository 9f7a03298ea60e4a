import { TioError } from '@tio/core';

/**
 * Reported (as an `error` event, not thrown) when a line from the server is not a valid IRC message, or is longer
 * than the line splitter accepts. The line is skipped and the connection keeps going.
 *
 * @example
 * ```ts
 * if (MalformedLineError.isInstance(error)) console.warn(error.reason, error.line);
 * ```
 */
export class MalformedLineError extends TioError {
  /** Why the line was refused, as the protocol parser names it (`missing-command`, `line-too-long`, …). */
  readonly reason: string;
  /** The line (for `line-too-long`, only its start). */
  readonly line: string;

  /**
   * Creates the error.
   *
   * @param reason - The parser's failure reason.
   * @param line - The offending line.
   * @param position - Where in the line the parser stopped.
   */
  constructor(reason: string, line: string, position: number) {
    super(
      'IRC_WS_MALFORMED_LINE',
      `Skipped a line from the server that is not a valid IRC message (${reason} at index ${position}): ` +
        `${JSON.stringify(line.slice(0, 200))}. Nothing to do unless it repeats; then report it with the raw line.`,
    );
    this.reason = reason;
    this.line = line;
  }
}
