import { TioError } from './TioError.js';

/**
 * Options of {@link AuthenticationError}.
 */
export interface AuthenticationErrorOptions {
  /** The login whose credentials were rejected (never the token). */
  readonly login: string;
  /** The shard that tried to log in, when known. */
  readonly shardId?: string;
  /** What the server said, for example `Login authentication failed`. Must not contain the token. */
  readonly detail?: string;
  /** The underlying error, if any. */
  readonly cause?: unknown;
}

/**
 * Twitch rejected a shard's credentials, and the token handler could not provide working ones with its single
 * refresh. The shard is `failed`; tio does not retry, because retrying a bad token only burns the account's
 * authentication budget (20 attempts per 10 s, `twitch-protocol.md` §4.4).
 *
 * @example
 * ```ts
 * try { await client.start(); } catch (error) {
 *   if (AuthenticationError.isInstance(error)) console.error(`token for ${error.login} was rejected`);
 * }
 * ```
 */
export class AuthenticationError extends TioError {
  /** The login whose credentials were rejected. */
  readonly login: string;
  /** The shard that tried to log in, when known. */
  readonly shardId: string | undefined;

  /**
   * Creates the error.
   *
   * @param options - The login, shard and server text.
   */
  constructor(options: AuthenticationErrorOptions) {
    // JSON-quoted: a login or shard id with a CR, LF or NUL must not forge a second log line (same for both as
    // InvalidChannelError); an ordinary login prints exactly as before, `"bot"`.
    const where = options.shardId === undefined ? '' : ` on shard ${JSON.stringify(options.shardId)}`;
    const detail = options.detail === undefined ? '' : ` (server said: ${options.detail})`;
    super(
      'AUTHENTICATION_FAILED',
      `Twitch rejected the credentials of ${JSON.stringify(options.login)}${where}${detail}, also after one token refresh. ` +
        'Check that the token is a valid user access token for that login with the chat:read (and chat:edit to ' +
        "send) scopes, or make the token handler's refreshIrcToken() return a fresh one.",
      { cause: options.cause },
    );
    this.login = options.login;
    this.shardId = options.shardId;
  }
}
