import {
  BaseShardManager,
  defineOptionKeys,
  InvalidOptionError,
  ShardCapacityError,
  type Shard,
} from '../../src/index.js';

/** Like the guide's default manager: one shard for everything. */
export class SingleShardManager extends BaseShardManager {
  main!: Shard;

  override async setup(): Promise<void> {
    const login = await this.resolveLogin();
    this.main = this.addShard('main', login, { initialChannels: this.initialChannels });
  }

  override async assignShard(channel: string): Promise<void> {
    await this.main.addChannels([channel]);
  }
}

/** Options of {@link CapacityManager}. */
export interface CapacityManagerOptions {
  /** Channels per shard. */
  readonly channelsPerShard?: number;
  /** Maximum shards. */
  readonly maxShardCount?: number;
}

/** A distributed-style manager that fills shards up to a capacity and adds shards on demand. */
export class CapacityManager extends BaseShardManager<CapacityManagerOptions> {
  static override readonly optionKeys = defineOptionKeys<CapacityManagerOptions>()('channelsPerShard', 'maxShardCount');

  static override validateOptions(options: Readonly<Record<string, unknown>>): void {
    for (const key of CapacityManager.optionKeys) {
      const value = options[key];
      if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 1)) {
        throw InvalidOptionError.badValue('CapacityManager', key, value, 'an integer >= 1');
      }
    }
  }

  login: string | null = null;
  next = 0;
  assignCalls: Array<{ channel: string; initial: boolean }> = [];
  releaseCalls: string[] = [];

  get perShard(): number {
    return this.options.channelsPerShard ?? 2;
  }

  get maxShards(): number {
    return this.options.maxShardCount ?? 3;
  }

  override async setup(): Promise<void> {
    this.login = await this.resolveLogin();
    this.addShard(`shard-${this.next++}`, this.login);
  }

  override async assignShard(channel: string, isInitialChannel: boolean): Promise<void> {
    this.assignCalls.push({ channel, initial: isInitialChannel });
    let best: Shard | undefined;
    for (const shard of this.shards.values()) if (best === undefined || shard.channelCount < best.channelCount) best = shard;
    if (best === undefined || best.channelCount >= this.perShard) {
      if (this.shards.size >= this.maxShards) {
        throw new ShardCapacityError({ channel, channelsPerShard: this.perShard, maxShardCount: this.maxShards });
      }
      best = this.addShard(`shard-${this.next++}`, this.login);
      if (!isInitialChannel) void best.start();
    }
    // Yield between choosing and adding, as real managers do (starting a shard, asking a store): without the base's
    // lock, concurrent calls would all pick the same shard here and overfill it (design note P8).
    await new Promise((resolve) => setImmediate(resolve));
    await best.addChannels([channel]);
  }

  override async releaseChannel(channel: string): Promise<void> {
    this.releaseCalls.push(channel);
    await super.releaseChannel(channel);
  }
}

/** One shard per account of the token handler, plus an anonymous reader. */
export class MultiAccountManager extends BaseShardManager<{ readonly logins: readonly string[] }> {
  static override readonly optionKeys = ['logins'];

  override async setup(options: { readonly logins: readonly string[] }): Promise<void> {
    for (const login of options.logins) this.addShard(`shard-${login}`, login);
    this.addShard('reader', null, { initialChannels: this.initialChannels });
  }

  override async assignShard(channel: string): Promise<void> {
    await this.shards.get('reader')?.addChannels([channel]);
  }
}
