import { BaseTokenHandler } from './BaseTokenHandler.js';
import type { IrcCredentials } from './IrcCredentials.js';

/**
 * Creates anonymous, read-only credentials: `justinfan` followed by digits, no token (`twitch-protocol.md` §1.4;
 * tmi.js uses 1000–80999, twurple five random digits; tio uses five digits).
 *
 * @param random - A source of numbers in `[0, 1)`. @defaultValue `Math.random`
 * @returns Anonymous credentials.
 *
 * @example
 * ```ts
 * createAnonymousCredentials(); // { login: 'justinfan48213', anonymous: true, token: null }
 * ```
 */
export function createAnonymousCredentials(random: () => number = Math.random): IrcCredentials {
  const digits = 10_000 + Math.floor(random() * 90_000);
  return { login: `justinfan${digits}`, anonymous: true, token: null };
}

/**
 * A token handler for read-only bots: every shard logs in anonymously as `justinfan…` and can read chat in any
 * number of channels but never send.
 *
 * @example
 * ```ts
 * const client = new Client({ tokenHandler: new AnonymousTokenHandler(), transport: IrcWsTransport, initialChannels: ['somechannel'] });
 * ```
 */
export class AnonymousTokenHandler extends BaseTokenHandler {
  readonly #credentials: IrcCredentials;

  /**
   * Creates the handler with one random `justinfan` login, used by every shard.
   *
   * @param random - A source of numbers in `[0, 1)`. @defaultValue `Math.random`
   */
  constructor(random: () => number = Math.random) {
    super();
    this.#credentials = createAnonymousCredentials(random);
  }

  /**
   * {@inheritDoc BaseTokenHandler.getIrcToken}
   */
  override getIrcToken(login: string | null): Promise<IrcCredentials> {
    void login;
    return Promise.resolve(this.#credentials);
  }
}
