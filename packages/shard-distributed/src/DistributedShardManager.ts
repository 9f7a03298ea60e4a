import {
  BaseShardManager,
  defineOptionKeys,
  leastLoadedShard,
  planShardSlices,
  ShardCapacityError,
  StoppedError,
  type JoinFailureReason,
  type Shard,
  type ShardManagerContext,
} from '@tio/core';
import {
  type DistributedShardManagerOptions,
  type ResolvedDistributedShardManagerOptions,
  resolveDistributedShardManagerOptions,
} from './DistributedShardManagerOptions.js';

/**
 * A shard manager that spreads channels over several shards of **one login** (the token handler's default) in one
 * process, filling each up to `channelsPerShard` and opening more shards on demand up to `maxShardCount`.
 *
 * **Shard ids** are `shard-0`, `shard-1`, … in creation order, 0-based like Twitch's conduit shards, and never reused:
 * a shard created after `shard-4` was retired is `shard-5`. The shards created at start are the *initial* shards;
 * shards opened later by a join are *extended* shards.
 *
 * **Placement**:
 * - At start the initial channels are split in order over `max(1, ceil(n / channelsPerShard),
 *   min(initialShardCount, n))` shards in contiguous slices whose sizes differ by at most one, so no shard is over
 *   capacity (51 channels at 25 per shard: three shards of 17) and none starts empty (3 channels with
 *   `initialShardCount: 5`: three shards of one). More than `channelsPerShard × maxShardCount` initial channels make
 *   `client.start()` reject with `ShardCapacityError`.
 * - A join goes to the shard with the fewest channels (the oldest on a tie). When every shard is full, a new
 *   extended shard is created and started without waiting for it (the join completes once it is ready); when
 *   `maxShardCount` shards are running already, the join fails with `ShardCapacityError`.
 * - Joining a channel some shard already holds does nothing (the base keeps one owner per channel), and joins are
 *   serialised, so concurrent joins never overfill a shard.
 * - A part frees the channel's place; an extended shard left with no channel, by parts or by joins that failed for
 *   good (banned, suspended, room cap, …), is stopped and removed. An extended shard that fails (for example its
 *   token was rejected for good) is removed too; its channels are free to be joined again. Initial shards are never retired. Channels are
 *   never moved between running shards (that would spend JOINs from the account's budget).
 *
 * **Sending** (`getSenderShard`): the ready shard that holds the channel; otherwise any ready shard of the login;
 * otherwise a running (connecting or reconnecting) shard, whose transport queues the message until it is ready. Never
 * a stopped or failed shard.
 *
 * All shards log in as one account, so they draw on the account's one rate limiter: more shards add connections and
 * fault isolation, not JOIN, message or room budget (`twitch-protocol.md` §0, §4.3, §4.4).
 *
 * @example
 * ```ts
 * import { Client, SimpleTokenHandler } from '@tio/core';
 * import { IrcWsTransport } from '@tio/irc-ws';
 * import { DistributedShardManager } from '@tio/shard-distributed';
 *
 * const client = new Client({
 *   tokenHandler: new SimpleTokenHandler({ login: 'mybot', token: process.env.TWITCH_TOKEN! }),
 *   transport: IrcWsTransport,
 *   shardManager: DistributedShardManager,
 *   channelsPerShard: 10,
 *   maxShardCount: 8,
 *   initialChannels: ['channel_one', 'channel_two', 'channel_three'],
 * });
 * await client.start();
 * const results = await client.join(['channel_four']); // placed on the least-loaded shard
 * ```
 */
export class DistributedShardManager extends BaseShardManager<DistributedShardManagerOptions> {
  /** The option names this manager accepts through the `Client` constructor (checked against the options type). */
  static override readonly optionKeys = defineOptionKeys<DistributedShardManagerOptions>()(
    'channelsPerShard',
    'maxShardCount',
    'initialShardCount',
  );

  /**
   * Checks the option values; the `Client` constructor calls it.
   *
   * @param options - The manager's options, unknown names already rejected.
   * @throws `InvalidOptionError` when an option is not an integer ≥ 1, or `initialShardCount` exceeds
   *   `maxShardCount`; the message names the option, the value seen and what it must be.
   */
  static override validateOptions(options: Readonly<Record<string, unknown>>): void {
    resolveDistributedShardManagerOptions(options);
  }

  /** The options in force, with every default filled in. */
  readonly settings: ResolvedDistributedShardManagerOptions;

  readonly #initialShardIds = new Set<string>();
  #login: string | null = null;
  #nextShardId = 0;
  #stopped = false;

