import { TioError } from './TioError.js';

/**
 * What is wrong with a message text; see {@link InvalidMessageError}.
 *
 * - `notString`: the text is not a string.
 * - `empty`: the text is empty or only whitespace (Twitch drops such messages).
 * - `tooLong`: more than 500 code points.
 * - `forbiddenCharacter`: contains CR, LF or NUL, which would end the IRC line early.
 * - `chatCommand`: starts with a chat command other than `/me ` (`/` or `.` and a letter, such as `/ban`), which
 *   Twitch IRC no longer runs (`twitch-protocol.md` §0 item 1, §5 item 16).
 */
export type InvalidMessageProblem = 'notString' | 'empty' | 'tooLong' | 'forbiddenCharacter' | 'chatCommand';

/**
 * A chat message text cannot be sent as is. Raised by `Client.send` before anything is queued.
 */
export class InvalidMessageError extends TioError {
  /** What is wrong. */
  readonly problem: InvalidMessageProblem;
  /** The text's length in code points, when it is a string. */
  readonly length: number | undefined;
  /** The command word the text starts with (such as `/ban`), for `chatCommand`. */
  readonly command: string | undefined;

  /**
   * Creates the error.
   *
   * @param problem - What is wrong.
   * @param details - The length seen and the limit in force, or the command word.
   */
  constructor(
    problem: InvalidMessageProblem,
    details: { readonly length?: number; readonly limit?: number; readonly command?: string } = {},
  ) {
    super('INVALID_MESSAGE', describe(problem, details));
    this.problem = problem;
    this.length = details.length;
    this.command = details.command;
  }
}

function describe(
  problem: InvalidMessageProblem,
  details: { readonly length?: number; readonly limit?: number; readonly command?: string },
): string {
  switch (problem) {
    case 'notString':
      return 'The message text is not a string; pass the text to send as a string.';
    case 'empty':
      return 'The message text is empty or only whitespace; Twitch would drop it. Send some visible text.';
    case 'tooLong':
      return (
        `The message text is ${details.length ?? '?'} code points long and Twitch allows at most ` +
        `${details.limit ?? 500}; shorten it or split it into several messages.`
      );
    case 'forbiddenCharacter':
      return (
        'The message text contains a line break (CR or LF) or a NUL character, which would end the IRC line ' +
        'early; replace them (for example with spaces) or send several messages.'
      );
    case 'chatCommand':
      return (
        `The message text starts with ${JSON.stringify(details.command ?? '/')}, a chat command: Twitch IRC runs no ` +
        'chat commands except /me; moderation goes through the Helix API. To say the text literally, start it with ' +
        'another character (leading spaces do not count).'
      );
  }
}
