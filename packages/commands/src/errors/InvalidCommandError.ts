import { TioError } from '@tio/core';

/**
 * A command definition passed to `bot.command()` is invalid: a bad name or alias, a required argument after an
 * optional one, a rest argument that is not last, a bad cooldown, or a missing `run`.
 *
 * @example
 * ```ts
 * try {
 *   bot.command({ name: 'give', args: { reason: arg.rest(), user: arg.user() }, run });
 * } catch (error) {
 *   if (InvalidCommandError.isInstance(error)) console.error(error.message);
 * }
 * ```
 */
export class InvalidCommandError extends TioError {
  /** The command's name as given (may be the invalid value itself, shown in short form). */
  readonly command: string;

  /**
   * Creates the error.
   *
   * @param command - The command's name as given.
   * @param problem - What is wrong and how to fix it, as one or more sentences.
   */
  constructor(command: string, problem: string) {
    super('INVALID_COMMAND', `Command "${command}" is invalid: ${problem}`);
    this.command = command;
  }
}
