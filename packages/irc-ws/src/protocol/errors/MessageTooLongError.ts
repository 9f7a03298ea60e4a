import { TioError } from '@tio/core';

/**
 * Thrown when a chat message is longer than Twitch's 500-character limit, counted in Unicode code points (see
 * `MAX_MESSAGE_LENGTH`), or when a serialized line would exceed the 4096-character line limit.
 *
 * @example
 * ```ts
 * if (MessageTooLongError.isInstance(error)) console.warn(`${error.length} > ${error.limit}`);
 * ```
 */
export class MessageTooLongError extends TioError {
  /** The length seen, in the unit of {@link MessageTooLongError.unit}. */
  readonly length: number;
  /** The limit it exceeds. */
  readonly limit: number;
  /** What was measured: a chat message in code points, or a whole IRC line (with CRLF) in UTF-16 code units. */
  readonly unit: 'code points' | 'line characters';

  /**
   * Creates the error.
   *
   * @param length - The length seen.
   * @param limit - The limit.
   * @param unit - What was measured.
   */
  constructor(length: number, limit: number, unit: 'code points' | 'line characters' = 'code points') {
    super(
      'MESSAGE_TOO_LONG',
      unit === 'code points'
        ? `The message is ${length} characters (code points) long but Twitch accepts at most ${limit}; split it ` +
            'into several messages or shorten it.'
        : `The IRC line would be ${length} characters long (with CRLF) but Twitch reads at most ${limit} and cuts ` +
            'the rest; send fewer values per command.',
    );
    this.length = length;
    this.limit = limit;
    this.unit = unit;
  }
}
