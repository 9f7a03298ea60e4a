import { inspectSymbol } from '../internal/Deferred.js';
import type { IrcCredentials } from './IrcCredentials.js';

/**
 * Where a `Client` gets the chat credentials of its shards. Subclass it to load tokens from your own store.
 *
 * One handler can serve several bot accounts: `getIrcToken(null)` is the default bot, `getIrcToken('otherbot')` is
 * that account (design note G5: this is the public way to resolve a login; shard managers call
 * `this.resolveLogin()`, which calls `getIrcToken(null)`).
 *
 * Tokens must be wrapped in `SecretToken` so they never show up in logs, errors, events or `inspect()` output.
 *
 * @example
 * ```ts
 * class VaultTokenHandler extends BaseTokenHandler {
 *   async getIrcToken(login: string | null): Promise<IrcCredentials> {
 *     const entry = await vault.read(login ?? 'mybot');
 *     return { login: entry.login, userId: entry.userId, anonymous: false, token: new SecretToken(entry.token) };
 *   }
 * }
 * ```
 */
export abstract class BaseTokenHandler {
  /**
   * Returns the credentials to log in with.
   *
   * @param login - `null` for the default bot account, or the login of another account this handler knows.
   * @returns The credentials; called before every login, so returning a new token takes effect on the next one.
   * @throws Whatever the handler throws for an unknown login (the built-in handlers throw `InvalidOptionError`).
   */
  abstract getIrcToken(login: string | null): Promise<IrcCredentials>;

  /**
   * Called once when Twitch rejected `rejected`, before the shard gives up with an `AuthenticationError`. Return
   * fresh credentials to try once more, or `null` when no refresh is possible (the default).
   *
   * @param rejected - The credentials Twitch refused.
   * @returns Fresh credentials, or `null`.
   */
  refreshIrcToken(rejected: IrcCredentials): Promise<IrcCredentials | null> {
    void rejected;
    return Promise.resolve(null);
  }

  /** Shows the class name only, never a token. */
  [inspectSymbol](): string {
    return `${this.constructor.name} {}`;
  }
}