  /**
   * Creates the manager. Only the `Client` calls this.
   *
   * @param context - What the client lends the manager.
   * @throws `InvalidOptionError` for bad option values (normally caught earlier by the `Client` constructor).
   */
  constructor(context: ShardManagerContext) {
    super(context);
    this.settings = resolveDistributedShardManagerOptions(this.options as Readonly<Record<string, unknown>>);
  }

  /**
   * Whether `shardId` is one of the shards created at start (these are never retired).
   *
   * @param shardId - A shard id.
   * @returns `true` for an initial shard, `false` for an extended or unknown one.
   */
  isInitialShard(shardId: string): boolean {
    return this.#initialShardIds.has(shardId);
  }

  /**
   * Resolves the default login and creates the initial shards (not started) with the initial channels spread over
   * them.
   *
   * @returns Resolves once the shards exist.
   * @throws {@link @tio/core!ShardCapacityError} when the initial channels do not fit in `channelsPerShard × maxShardCount`.
   */
  override async setup(): Promise<void> {
    const plan = planShardSlices(this.initialChannels, this.settings);
    this.#login = await this.resolveLogin();
    for (const channels of plan) {
      const shard = this.#createShard({ initialChannels: channels });
      this.#initialShardIds.add(shard.id);
    }
    this.client.on('joinFailure', this.#onJoinFailure);
  }

  /**
   * Places `channel` on the least-loaded shard, opening (and starting) a new shard when every shard is full.
   *
   * @param channel - The normalised channel login.
   * @returns Resolves once the channel is recorded on its shard (not when Twitch confirms the join).
   * @throws {@link @tio/core!ShardCapacityError} when every shard is full and `maxShardCount` shards are running;
   *   `StoppedError` once the manager was stopped.
   */
  override async assignShard(channel: string): Promise<void> {
    if (this.#stopped) throw new StoppedError(`Joining #${channel}`);
    const { channelsPerShard, maxShardCount } = this.settings;
    const running = this.shardsOf(this.#login).filter(isRunning);
    let target = leastLoadedShard(running, channelsPerShard);
    if (target === undefined) {
      if (running.length >= maxShardCount) throw new ShardCapacityError({ channel, channelsPerShard, maxShardCount });
      target = this.#createShard();
      // Before start() the new shard is started with the others; afterwards it starts now, without blocking the join
      // queue behind its login (the join completes once it is ready).
      if (this.started) void target.start();
    }
    await target.addChannels([channel]);
  }

  /**
   * Removes `channel` from its shard (it is parted and not re-joined after a reconnect) and retires the shard if it is
   * an extended shard left empty.
   *
   * @param channel - The normalised channel login.
   * @returns Resolves once parted (and the shard stopped, when retired).
   */
  override async releaseChannel(channel: string): Promise<void> {
    const shard = this.shardOf(channel);
    await super.releaseChannel(channel);
    if (shard !== undefined) await this.#retireIfEmpty(shard.id);
  }

  /**
   * Stops every shard; joins after this fail with `StoppedError`.
   *
   * @returns Resolves once every shard has stopped.
   */
  override async stop(): Promise<void> {
    this.#stopped = true;
    this.client.off('joinFailure', this.#onJoinFailure);
    await this.stopAllShards();
  }

  #createShard(options: { readonly initialChannels?: readonly string[] } = {}): Shard {
    const id = `shard-${this.#nextShardId++}`;
    const shard = this.addShard(id, this.#login, options.initialChannels === undefined ? {} : { initialChannels: options.initialChannels });
    // A failed extended shard is removed (the base already freed its channels, so later joins place them again);
    // keeping it would leave a dead entry in `shards` forever. Initial shards stay, like after a part.
    void shard.exited.then(() => {
      if (shard.status !== 'failed' || this.#stopped || this.#initialShardIds.has(id)) return;
      this.runExclusive(async () => {
        if (this.shards.get(id) === shard) await this.removeShard(id);
      }).catch(() => undefined);
    });
    return shard;
  }

  async #retireIfEmpty(shardId: string): Promise<void> {
    const shard = this.shards.get(shardId);
    if (shard === undefined || this.#initialShardIds.has(shardId) || this.#stopped) return;
    if (shard.channelCount > 0) return;
    await this.removeShard(shardId);
  }

  /** A channel that failed for good left its shard (the base frees it); retire that shard if it is now empty. */
  readonly #onJoinFailure = (channel: string, reason: JoinFailureReason, shardId: string): void => {
    void channel;
    if (reason === 'stopped' || this.#stopped || !this.shards.has(shardId)) return;
    this.runExclusive(() => this.#retireIfEmpty(shardId)).catch(() => undefined);
  };
}

function isRunning(shard: Shard): boolean {
  return shard.status !== 'stopped' && shard.status !== 'failed';
}
