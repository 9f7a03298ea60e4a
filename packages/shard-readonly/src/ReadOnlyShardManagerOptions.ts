import { InvalidOptionError, normalizeChannelName } from '@tio/core';

/**
 * Options of {@link ReadOnlyShardManager}, passed to the `Client` next to `shardManager`. Every field is optional;
 * {@link DefaultReadOnlyShardManagerOptions} holds the defaults. The `Client` constructor throws `InvalidOptionError`
 * naming the option for a bad value.
 *
 * @example
 * ```ts
 * new Client({
 *   tokenHandler, transport: IrcWsTransport, shardManager: ReadOnlyShardManager,
 *   channelsPerShard: 100, maxShardCount: 50, joinAs: { mybot: ['mybot'] },
 * });
 * ```
 */
export interface ReadOnlyShardManagerOptions {
  /**
   * The most channels one anonymous reader shard holds. A join that finds every reader at this count opens a new
   * reader (up to `maxShardCount`). Twitch documents no per-connection channel limit; 50–100 channels per connection
   * is common (`twitch-protocol.md` §6). Lower spreads chat traffic over more connections; every connection costs one
   * login, paced by the anonymous limiter.
   *
   * @defaultValue `100`
   */
  readonly channelsPerShard?: number;
  /**
   * The most anonymous reader shards. Together with `channelsPerShard` it caps the channels read at
   * `channelsPerShard × maxShardCount`; past that, joins fail with `ShardCapacityError`. Sender shards do not count.
   *
   * @defaultValue `50` (5,000 channels at the default `channelsPerShard`)
   */
  readonly maxShardCount?: number;
  /**
   * How many reader shards to spread the initial channels over at start. More are opened when the initial channels
   * need them (`ceil(channels / channelsPerShard)`), fewer when there are fewer initial channels, so no reader starts
   * empty (with no initial channels, one reader starts). At most `maxShardCount`.
   *
   * @defaultValue `1`
   */
  readonly initialShardCount?: number;
  /**
   * The logins that get an authenticated **sender** shard at start. Sender shards join no channel (except those in
   * `joinAs`): Twitch accepts a PRIVMSG to a channel the connection has not joined (`twitch-protocol.md` §3.2), so
   * they never take a place under the account's 100-room cap. Logins named in `joinAs`, and a login first used with
   * `send(…, { as })` that the token handler knows, get a sender shard too.
   *
   * @defaultValue the token handler's default login; none when it is anonymous (then the client only reads)
   */
  readonly senders?: readonly string[];
  /**
   * Channels an authenticated shard joins instead of an anonymous reader, by login: `{ mybot: ['mybot', 'modroom'] }`.
   * Only there does the login receive its `USERSTATE` on join, so it knows **before its first message** whether it is
   * broadcaster, moderator or VIP (the larger 100-per-30-s bucket, no 1-per-second spacing); elsewhere it learns it
   * from the `USERSTATE` that answers its first message, and until then it is paced as a regular user. The trade-off:
   * each such channel where the login is not broadcaster or moderator takes one of the account's 100 rooms
   * (`twitch-protocol.md` §4.3), and the join spends the account's JOIN budget (20 per 10 s, §4.4). When the bot's
   * moderator channels are known in advance, the `Client`'s `moderatedChannels` option gives the same budget without
   * joining anything.
   *
   * @defaultValue `{}` (every channel is read anonymously)
   */
  readonly joinAs?: Readonly<Record<string, readonly string[]>>;
}

/**
 * The defaults of {@link ReadOnlyShardManagerOptions}, in one place.
 */
export const DefaultReadOnlyShardManagerOptions = {
  channelsPerShard: 100,
  maxShardCount: 50,
  initialShardCount: 1,
} as const satisfies Required<Pick<ReadOnlyShardManagerOptions, 'channelsPerShard' | 'maxShardCount' | 'initialShardCount'>>;

/**
 * {@link ReadOnlyShardManagerOptions} with every default filled in and every name normalised.
 */
