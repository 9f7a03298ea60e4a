import { ShardCapacityError } from '@tio/core';

/**
 * Splits the channels read at start over the initial anonymous reader shards: `max(1, ceil(n / channelsPerShard),
 * min(initialShardCount, n))` readers (enough for the capacity, never an empty one), each taking a contiguous slice,
 * slice sizes differing by at most one so none exceeds `channelsPerShard`. The same rule as `@tio/shard-distributed`'s
 * initial plan, kept as a small copy here so the two packages stay independent of each other.
 *
 * @param channels - The channels to read, normalised and de-duplicated.
 * @param capacity - The resolved capacity options.
 * @returns One list of channels per initial reader, in shard order.
 * @throws {@link @tio/core!ShardCapacityError} when the channels need more than `maxShardCount` readers.
 * @internal
 */
export function planReaderShards(
  channels: readonly string[],
  capacity: { readonly channelsPerShard: number; readonly maxShardCount: number; readonly initialShardCount: number },
): string[][] {
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
  const readers = Math.max(1, needed, Math.min(initialShardCount, count));
  const plan: string[][] = [];
  let offset = 0;
  for (let index = 0; index < readers; index++) {
    const size = Math.floor(count / readers) + (index < count % readers ? 1 : 0);
    plan.push(channels.slice(offset, offset + size));
    offset += size;
  }
  return plan;
}
