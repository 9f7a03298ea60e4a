import { InvalidMessageError } from '../errors/InvalidMessageError.js';

/**
 * The longest chat message Twitch accepts: 500 characters (`twitch-protocol.md` §4.2). The unit is unverified, so
 * tio counts Unicode code points, the more permissive reading that still never splits a character.
 */
export const MAX_MESSAGE_LENGTH = 500;

/** CR, LF and NUL end or corrupt an IRC line (`twitch-protocol.md` §5, design note S2). */
const FORBIDDEN = /[\r\n\0]/;

/**
 * Options of {@link validateMessageText}.
 */
export interface ValidateMessageTextOptions {
  /**
   * Whether the text will be sent as a `/me` action (inside `\x01ACTION …\x01`), where Twitch never reads it as a
   * chat command, so the chat-command rule does not apply.
   *
   * @defaultValue `false`
   */
  readonly action?: boolean;
}

/**
 * @returns The command word when `text` (after leading spaces or tabs) starts with `/` or `.` followed by a letter,
 *   except `/me ` followed by text at the very start; `undefined` otherwise. `twitch-protocol.md` §0 item 1 and §5
 *   item 16: only `/me` still works over IRC, every other `/command` fails, and moderation must use the Helix API.
 *   Text such as `...`, `/ hi` or `.5 seconds` is plain text.
 */
function leadingChatCommand(text: string): string | undefined {
  let start = 0;
  while (start < text.length && (text.charCodeAt(start) === 0x20 || text.charCodeAt(start) === 0x09)) start++;
  const first = text.charCodeAt(start);
  if (first !== 0x2f /* / */ && first !== 0x2e /* . */) return undefined;
  const letter = text.charCodeAt(start + 1) | 0x20;
  if (letter < 0x61 || letter > 0x7a) return undefined;
  let end = start + 1;
  while (end < text.length && text.charCodeAt(end) !== 0x20) end++;
  const command = text.slice(start, end);
  // Only "/me " followed by text is the action command; a bare "/me" is an empty command.
  if (command === '/me' && start === 0 && end < text.length) return undefined;
  return command;
}

/**
 * Checks that `text` can be sent as one chat message: a non-blank string of at most 500 code points without CR, LF
 * or NUL, that does not start with a chat command other than `/me ` (`/` or `.` followed by a letter, after any
 * leading spaces, such as `/ban` or `.timeout`: Twitch IRC runs no chat commands except `/me`, and moderation goes
 * through the Helix API; `twitch-protocol.md` §0, §5 item 16). This is the one rule for message text: `Client.send`
 * applies it before anything is queued, and `@tio/irc-ws`'s `buildPrivmsg` applies it again on the wire.
 *
 * @param text - The message text.
 * @param options - Whether the text is sent as a `/me` action (no chat-command rule then).
 * @returns The text, unchanged.
 * @throws {@link InvalidMessageError} describing the first problem found.
 *
 * @example
 * ```ts
 * validateMessageText('hello'); // 'hello'
 * validateMessageText('/me waves'); // '/me waves'
 * validateMessageText('a\nb');  // throws InvalidMessageError (forbiddenCharacter)
 * validateMessageText('/ban someone'); // throws InvalidMessageError (chatCommand)
 * ```
 */
export function validateMessageText(text: string, options?: ValidateMessageTextOptions): string {
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
  if (options?.action !== true) {
    const command = leadingChatCommand(text);
    if (command !== undefined) throw new InvalidMessageError('chatCommand', { command });
  }
  return text;
}
