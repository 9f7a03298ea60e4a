import { InvalidMessageError } from '../errors/InvalidMessageError.js';

/**
 * The longest chat message Twitch accepts: 500 characters (`twitch-protocol.md` §4.2). The unit is unverified, so
 * tio counts Unicode code points, the more permissive reading that still never splits a character.
 */
export const MAX_MESSAGE_LENGTH = 500;

/** CR, LF and NUL end or corrupt an IRC line (`twitch-protocol.md` §5, design note S2). */
const FORBIDDEN = /[\r\n\0]/;

/**
 * Checks that `text` can be sent as one chat message: a non-blank string of at most 500 code points without CR, LF
 * or NUL.
 *
 * @param text - The message text.
 * @returns The text, unchanged.
 * @throws {@link InvalidMessageError} describing the first problem found.
 *
 * @example
 * ```ts
 * validateMessageText('hello'); // 'hello'
 * validateMessageText('a\nb');  // throws InvalidMessageError (forbiddenCharacter)
 * ```
 */
export function validateMessageText(text: string): string {
  if (typeof text !== 'string') throw new InvalidMessageError('notString');
  if (FORBIDDEN.test(text)) throw new InvalidMessageError('forbiddenCharacter');
  if (text.trim().length === 0) throw new InvalidMessageError('empty');
  // Most texts are short: a UTF-16 length within the limit means the code point count is too.
  if (text.length > MAX_MESSAGE_LENGTH) {
    let codePoints = 0;
    for (const _ of text) codePoints++;
    if (codePoints > MAX_MESSAGE_LENGTH) {
      throw new InvalidMessageError('tooLong', { length: codePoints, limit: MAX_MESSAGE_LENGTH });
    }
  }
  return text;
}
