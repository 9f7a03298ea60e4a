import { ShardCapacityError } from '../errors/ShardCapacityError.js';
import type { Shard } from './Shard.js';

/**
 * The capacity settings {@link planShardSlices} works with: how many channels a shard may hold, how many shards there
 * may be, and how many to open at start.
 */
export interface ShardCapacity {
  /** The most channels one shard may hold. */
  readonly channelsPerShard: number;
  /** The most shards there may be. */
  readonly maxShardCount: number;
  /** How many shards to spread the initial channels over, when there are at least that many channels. */
  readonly initialShardCount: number;
}

/**
 * Splits a manager's initial channels over its initial shards, for managers that place by capacity (tio's
 * distributed and read-only managers use it; a third-party manager may too).
 *
 * - **How many shards**: `max(1, ceil(n / channelsPerShard), min(initialShardCount, n))` — enough to stay within
 *   capacity; `initialShardCount` when there are at least that many channels; otherwise one shard per channel, so no
 *   shard starts empty (the seed design spread 3 channels over 5 shards as 0, 0, 0, 0, 3). With no channels, one
 *   shard.
 * - **How**: in order, in contiguous slices whose sizes differ by at most one (the first `n mod shards` slices take
 *   one more), so the largest is `ceil(n / shards)`, never above `channelsPerShard` (the seed's floor-based slicing
 *   put 26 channels on a 25-channel shard). 51 channels at 25 per shard give three shards of 17.
 *
 * @param channels - The initial channels, normalised and de-duplicated.
 * @param capacity - The capacity settings.
 * @returns One list of channels per initial shard, in shard order.
 * @throws {@link ShardCapacityError} when the channels need more than `maxShardCount` shards.
 *
 * @example
 * ```ts
 * planShardSlices(['a', 'b', 'c'], { channelsPerShard: 2, maxShardCount: 5, initialShardCount: 1 }); // [['a', 'b'], ['c']]
 * ```
 */
export function planShardSlices(channels: readonly string[], capacity: ShardCapacity): string[][] {
  const { channelsPerShard, maxShardCount, initialShardCount } = capacity;
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

/**
 * Picks the shard a new channel should go to: the one holding the fewest channels (the earliest in the list on a
 * tie, so placement is predictable), if it still has room.
 *
 * @param shards - The candidate shards, typically the running shards of one login.
 * @param channelsPerShard - The most channels one shard may hold.
 * @returns The least-loaded shard with room, or `undefined` when there is no shard or every shard is full — the
 *   caller then opens a new shard or throws {@link ShardCapacityError}.
 *
 * @example
 * ```ts
 * const target = leastLoadedShard(this.shardsOf(login), 25) ?? this.addShard(`shard-${next++}`, login);
 * ```
 */
export function leastLoadedShard(shards: Iterable<Shard>, channelsPerShard: number): Shard | undefined {
  let target: Shard | undefined;
  for (const shard of shards) if (target === undefined || shard.channelCount < target.channelCount) target = shard;
  return target !== undefined && target.channelCount < channelsPerShard ? target : undefined;
}
