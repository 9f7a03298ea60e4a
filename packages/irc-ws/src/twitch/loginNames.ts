import { InvalidChannelError, normalizeChannelName as normalizeChannelNameOfCore } from '@tio/core';
import { InvalidLoginError } from '../protocol/errors/InvalidLoginError.js';

/** The longest Twitch login: 25 characters (protocol reference §4.8). */
const MAX_LOGIN_LENGTH = 25;

/**
 * Tells whether `value` is a valid Twitch login: 1 to 25 characters of `[a-z0-9_]` (protocol reference §4.8). Logins
 * of 1 to 3 characters are valid: very old accounts have them, and the 4-character minimum applies only to new names.
 *
 * @param value - The candidate login, without `#`.
 * @returns `true` when it is a login.
 * @example
 * ```ts
 * isValidLogin('ronni'); // true
 * isValidLogin('Ronni'); // false: upper case
 * ```
 */
export function isValidLogin(value: string): boolean {
  const length = value.length;
  if (length < 1 || length > MAX_LOGIN_LENGTH) return false;
  for (let index = 0; index < length; index++) {
    const code = value.charCodeAt(index);
    if (!((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x5f)) return false;
  }
  return true;
}

/**
 * Checks a channel name as a builder receives it: one optional leading `#`, then a lower-case login.
 *
 * @internal
 * @returns The login without `#`.
 */
export function assertChannel(channel: string): string {
  const login = channel.charCodeAt(0) === 0x23 /* # */ ? channel.slice(1) : channel;
  if (!isValidLogin(login)) throw new InvalidLoginError('channel', channel);
  return login;
}

/**
 * Turns user input into a channel login: strips one leading `#`, lower-cases, then validates. Use it where names enter
 * your program (configuration, commands); the builders themselves refuse upper case, because an upper-case JOIN
 * enters a different, empty room (protocol reference §3.10). The rule is `@tio/core`'s `normalizeChannelName` (core
 * owns validation); this wrapper only reports a bad name with this package's {@link InvalidLoginError}.
 *
 * @param channel - A channel name such as `#Ronni` or `ronni`.
 * @returns The login, such as `ronni`.
 * @throws {@link InvalidLoginError} When the result is not 1 to 25 characters of `[a-z0-9_]`.
 * @example
 * ```ts
 * normalizeChannelName('#Ronni'); // 'ronni'
 * ```
 */
export function normalizeChannelName(channel: string): string {
  try {
    return normalizeChannelNameOfCore(channel);
  } catch (error) {
    if (InvalidChannelError.isInstance(error)) throw new InvalidLoginError('channel', channel);
    throw error;
  }
}