export interface ResolvedReadOnlyShardManagerOptions {
  /** {@inheritDoc ReadOnlyShardManagerOptions.channelsPerShard} */
  readonly channelsPerShard: number;
  /** {@inheritDoc ReadOnlyShardManagerOptions.maxShardCount} */
  readonly maxShardCount: number;
  /** {@inheritDoc ReadOnlyShardManagerOptions.initialShardCount} */
  readonly initialShardCount: number;
  /** The configured sender logins, lower-cased, de-duplicated; `undefined` means "the default login". */
  readonly senders: readonly string[] | undefined;
  /** Channel → login for every channel in `joinAs` (a channel listed under two logins is an error). */
  readonly joinAs: ReadonlyMap<string, string>;
}

const OWNER = 'ReadOnlyShardManager';
const COUNT_KEYS = ['channelsPerShard', 'maxShardCount', 'initialShardCount'] as const;

/**
 * Checks option values and fills in the defaults.
 *
 * @param options - The options as passed to the `Client` (unknown keys were rejected already).
 * @returns The options with every default filled in.
 * @throws `InvalidOptionError` naming the option, the value seen and what it must be.
 * @internal
 */
export function resolveReadOnlyShardManagerOptions(options: Readonly<Record<string, unknown>>): ResolvedReadOnlyShardManagerOptions {
  const counts: Record<string, number> = {};
  for (const key of COUNT_KEYS) {
    const value = options[key] ?? DefaultReadOnlyShardManagerOptions[key];
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
      throw InvalidOptionError.badValue(OWNER, key, value, 'an integer >= 1');
    }
    counts[key] = value;
  }
  const channelsPerShard = counts['channelsPerShard'] as number;
  const maxShardCount = counts['maxShardCount'] as number;
  const initialShardCount = counts['initialShardCount'] as number;
  if (initialShardCount > maxShardCount) {
    throw InvalidOptionError.badValue(
      OWNER,
      'initialShardCount',
      initialShardCount,
      `at most maxShardCount (${maxShardCount}); lower initialShardCount or raise maxShardCount`,
    );
  }

  let senders: string[] | undefined;
  const rawSenders = options['senders'];
  if (rawSenders !== undefined) {
    if (!Array.isArray(rawSenders) || rawSenders.some((login) => !isLogin(login))) {
      throw InvalidOptionError.badValue(OWNER, 'senders', rawSenders, 'an array of logins (1–25 characters of a-z, 0-9, _)');
    }
    senders = [...new Set((rawSenders as string[]).map((login) => login.toLowerCase()))];
  }

  const joinAs = new Map<string, string>();
  const rawJoinAs = options['joinAs'];
  if (rawJoinAs !== undefined) {
    if (typeof rawJoinAs !== 'object' || rawJoinAs === null || Array.isArray(rawJoinAs)) {
      throw InvalidOptionError.badValue(OWNER, 'joinAs', rawJoinAs, "an object of login → channels, such as { mybot: ['mybot'] }");
    }
    for (const [rawLogin, channels] of Object.entries(rawJoinAs as Record<string, unknown>)) {
      if (!isLogin(rawLogin)) {
        throw InvalidOptionError.badValue(OWNER, 'joinAs', rawLogin, 'logins (1–25 characters of a-z, 0-9, _) as keys');
      }
      if (!Array.isArray(channels)) {
        throw InvalidOptionError.badValue(OWNER, `joinAs.${rawLogin}`, channels, 'an array of channel names');
      }
      const login = rawLogin.toLowerCase();
      for (const channel of channels as unknown[]) {
        let name: string;
        try {
          name = normalizeChannelName(String(channel));
        } catch {
          throw InvalidOptionError.badValue(OWNER, `joinAs.${rawLogin}`, channel, 'valid channel names');
        }
        const other = joinAs.get(name);
        if (other !== undefined && other !== login) {
          throw InvalidOptionError.badValue(
            OWNER,
            `joinAs.${rawLogin}`,
            name,
            `a channel no other login joins (#${name} is already listed under ${other}; one channel lives on one shard)`,
          );
        }
        joinAs.set(name, login);
      }
    }
  }
  return { channelsPerShard, maxShardCount, initialShardCount, senders, joinAs };
}

/** Twitch logins: 1–25 characters of `[A-Za-z0-9_]` (`twitch-protocol.md` §4.8). */
function isLogin(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_]{1,25}$/.test(value);
}
