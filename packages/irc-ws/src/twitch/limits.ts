/**
 * The longest chat message Twitch accepts: 500 characters (protocol reference §4.2, "Message length"; twitch4j
 * refuses more, and the server trims to 500). The unit is unverified (code points or UTF-16 units); tio counts
 * Unicode code points, so an emoji counts as one character, and treats more than 500 as an error.
 */
export const MAX_MESSAGE_LENGTH = 500;

/**
 * The longest IRC line Twitch reads, including the CRLF: 4096 characters. It "chops the rest off" (protocol reference
 * §1.2, library evidence from dank-twitch-irc, not documented by Twitch). Bulk JOIN/PART commands are split to fit.
 */
export const MAX_LINE_LENGTH = 4096;
