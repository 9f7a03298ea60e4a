import { TioError } from '@tio/core';

/**
 * A command name or alias is already taken by another command (compared without case when command names are
 * case-insensitive).
 *
 * @example
 * ```ts
 * bot.command({ name: 'hi', run });
 * bot.command({ name: 'hello', aliases: ['HI'], run }); // throws DuplicateCommandError: "hi" is taken by "hi"
 * ```
 */
export class DuplicateCommandError extends TioError {
  /** The name or alias that is taken. */
  readonly taken: string;
  /** The command being added. */
  readonly command: string;
  /** The command that already holds the name. */
  readonly existing: string;

  /**
   * Creates the error.
   *
   * @param name - The name or alias that is taken.
   * @param command - The command being added.
   * @param existing - The command holding it.
   */
  constructor(name: string, command: string, existing: string) {
    super(
      'DUPLICATE_COMMAND',
      `Cannot add command "${command}": the name "${name}" is already used by command "${existing}". ` +
        `Pick another name or alias, or call bot.removeCommand('${existing}') first.`,
    );
    this.taken = name;
    this.command = command;
    this.existing = existing;
  }
}
