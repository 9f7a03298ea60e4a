import { ShardCapacityError } from '@tio/core';
import type { ResolvedDistributedShardManagerOptions } from './DistributedShardManagerOptions.js';

/**
 * Splits the initial channels over the initial shards.
 *
 * - **How many shards**: `max(1, ceil(n / channelsPerShard), min(initialShardCount, n))`. Enough shards to stay
 *   within capacity; `initialShardCount` when there are at least that many channels; otherwise one shard per channel,
 *   so no shard starts empty (design note P2: the original spread 3 channels over 5 shards as 0, 0, 0, 0, 3). With no
 *   initial channels, one shard.
 * - **How they are spread**: in order, in contiguous slices whose sizes differ by at most one (the first
 *   `n mod shards` slices take one more). The largest slice is `ceil(n / shards)`, never above `channelsPerShard`
 *   (design note P1: the original floor-based slicing put 26 channels on a 25-channel shard). For example 51 channels
 *   at 25 per shard give three shards of 17.
 *
 * @param channels - The initial channels, normalised and de-duplicated.
 * @param options - The resolved manager options.
 * @returns One list of channels per initial shard, in shard order.
 * @throws {@link @tio/core!ShardCapacityError} when the channels need more than `maxShardCount` shards.
 * @internal
 */
export function planInitialShards(channels: readonly string[], options: ResolvedDistributedShardManagerOptions): string[][] {
  const { channelsPerShard, maxShardCount, initialShardCount } = options;
  const count = channels.length;
  const needed = Math.ceil(count / channelsPerShard);
  if (needed > maxShardCount) {
    throw new ShardCapacityError({
      channel: channels[channelsPerShard * maxShardCount] ?? channels[count - 1] ?? '',
      channelsPerShard,
      maxShardCount,
      requestedChannels: count,
    });
  }
  const shardCount = Math.max(1, needed, Math.min(initialShardCount, count));
  const base = Math.floor(count / shardCount);
  const larger = count % shardCount;
  const plan: string[][] = [];
  let offset = 0;
  for (let index = 0; index < shardCount; index++) {
    const size = base + (index < larger ? 1 : 0);
    plan.push(channels.slice(offset, offset + size));
    offset += size;
  }
  return plan;
}
