import { TioError } from '@tio/core';

/**
 * Thrown by the serializer and the command builders when a value cannot be written as IRC: a space or a leading `:`
 * in a middle parameter, an empty parameter, an invalid command or tag name, or an empty chat message.
 *
 * @example
 * ```ts
 * if (InvalidIrcMessageError.isInstance(error)) console.warn(error.field, error.message);
 * ```
 */
export class InvalidIrcMessageError extends TioError {
  /** Which value was refused, for example `command`, `params[0]` or `text`. */
  readonly field: string;

  /**
   * Creates the error.
   *
   * @param field - Which value was refused.
   * @param problem - What is wrong with it and what to do, as a sentence.
   */
  constructor(field: string, problem: string) {
    super('INVALID_IRC_MESSAGE', `${field} cannot be sent: ${problem}`);
    this.field = field;
  }
}
