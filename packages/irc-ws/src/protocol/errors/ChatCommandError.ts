import { TioError } from '@tio/core';

/**
 * Thrown by `buildPrivmsg()` when the text starts with a chat command (`/` or `.` followed by a letter, such as
 * `/ban` or `.timeout`) other than `/me `. Twitch would treat the text as a command rather than say it, and only
 * `/me` still works over IRC (protocol reference §0, §5.16); commands echoed from user input must never run.
 *
 * @example
 * ```ts
 * if (ChatCommandError.isInstance(error)) console.warn(`refused command ${error.command}`);
 * ```
 */
export class ChatCommandError extends TioError {
  /** The command word the text starts with, for example `/ban`. */
  readonly command: string;

  /**
   * Creates the error.
   *
   * @param command - The command word the text starts with.
   */
  constructor(command: string) {
    super(
      'CHAT_COMMAND',
      `The message starts with ${JSON.stringify(command)}, which Twitch would read as a chat command; only "/me " ` +
        'is allowed over IRC (leading spaces do not change that). Use the Helix API for moderation, or start the ' +
        'text with something else (for example a quote) to say it literally.',
    );
    this.command = command;
  }
}
