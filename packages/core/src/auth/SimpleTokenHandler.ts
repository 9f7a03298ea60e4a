import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { inspectSymbol } from '../internal/Deferred.js';
import { BaseTokenHandler } from './BaseTokenHandler.js';
import { SecretToken, type IrcCredentials } from './IrcCredentials.js';

/** A Twitch login (twitch-protocol.md §4.8), as `normalizeChannelName` accepts them after lower-casing. */
const TWITCH_LOGIN = /^[a-z0-9_]{1,25}$/;

/**
 * One account known to a {@link SimpleTokenHandler}.
 */
export interface SimpleTokenAccount {
  /** The account's login (any case; stored lower-cased). */
  readonly login: string;
  /** The user access token, with or without `oauth:`, or already wrapped. */
  readonly token: string | SecretToken;
  /** The account's numeric user id, if known (lets tio recognise the bot's own messages by id). */
  readonly userId?: string;
}

/**
 * Options of {@link SimpleTokenHandler}: either one account (`{ login, token, userId? }`) or several
 * (`{ accounts: [...], defaultLogin? }`).
 */
export type SimpleTokenHandlerOptions =
  | (SimpleTokenAccount & {
      /** Called once after Twitch rejected this account's token; return a new token, or `null` to give up. */
      readonly refreshToken?: (login: string) => Promise<string | SecretToken | null>;
    })
  | {
      /** Every account; the first one is the default unless `defaultLogin` says otherwise. */
      readonly accounts: readonly SimpleTokenAccount[];
      /** The login `getIrcToken(null)` returns. @defaultValue the first account */
      readonly defaultLogin?: string;
      /** Called once after Twitch rejected an account's token; return a new token, or `null` to give up. */
      readonly refreshToken?: (login: string) => Promise<string | SecretToken | null>;
    };

interface Account {
  readonly login: string;
  token: SecretToken;
  readonly userId: string | undefined;
}

/**
 * A token handler for tokens you already have: one account, or several so one `Client` can run shards for several
 * bot accounts (`client.send(channel, text, { as: 'otherbot' })`).
 *
 * @example
 * ```ts
 * const one = new SimpleTokenHandler({ login: 'mybot', token: process.env.TWITCH_TOKEN! });
 * const many = new SimpleTokenHandler({
 *   accounts: [{ login: 'mybot', token: tokenA }, { login: 'helperbot', token: tokenB }],
 * });
 * ```
 */
export class SimpleTokenHandler extends BaseTokenHandler {
  readonly #accounts = new Map<string, Account>();
  readonly #defaultLogin: string;
  readonly #refresh: ((login: string) => Promise<string | SecretToken | null>) | undefined;

  /**
   * Creates the handler.
   *
   * @param options - One account, or several.
   * @throws {@link InvalidOptionError} when no account, an empty login or token, a login that is not a Twitch login, a
   *   token with whitespace, or an unknown `defaultLogin` is given.
   */
  constructor(options: SimpleTokenHandlerOptions) {
    super();
    const accounts = 'accounts' in options ? options.accounts : [options];
    if (accounts.length === 0) {
      throw InvalidOptionError.badValue('SimpleTokenHandler', 'accounts', accounts, 'a non-empty array of accounts');
    }
    for (const account of accounts) {
      if (typeof account.login !== 'string' || account.login.length === 0) {
        throw InvalidOptionError.badValue('SimpleTokenHandler', 'login', account.login, 'a non-empty login');
      }
      const token = account.token instanceof SecretToken ? account.token : typeof account.token === 'string' ? new SecretToken(account.token) : undefined;
      if (token === undefined || token.reveal().length === 0) {
        throw InvalidOptionError.badValue('SimpleTokenHandler', 'token', undefined, 'a non-empty token string or SecretToken');
      }
      const login = account.login.toLowerCase().replace(/^#/, '');
      // The login goes on the wire as NICK, after the PASS has already carried the token: one that is not a Twitch
      // login (1–25 of a-z, 0-9, _; twitch-protocol.md §4.8) would only fail there, reported as if Twitch had
      // rejected the credentials, and a CR or LF in it would reach error messages and logs.
      if (!TWITCH_LOGIN.test(login)) {
        throw InvalidOptionError.badValue('SimpleTokenHandler', 'login', account.login, 'a Twitch login: 1 to 25 characters of a-z, 0-9 and _');
      }
      // Whitespace, CR, LF or NUL can never be part of an OAuth token; sent as PASS they would break the line.
      if (/[\s\0]/.test(token.reveal())) {
        throw InvalidOptionError.badValue('SimpleTokenHandler', 'token', undefined, 'a token without whitespace, line breaks or NUL');
      }
      this.#accounts.set(login, { login, token, userId: account.userId });
    }
    const defaultLogin = ('accounts' in options ? options.defaultLogin : undefined)?.toLowerCase() ?? [...this.#accounts.keys()][0];
    if (defaultLogin === undefined || !this.#accounts.has(defaultLogin)) {
      throw InvalidOptionError.badValue('SimpleTokenHandler', 'defaultLogin', defaultLogin, `one of the accounts' logins (${[...this.#accounts.keys()].join(', ')})`);
    }
    this.#defaultLogin = defaultLogin;
    this.#refresh = options.refreshToken;
  }

  /** The logins this handler has tokens for. */
  get logins(): readonly string[] {
    return [...this.#accounts.keys()];
  }

  /**
   * {@inheritDoc BaseTokenHandler.getIrcToken}
   *
   * @throws {@link InvalidOptionError} when `login` is not one of the accounts.
   */
  override getIrcToken(login: string | null): Promise<IrcCredentials> {
    try {
      return Promise.resolve(this.#credentials(this.#account(login)));
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  /** {@inheritDoc BaseTokenHandler.refreshIrcToken} */
  override async refreshIrcToken(rejected: IrcCredentials): Promise<IrcCredentials | null> {
    if (this.#refresh === undefined) return null;
    const account = this.#accounts.get(rejected.login.toLowerCase());
    if (account === undefined) return null;
    const fresh = await this.#refresh(account.login);
    if (fresh === null) return null;
    account.token = fresh instanceof SecretToken ? fresh : new SecretToken(fresh);
    return this.#credentials(account);
  }

  /** Shows the logins, never the tokens. */
  override [inspectSymbol](): string {
    return `SimpleTokenHandler { logins: [${this.logins.map((login) => `'${login}'`).join(', ')}], defaultLogin: '${this.#defaultLogin}' }`;
  }

  #account(login: string | null): Account {
    const key = login === null ? this.#defaultLogin : login.toLowerCase();
    const account = this.#accounts.get(key);
    if (account === undefined) {
      throw InvalidOptionError.badValue('SimpleTokenHandler', 'login', login, `one of the configured logins (${this.logins.join(', ')})`);
    }
    return account;
  }

  #credentials(account: Account): IrcCredentials {
    return account.userId === undefined
      ? { login: account.login, anonymous: false, token: account.token }
      : { login: account.login, userId: account.userId, anonymous: false, token: account.token };
  }
}
