/**
 * PackedShardManager: a complete third-party shard manager, built step by step in the sharding guide.
 *
 * It packs channels: every shard is filled up to `channelsPerShard` before the next one is opened, so the bot uses as
 * few connections as it can, up to `maxShards`. An extra shard that runs empty is closed again. (DistributedShardManager
 * does the opposite and spreads channels evenly over its shards.)
 */
// #region imports
import {
  BaseShardManager,
  InvalidOptionError,
  SHARD_MANAGER_CONTRACT_VERSION,
  ShardCapacityError,
  StoppedError,
  defineOptionKeys,
  type Shard,
  type ShardManagerContext,
} from '@tio/core';

// #endregion imports

// #region options
/** The options of {@link PackedShardManager}, passed to the `Client` next to `shardManager`. */
export interface PackedShardManagerOptions {
  /** The most channels one shard holds. @defaultValue `50` */
  readonly channelsPerShard?: number;
  /** The most shards (connections) the manager opens. @defaultValue `4` */
  readonly maxShards?: number;
}

/** Every default in one place. */
export const DefaultPackedShardManagerOptions = {
  channelsPerShard: 50,
  maxShards: 4,
} as const satisfies Required<PackedShardManagerOptions>;

/**
 * Checks the option values and fills in the defaults.
 *
 * @throws InvalidOptionError naming the option, the value seen and what it must be.
 */
function resolveOptions(options: Readonly<Record<string, unknown>>): Required<PackedShardManagerOptions> {
  return { channelsPerShard: positiveInteger(options, 'channelsPerShard'), maxShards: positiveInteger(options, 'maxShards') };
}

function positiveInteger(options: Readonly<Record<string, unknown>>, key: keyof PackedShardManagerOptions): number {
  const value = options[key] ?? DefaultPackedShardManagerOptions[key];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw InvalidOptionError.badValue('PackedShardManager', key, value, 'an integer >= 1');
  }
  return value;
}
// #endregion options

// #region running
/** Whether a shard still counts: connecting, ready or reconnecting (or not started yet). */
function isRunning(shard: Shard): boolean {
  return shard.status !== 'stopped' && shard.status !== 'failed';
}
// #endregion running

// #region class
export class PackedShardManager extends BaseShardManager<PackedShardManagerOptions> {
  /** The contract this class implements; inherited from BaseShardManager, repeated here to make it visible. */
  static override readonly contractVersion = SHARD_MANAGER_CONTRACT_VERSION;
  /** Every option name, checked against PackedShardManagerOptions at compile time. */
  static override readonly optionKeys = defineOptionKeys<PackedShardManagerOptions>()('channelsPerShard', 'maxShards');

  /** Called by the `Client` constructor, so a bad value fails before anything connects. */
  static override validateOptions(options: Readonly<Record<string, unknown>>): void {
    resolveOptions(options);
  }

  /** The options in force, defaults filled in. */
  readonly settings: Required<PackedShardManagerOptions>;

  #login: string | null = null;
  #nextShardNumber = 0;
  #started = false;
  #stopped = false;

  constructor(context: ShardManagerContext) {
    super(context); // pass the context on unchanged
    this.settings = resolveOptions({ ...this.options });
  }
  // #endregion class

  // #region setup
  /** Opens (without starting) as few shards as the initial channels need, each filled up before the next. */
  override async setup(): Promise<void> {
    const { channelsPerShard, maxShards } = this.settings;
    const channels = this.initialChannels;
    const needed = Math.max(1, Math.ceil(channels.length / channelsPerShard));
    if (needed > maxShards) {
      throw new ShardCapacityError({
        channel: channels[channelsPerShard * maxShards] ?? '',
        channelsPerShard,
        maxShardCount: maxShards,
        requestedChannels: channels.length,
      });
    }
    this.#login = await this.resolveLogin();
    for (let index = 0; index < needed; index++) {
      this.#openShard(channels.slice(index * channelsPerShard, (index + 1) * channelsPerShard));
    }
  }
  // #endregion setup

  // #region assign
  /** Puts a joined channel on the first shard with room, opening a shard when all are full. */
  override async assignShard(channel: string): Promise<void> {
    if (this.#stopped) throw new StoppedError(`Joining #${channel}`);
    const { channelsPerShard, maxShards } = this.settings;
    const running = this.shardsOf(this.#login).filter(isRunning);
    let target = running.find((shard) => shard.channelCount < channelsPerShard);
    if (target === undefined) {
      if (running.length >= maxShards) {
        throw new ShardCapacityError({ channel, channelsPerShard, maxShardCount: maxShards });
      }
      target = this.#openShard([]);
      // Joins are serialised: do not make the next one wait for this shard's login. The channel is joined once
      // the shard is ready. Before start() ran, start() starts it with the others.
      if (this.#started) void target.start();
    }
    await target.addChannels([channel]);
  }

  /** Parts a channel and closes its shard if that left an extra shard empty. */
  override async releaseChannel(channel: string): Promise<void> {
    const shard = this.shardOf(channel);
    await super.releaseChannel(channel); // removeChannels() on the shard that holds it
    if (shard !== undefined && shard.channelCount === 0 && this.shards.size > 1 && !this.#stopped) {
      await this.removeShard(shard.id);
    }
  }
  // #endregion assign

  // #region lifecycle
  /** Starts every shard and resolves only once all of them (also those opened later) have exited. */
  override async start(): Promise<void> {
    this.#started = true;
    await this.startAllShards();
    await this.waitUntilExit();
  }

  /** Stops every shard; later joins fail with StoppedError. */
  override async stop(): Promise<void> {
    this.#stopped = true;
    await this.stopAllShards();
  }
  // #endregion lifecycle

  // #region sender
  /**
   * Picks the shard that sends to `channel` as `login`: the ready shard that holds the channel, else any ready shard of
   * that login (a shard may send to a channel it has not joined), else one that is still connecting or reconnecting
   * (its transport queues the message until it is ready). Never a stopped or failed shard.
   */
  override async getSenderShard(channel: string, login: string): Promise<Shard | undefined> {
    const candidates = this.shardsOf(login).filter(isRunning);
    const owner = this.shardOf(channel);
    if (owner !== undefined && owner.status === 'ready' && candidates.includes(owner)) return owner;
    return candidates.find((shard) => shard.status === 'ready') ?? candidates[0];
  }
  // #endregion sender

  // #region helpers
  /** Adds a shard with the next free id: shard-0, shard-1, … (ids are never reused). */
  #openShard(initialChannels: readonly string[]): Shard {
    return this.addShard(`shard-${this.#nextShardNumber++}`, this.#login, { initialChannels });
  }
  // #endregion helpers
}
