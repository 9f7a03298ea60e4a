const REDACTED = 'oauth:[redacted]';
const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

/**
 * A chat access token that cannot leak by accident.
 *
 * Converting it to a string, to JSON or through `util.inspect()` (and so `console.log`) prints
 * `oauth:[redacted]`. Only {@link SecretToken.reveal} returns the real value, and only the transport calls it, to
 * write the `PASS` line.
 */
export class SecretToken {
  readonly #value: string;

  /**
   * Wraps a token.
   *
   * @param value - The token, with or without the `oauth:` prefix.
   */
  constructor(value: string) {
    this.#value = value.startsWith('oauth:') ? value.slice('oauth:'.length) : value;
  }

  /**
   * Returns the token without the `oauth:` prefix. Call it only to put the token on the wire.
   *
   * @returns The raw token.
   */
  reveal(): string {
    return this.#value;
  }

  /**
   * Tells whether this token has the same value as another one, without revealing either.
   *
   * @param other - Another token.
   * @returns `true` when both wrap the same value.
   */
  equals(other: SecretToken): boolean {
    return this.#value === other.#value;
  }

  /** @returns `oauth:[redacted]`. */
  toString(): string {
    return REDACTED;
  }

  /** @returns `oauth:[redacted]`. */
  toJSON(): string {
    return REDACTED;
  }

  /** @returns `oauth:[redacted]`, for `util.inspect()` and `console.log`. */
  [inspectSymbol](): string {
    return `SecretToken <${REDACTED}>`;
  }
}

/**
 * Who a shard logs in as, as returned by {@link BaseTokenHandler.getIrcToken}.
 */
export interface IrcCredentials {
  /** The lower-case login name sent with `NICK`. For an anonymous reader, `justinfan` followed by digits. */
  readonly login: string;
  /** The account's numeric user id, when known (used to recognise the bot's own messages on other shards). */
  readonly userId?: string;
  /** `true` for an anonymous, read-only login (`justinfan…`): it cannot send, and has no token. */
  readonly anonymous: boolean;
  /** The access token; `null` for anonymous logins. */
  readonly token: SecretToken | null;
}
