import { TioError } from '@tio/core';

/**
 * Thrown by the serializer and the command builders when a value would contain CR, LF or NUL: such a value would end
 * the IRC line early and let the rest be read as another command (IRC command injection).
 *
 * @example
 * ```ts
 * try {
 *   buildPrivmsg('channel', untrustedText);
 * } catch (error) {
 *   if (IrcInjectionError.isInstance(error)) console.warn(error.field, error.position);
 * }
 * ```
 */
export class IrcInjectionError extends TioError {
  /** Which value was refused, for example `text`, `params[1]` or `tags.client-nonce`. */
  readonly field: string;
  /** The UTF-16 index of the first forbidden character in that value. */
  readonly position: number;

  /**
   * Creates the error.
   *
   * @param field - Which value was refused.
   * @param position - Where its first CR, LF or NUL is.
   */
  constructor(field: string, position: number) {
    super(
      'IRC_INJECTION',
      `${field} contains a line break or NUL at index ${position}; CR, LF and NUL can never be sent inside an IRC ` +
        'line because they would start a new command. Remove or replace them (for example with a space) first.',
    );
    this.field = field;
    this.position = position;
  }
}
