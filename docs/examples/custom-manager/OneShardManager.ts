/**
 * The smallest useful shard manager: one shard, logged in as the token handler's default login, holds every channel.
 * It overrides the two methods a manager cannot do without and inherits the rest from BaseShardManager.
 */
// #region manager
import { BaseShardManager, type Shard } from '@tio/core';

export class OneShardManager extends BaseShardManager {
  #shard: Shard | undefined;

  /** Runs once when the client starts, before any channel is assigned: create the shard, do not start it. */
  override async setup(): Promise<void> {
    const login = await this.resolveLogin(); // the default login; null when the token handler is anonymous
    this.#shard = this.addShard('shard-0', login, { initialChannels: this.initialChannels });
  }

  /** Runs for each channel no shard holds yet: for client.join(), and for initial channels setup() left out. */
  override async assignShard(channel: string): Promise<void> {
    if (this.#shard === undefined) throw new Error('OneShardManager.assignShard() ran before setup()');
    await this.#shard.addChannels([channel]);
  }
}
// #endregion manager
