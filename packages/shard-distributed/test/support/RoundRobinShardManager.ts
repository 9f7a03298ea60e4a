import { BaseShardManager, defineOptionKeys, InvalidOptionError, type Shard } from '@tio/core';

/** Options of {@link RoundRobinShardManager}. */
export interface RoundRobinShardManagerOptions {
  /** How many shards to open at start. @defaultValue `2` */
  readonly shardCount?: number;
}

/**
 * A third-party-style manager written only against `@tio/core`'s public exports, to prove the contract and the
 * conformance suite do not depend on tio's own managers: a fixed number of shards, channels dealt out in turn.
 */
export class RoundRobinShardManager extends BaseShardManager<RoundRobinShardManagerOptions> {
  static override readonly optionKeys = defineOptionKeys<RoundRobinShardManagerOptions>()('shardCount');

  static override validateOptions(options: Readonly<Record<string, unknown>>): void {
    const value = options['shardCount'];
    if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 1)) {
      throw InvalidOptionError.badValue('RoundRobinShardManager', 'shardCount', value, 'an integer >= 1');
    }
  }

  #turn = 0;

  override async setup(options: Readonly<RoundRobinShardManagerOptions>): Promise<void> {
    const login = await this.resolveLogin();
    for (let index = 0; index < (options.shardCount ?? 2); index++) this.addShard(`rr-${index}`, login);
  }

  override async assignShard(channel: string): Promise<void> {
    const shards: Shard[] = [...this.shards.values()];
    const shard = shards[this.#turn++ % shards.length];
    if (shard === undefined) throw new Error('RoundRobinShardManager has no shard');
    await shard.addChannels([channel]);
  }
}
