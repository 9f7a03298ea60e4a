import { TioError } from '@tio/core';

/**
 * Thrown when a channel or login name is not a Twitch login: 1 to 25 characters of `[a-z0-9_]` (protocol reference
 * §4.8). Builders refuse upper case instead of lower-casing silently, because an upper-case JOIN enters a different,
 * empty room (§3.10); use `normalizeChannelName()` where user input enters the program.
 *
 * @example
 * ```ts
 * if (InvalidLoginError.isInstance(error)) console.warn(`bad ${error.role}: ${error.value}`);
 * ```
 */
export class InvalidLoginError extends TioError {
  /** The refused value, as given. */
  readonly value: string;
  /** Whether the value was used as a channel or as a login. */
  readonly role: 'channel' | 'login';

  /**
   * Creates the error.
   *
   * @param role - Whether the value was used as a channel or as a login.
   * @param value - The refused value.
   */
  constructor(role: 'channel' | 'login', value: string) {
    const shown = value.length > 40 ? `${JSON.stringify(value.slice(0, 40))}… (${value.length} characters)` : JSON.stringify(value);
    super(
      'INVALID_LOGIN',
      `${role} ${shown} is not a Twitch login: logins are 1 to 25 characters of a-z, 0-9 and _, in lower case` +
        `${role === 'channel' ? ', with at most one leading #' : ''}. Pass user input through normalizeChannelName() first.`,
    );
    this.value = value;
    this.role = role;
  }
}
