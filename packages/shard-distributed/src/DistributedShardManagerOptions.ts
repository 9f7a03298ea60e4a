import { InvalidOptionError } from '@tio/core';

/**
 * Options of {@link DistributedShardManager}, passed to the `Client` next to `shardManager`. Every field is optional;
 * {@link DefaultDistributedShardManagerOptions} holds the defaults. Each must be an integer ≥ 1, and
 * `initialShardCount` may not exceed `maxShardCount`; the `Client` constructor throws `InvalidOptionError` otherwise.
 *
 * @example
 * ```ts
 * new Client({ tokenHandler, transport: IrcWsTransport, shardManager: DistributedShardManager, channelsPerShard: 10 });
 * ```
 */
export interface DistributedShardManagerOptions {
  /**
   * The most channels one shard holds. A join that finds every shard at this count opens a new shard (up to
   * `maxShardCount`). Lower spreads chat traffic over more connections; higher uses fewer connections (each costs an
   * authentication attempt: 20 per 10 s for a regular account, `twitch-protocol.md` §4.4).
   *
   * @defaultValue `25`
   */
  readonly channelsPerShard?: number;
  /**
   * The most shards (connections) the manager opens. Together with `channelsPerShard` it caps the channel count at
   * `channelsPerShard × maxShardCount`; past that, joins fail with `ShardCapacityError`. Too low a value makes joins
   * fail; raising it costs nothing until the shards are needed.
   *
   * @defaultValue `5`
   */
  readonly maxShardCount?: number;
  /**
   * How many shards to spread the initial channels over at start. More shards are opened when the initial channels
   * need them (`ceil(channels / channelsPerShard)`), and fewer when there are fewer initial channels than this, so no
   * shard starts empty (with no initial channels, one shard starts). At most `maxShardCount`.
   *
   * @defaultValue `1`
   */
  readonly initialShardCount?: number;
}

/**
 * The defaults of {@link DistributedShardManagerOptions}, in one place (the numbers of the original design).
 */
export const DefaultDistributedShardManagerOptions = {
  channelsPerShard: 25,
  maxShardCount: 5,
  initialShardCount: 1,
} as const satisfies Required<DistributedShardManagerOptions>;

/**
 * {@link DistributedShardManagerOptions} with every default filled in.
 */
export type ResolvedDistributedShardManagerOptions = { readonly [K in keyof DistributedShardManagerOptions]-?: number };

const OWNER = 'DistributedShardManager';
const KEYS = ['channelsPerShard', 'maxShardCount', 'initialShardCount'] as const;

/**
 * Checks option values and fills in the defaults.
 *
 * @param options - The options as passed to the `Client` (unknown keys were rejected already).
 * @returns The options with every default filled in.
 * @throws `InvalidOptionError` naming the option, the value seen and what it must be.
 * @internal
 */
export function resolveDistributedShardManagerOptions(options: Readonly<Record<string, unknown>>): ResolvedDistributedShardManagerOptions {
  const resolved: Record<string, number> = {};
  for (const key of KEYS) {
    const value = options[key] ?? DefaultDistributedShardManagerOptions[key];
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
      throw InvalidOptionError.badValue(OWNER, key, value, 'an integer >= 1');
    }
    resolved[key] = value;
  }
  const result = resolved as ResolvedDistributedShardManagerOptions;
  if (result.initialShardCount > result.maxShardCount) {
    throw InvalidOptionError.badValue(
      OWNER,
      'initialShardCount',
      result.initialShardCount,
      `at most maxShardCount (${result.maxShardCount}); lower initialShardCount or raise maxShardCount`,
    );
  }
  return result;
}
