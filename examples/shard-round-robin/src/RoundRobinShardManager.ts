import { BaseShardManager, defineOptionKeys, InvalidOptionError, ShardAssignmentError, type Shard } from '@tio/core';

/** Options of {@link RoundRobinShardManager}, passed through the `Client` constructor. */
export interface RoundRobinShardManagerOptions {
  /**
   * How many shards to open at start; the pool never grows or shrinks.
   *
   * @defaultValue `2`
   */
  readonly shardCount?: number;
}

const DEFAULT_SHARD_COUNT = 2;

/**
 * A shard manager with a fixed pool of shards that deals channels out in turn, like cards.
 *
 * It is deliberately small: it is the example of a third-party manager, written only against `@tio/core`'s public
 * exports, and it passes the same conformance suite as tio's own managers. Everything it does not override
 * (starting and stopping every shard, waiting for them to exit, releasing parted channels, picking a ready sender
 * shard of the right login) comes from {@link BaseShardManager}.
 *
 * @example
 * ```ts
 * const client = new Client({
 *   tokenHandler: new SimpleTokenHandler({ login: 'mybot', token: process.env.TWITCH_TOKEN! }),
 *   transport: IrcWsTransport,
 *   shardManager: RoundRobinShardManager,
 *   shardCount: 3,
 *   initialChannels: ['a', 'b', 'c', 'd'],
 * });
 * ```
 */
export class RoundRobinShardManager extends BaseShardManager<RoundRobinShardManagerOptions> {
  /** The option names the `Client` accepts for this manager; a typo is a compile error and a runtime error. */
  static override readonly optionKeys = defineOptionKeys<RoundRobinShardManagerOptions>()('shardCount');

  /**
   * Rejects a `shardCount` that is not a whole number of at least 1, before anything connects.
   *
   * @param options - The manager's options as given to the `Client`.
   * @throws {@link InvalidOptionError} naming the option, the value and what it must be.
   */
  static override validateOptions(options: Readonly<Record<string, unknown>>): void {
    const value = options['shardCount'];
    if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 1)) {
      throw InvalidOptionError.badValue('RoundRobinShardManager', 'shardCount', value, 'an integer >= 1');
    }
  }

  #turn = 0;

  /**
   * Opens the fixed pool: `rr-0` … `rr-(shardCount-1)`, all logged in as the token handler's default bot.
   *
   * @param options - The validated options.
   */
  override async setup(options: Readonly<RoundRobinShardManagerOptions>): Promise<void> {
    const login = await this.resolveLogin();
    const count = options.shardCount ?? DEFAULT_SHARD_COUNT;
    for (let index = 0; index < count; index++) this.addShard(`rr-${index}`, login);
  }

  /**
   * Gives `channel` to the next running shard in turn (a stopped or failed shard is skipped). Initial channels come
   * through here too (`setup` placed none), and the base only calls it for channels that are not placed yet, so a
   * channel is never dealt twice.
   *
   * @param channel - The normalised channel to place.
   * @throws {@link ShardAssignmentError} when no shard is running.
   */
  override async assignShard(channel: string): Promise<void> {
    const running: readonly Shard[] = [...this.shards.values()].filter((shard) => shard.status !== 'stopped' && shard.status !== 'failed');
    const shard = running[this.#turn++ % running.length];
    if (shard === undefined) {
      throw new ShardAssignmentError({
        manager: 'RoundRobinShardManager',
        channel,
        detail: 'no shard of its fixed pool is running (all stopped or failed)',
        nextStep: 'Check the error events for why the shards failed, then start a new Client.',
      });
    }
    await shard.addChannels([channel]);
  }
}
