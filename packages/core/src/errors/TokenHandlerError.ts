import { TioError } from './TioError.js';

/** The token handler methods tio calls. */
export type TokenHandlerMethod = 'getIrcToken' | 'refreshIrcToken';

/**
 * The token handler threw (or rejected) instead of returning credentials: its `getIrcToken()` or
 * `refreshIrcToken()` failed, for example because the store it reads tokens from is unreachable. The handler's own
 * error is the `cause`. A shard that was logging in retries with backoff when `getIrcToken()` failed, and gives up on
 * a rejected token when `refreshIrcToken()` failed (the shard then fails with `AuthenticationError`).
 *
 * @example
 * ```ts
 * import { TokenHandlerError } from '@tio/core';
 *
 * client.on('error', (error) => {
 *   if (TokenHandlerError.isInstance(error)) console.error(`token store problem (${error.method}):`, error.cause);
 * });
 * ```
 */
export class TokenHandlerError extends TioError {
  /** Which method of the token handler failed. */
  readonly method: TokenHandlerMethod;
  /** The login whose credentials were asked for (`null`: the handler's default login). */
  readonly login: string | null;

  /**
   * Creates the error.
   *
   * @param method - Which method of the token handler failed.
   * @param login - The login whose credentials were asked for, or `null` for the default login.
   * @param cause - What the handler threw.
   */
  constructor(method: TokenHandlerMethod, login: string | null, cause: unknown) {
    // JSON-quoted, so a login with a CR or LF cannot forge a log line.
    const whose = login === null ? 'the default login' : JSON.stringify(login);
    // The handler's own message stays in `cause`: it may carry whatever the handler's store put there.
    super(
      'TOKEN_HANDLER_FAILED',
      `The token handler's ${method}() failed for ${whose} (see cause). ` +
        (method === 'getIrcToken'
          ? 'A shard that was connecting retries with backoff; fix the handler or the store it reads tokens from.'
          : 'The rejected token could not be replaced, so the shard gives up on it; fix the handler or the store it reads tokens from.'),
      { cause },
    );
    this.method = method;
    this.login = login;
  }
}

/**
 * Calls a token handler method, turning anything it throws that is not already a {@link TioError} into a
 * {@link TokenHandlerError} (an `AuthenticationError` the handler throws on purpose passes through).
 *
 * @internal
 * @param method - The method being called.
 * @param login - The login asked for.
 * @param call - Calls the method.
 * @returns What the method returned.
 * @throws {@link TokenHandlerError} wrapping what the handler threw.
 */
export async function callTokenHandler<T>(method: TokenHandlerMethod, login: string | null, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toTokenHandlerError(method, login, error);
  }
}

/**
 * What to report for an error a token handler threw: a {@link TioError} as it is, anything else wrapped.
 *
 * @internal
 * @param method - The method that threw.
 * @param login - The login asked for.
 * @param error - What it threw.
 * @returns The error to report.
 */
export function toTokenHandlerError(method: TokenHandlerMethod, login: string | null, error: unknown): Error {
  return TioError.isInstance(error) ? (error as TioError) : new TokenHandlerError(method, login, error);
}
