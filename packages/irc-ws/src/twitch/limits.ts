// The longest chat message Twitch accepts (500 code points, protocol reference §4.2) is `@tio/core`'s constant, which
// owns message validation; this package re-exports it.
export { MAX_MESSAGE_LENGTH } from '@tio/core';

/**
 * The longest IRC line Twitch reads, including the CRLF: 4096 characters. It "chops the rest off" (protocol reference
 * §1.2, library evidence from dank-twitch-irc, not documented by Twitch). Bulk JOIN/PART commands are split to fit.
 */
export const MAX_LINE_LENGTH = 4096;
