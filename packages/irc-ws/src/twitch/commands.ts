import { InvalidMessageError, validateMessageText } from '@tio/core';
import type { IrcInjectionError } from '../protocol/errors/IrcInjectionError.js';
import { ChatCommandError } from '../protocol/errors/ChatCommandError.js';
import { InvalidIrcMessageError } from '../protocol/errors/InvalidIrcMessageError.js';
import { InvalidLoginError } from '../protocol/errors/InvalidLoginError.js';
import { MessageTooLongError } from '../protocol/errors/MessageTooLongError.js';
import { assertNoLineBreak, serializeIrcMessage } from '../protocol/serializeIrcMessage.js';
import { MAX_LINE_LENGTH, MAX_MESSAGE_LENGTH } from './limits.js';
import { assertChannel, isValidLogin } from './loginNames.js';

/**
 * Options of {@link buildPrivmsg}.
 */
export interface PrivmsgOptions {
  /** Sends the message as a reply to this message id (the `reply-parent-msg-id` tag, protocol reference §3.2). */
  readonly replyParentMessageId?: string;
  /**
   * A `client-nonce` tag: Twitch echoes it on the delivered PRIVMSG (undocumented, §3.2), which lets other shards
   * recognise the bot's own message. Typically 32 hex characters.
   */
  readonly clientNonce?: string;
  /** Sends the text as a `/me` action (`\x01ACTION text\x01`). @defaultValue `false` */
  readonly action?: boolean;
}

/**
 * The wire layer's error for a text that core's {@link validateMessageText} refused: the rule is core's (one owner for
 * message text, shared with `Client.send`), the error types stay this package's.
 */
function wireTextError(error: unknown, text: string): unknown {
  if (!InvalidMessageError.isInstance(error)) return error;
  switch (error.problem) {
    case 'forbiddenCharacter':
      assertNoLineBreak('text', text); // throws the IrcInjectionError with the offending index
      return error;
    case 'tooLong':
      return new MessageTooLongError(error.length ?? MAX_MESSAGE_LENGTH + 1, MAX_MESSAGE_LENGTH);
    case 'chatCommand':
      return new ChatCommandError(error.command ?? '/');
    case 'notString':
      return new InvalidIrcMessageError('text', 'the message is not a string.');
    case 'empty':
      return new InvalidIrcMessageError('text', 'the message is empty or only whitespace.');
  }
}

function assertTagToken(field: string, value: string): void {
  assertNoLineBreak(field, value);
  if (value === '' || /\s/.test(value)) {
    throw new InvalidIrcMessageError(field, 'it must be a non-empty id without whitespace.');
  }
}

/**
 * Builds a chat message: `PRIVMSG #channel :text`, with optional reply and client-nonce tags.
 *
 * The text is sent as given, never altered, so anything Twitch would not simply say is refused:
 * - **Commands**: text starting with `/` or `.` followed by a letter (after any leading spaces), such as `/ban` or
 *   `.timeout`, throws {@link ChatCommandError}; only `/me ` is allowed, because it is the one command left over IRC
 *   (protocol reference §0). Text such as `...`, `/ hi` or `:)` is fine. Prefer `options.action` to `/me `.
 * - **Length**: more than {@link MAX_MESSAGE_LENGTH} (500) code points throws {@link MessageTooLongError}.
 * - **Line breaks**: CR, LF or NUL anywhere throws {@link IrcInjectionError}; split multi-line text yourself.
 *
 * @param channel - The channel's login, optionally with one leading `#`; lower case.
 * @param text - The message text: 1 to 500 code points, not only whitespace.
 * @param options - Reply, client nonce, action.
 * @returns One IRC line without the line ending.
 * @throws {@link InvalidLoginError} When the channel is not a lower-case login.
 * @throws {@link IrcInjectionError} When the text or a tag value contains CR, LF or NUL.
 * @throws {@link MessageTooLongError} When the text is longer than 500 code points.
 * @throws {@link ChatCommandError} When the text starts with a chat command other than `/me `.
 * @throws {@link InvalidIrcMessageError} When the text is empty or only whitespace, or a tag value is empty or has
 *   whitespace.
 * @example
 * ```ts
 * buildPrivmsg('ronni', 'hello!'); // 'PRIVMSG #ronni :hello!'
 * buildPrivmsg('#ronni', 'yes', { replyParentMessageId: '885196de-cb67-427a-baa8-82f9b0fcd05f' });
 * // '@reply-parent-msg-id=885196de-cb67-427a-baa8-82f9b0fcd05f PRIVMSG #ronni :yes'
 * ```
 */
export function buildPrivmsg(channel: string, text: string, options: PrivmsgOptions = {}): string {
  const login = assertChannel(channel);
  try {
    // Core's rule for message text: CR/LF/NUL, blank, over 500 code points, and chat commands other than `/me `
    // (inside `\x01ACTION …\x01` the text is never read as a command).
    validateMessageText(text, { action: options.action === true });
  } catch (error) {
    throw wireTextError(error, text);
  }
  const tags: Record<string, string> = {};
  if (options.replyParentMessageId !== undefined) {
    assertTagToken('replyParentMessageId', options.replyParentMessageId);
    tags['reply-parent-msg-id'] = options.replyParentMessageId;
  }
  if (options.clientNonce !== undefined) {
    assertTagToken('clientNonce', options.clientNonce);
    tags['client-nonce'] = options.clientNonce;
  }
  const body = options.action === true ? `\u0001ACTION ${text}\u0001` : text;
  // Always a trailing parameter, even for one word: the text is never mistaken for a middle parameter.
  return `${serializeIrcMessage({ tags, command: 'PRIVMSG', params: [`#${login}`] })} :${body}`;
}

function buildMembership(command: 'JOIN' | 'PART', channels: readonly string[]): string[] {
  const lines: string[] = [];
  // Room left for the channel list: the line limit minus "JOIN " and the CRLF (protocol reference §1.2).
  const budget = MAX_LINE_LENGTH - command.length - 1 - 2;
  let current = '';
  for (const channel of channels) {
    const name = `#${assertChannel(channel)}`;
    if (current === '') current = name;
    else if (current.length + 1 + name.length <= budget) current += `,${name}`;
    else {
      lines.push(`${command} ${current}`);
      current = name;
    }
  }
  if (current !== '') lines.push(`${command} ${current}`);
  return lines;
}

/**
 * Builds JOIN commands for many channels: `JOIN #a,#b,…`, split into as few lines as fit in Twitch's 4096-character
 * line limit ({@link MAX_LINE_LENGTH}, CRLF included). Channels are kept in order and not de-duplicated. Note that
 * each channel still counts against the JOIN rate limit (protocol reference §4.4).
 *
 * @param channels - Channel logins, each optionally with one leading `#`; lower case.
 * @returns The lines (none for an empty list), without line endings.
 * @throws {@link InvalidLoginError} When a channel is not a lower-case login.
 * @example
 * ```ts
 * buildJoin(['ronni', '#dallas']); // ['JOIN #ronni,#dallas']
 * ```
 */
export function buildJoin(channels: readonly string[]): string[] {
  return buildMembership('JOIN', channels);
}

/**
 * Builds PART commands for many channels, split like {@link buildJoin}.
 *
 * @param channels - Channel logins, each optionally with one leading `#`; lower case.
 * @returns The lines (none for an empty list), without line endings.
 * @throws {@link InvalidLoginError} When a channel is not a lower-case login.
 * @example
 * ```ts
 * buildPart(['ronni']); // ['PART #ronni']
 * ```
 */
export function buildPart(channels: readonly string[]): string[] {
  return buildMembership('PART', channels);
}

/**
 * Builds the `PASS` command of the login: `PASS oauth:<token>`. Send it before {@link buildNick}'s line (protocol
 * reference §1.3). The `oauth:` prefix is added when missing.
 *
 * @param token - A user access token with `chat:read` (and `chat:edit` to send), with or without `oauth:`.
 * @returns One IRC line.
 * @throws {@link IrcInjectionError} When the token contains CR, LF or NUL.
 * @throws {@link InvalidIrcMessageError} When the token is empty or contains whitespace.
 * @example
 * ```ts
 * buildPass('abc123'); // 'PASS oauth:abc123'
 * ```
 */
export function buildPass(token: string): string {
  assertNoLineBreak('token', token);
  const value = token.startsWith('oauth:') ? token : `oauth:${token}`;
  if (value === 'oauth:' || /\s/.test(value)) {
    throw new InvalidIrcMessageError('token', 'the token is empty or contains whitespace; pass the access token itself.');
  }
  return `PASS ${value}`;
}

/**
 * Builds the `NICK` command of the login. The nick is the token owner's login, or `justinfan<digits>` for an
 * anonymous, read-only connection (protocol reference §1.4).
 *
 * @param login - The lower-case login.
 * @returns One IRC line.
 * @throws {@link InvalidLoginError} When `login` is not a lower-case Twitch login.
 * @example
 * ```ts
 * buildNick('mybot'); // 'NICK mybot'
 * ```
 */
export function buildNick(login: string): string {
  if (!isValidLogin(login)) throw new InvalidLoginError('login', login);
  return `NICK ${login}`;
}

/** The capabilities tio requests by default: all three Twitch capabilities (protocol reference §1.3). */
export const DEFAULT_CAPABILITIES: readonly string[] = Object.freeze([
  'twitch.tv/tags',
  'twitch.tv/commands',
  'twitch.tv/membership',
]);

/**
 * Builds a capability request: `CAP REQ :twitch.tv/tags twitch.tv/commands …`. Twitch answers `CAP * ACK` or
 * `CAP * NAK`. Requesting tags needs commands as well (protocol reference §1.3).
 *
 * @param capabilities - The capabilities to request.
 * @returns One IRC line.
 * @throws {@link IrcInjectionError} When a capability contains CR, LF or NUL.
 * @throws {@link InvalidIrcMessageError} When the list is empty or a capability is empty or has whitespace.
 * @example
 * ```ts
 * buildCapRequest(); // 'CAP REQ :twitch.tv/tags twitch.tv/commands twitch.tv/membership'
 * ```
 */
export function buildCapRequest(capabilities: readonly string[] = DEFAULT_CAPABILITIES): string {
  if (capabilities.length === 0) throw new InvalidIrcMessageError('capabilities', 'request at least one capability.');
  capabilities.forEach((capability, index) => assertTagToken(`capabilities[${index}]`, capability));
  return `CAP REQ :${capabilities.join(' ')}`;
}

/**
 * Builds the answer to a server PING: `PONG :<argument>`. The PONG must echo the PING's text (protocol reference §2).
 *
 * @param argument - The PING's argument, `tmi.twitch.tv` for Twitch's keepalive.
 * @returns One IRC line.
 * @throws {@link IrcInjectionError} When the argument contains CR, LF or NUL.
 * @example
 * ```ts
 * buildPong(); // 'PONG :tmi.twitch.tv'
 * ```
 */
export function buildPong(argument = 'tmi.twitch.tv'): string {
  assertNoLineBreak('argument', argument);
  return `PONG :${argument}`;
}

/**
 * Builds a client PING, the fast way to detect a dead connection: Twitch answers `PONG tmi.twitch.tv :<argument>`
 * (protocol reference §2).
 *
 * @param argument - Text to get back in the PONG, such as a timestamp; none for a bare `PING`.
 * @returns One IRC line.
 * @throws {@link IrcInjectionError} When the argument contains CR, LF or NUL.
 * @example
 * ```ts
 * buildPing('1700000000000'); // 'PING :1700000000000'
 * ```
 */
export function buildPing(argument?: string): string {
  if (argument === undefined) return 'PING';
  assertNoLineBreak('argument', argument);
  return `PING :${argument}`;
}
