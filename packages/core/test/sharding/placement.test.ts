import { leastLoadedShard, planShardSlices, ShardCapacityError, type Shard, type ShardCapacity } from '../../src/index.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

function names(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `channel${index}`);
}

function sizes(plan: readonly (readonly string[])[]): number[] {
  return plan.map((slice) => slice.length);
}

/** The distributed manager's defaults (25 per shard, 5 shards, 1 initial shard) with overrides. */
function options(overrides: Partial<ShardCapacity>): ShardCapacity {
  return { channelsPerShard: 25, maxShardCount: 5, initialShardCount: 1, ...overrides };
}

describe('planShardSlices', () => {
  it('spreads 51 channels at 25 per shard as three shards of 17 (never 25 + 26)', () => {
    expect(sizes(planShardSlices(names(51), options({ initialShardCount: 1 })))).toEqual([17, 17, 17]);
    expect(sizes(planShardSlices(names(51), options({ initialShardCount: 2 })))).toEqual([17, 17, 17]);
  });

  it('starves no shard: 3 channels with initialShardCount 5 make three shards of one', () => {
    expect(planShardSlices(names(3), options({ initialShardCount: 5 }))).toEqual([['channel0'], ['channel1'], ['channel2']]);
  });

  it('opens one empty shard when there are no initial channels', () => {
    expect(planShardSlices([], options({ initialShardCount: 4 }))).toEqual([[]]);
  });

  it('spreads 95 channels at 10 per shard over 10 shards, keeping the given order', () => {
    const plan = planShardSlices(names(95), options({ channelsPerShard: 10, maxShardCount: 12 }));
    expect(sizes(plan)).toEqual([10, 10, 10, 10, 10, 9, 9, 9, 9, 9]);
    expect(plan.flat()).toEqual(names(95));
  });

  it('throws ShardCapacityError with the numbers when the initial channels cannot fit', () => {
    let thrown: unknown;
    try {
      planShardSlices(names(126), options({}));
    } catch (error) {
      thrown = error;
    }
    expect(ShardCapacityError.isInstance(thrown)).toBe(true);
    const error = thrown as ShardCapacityError;
    expect(error).toMatchObject({ channelsPerShard: 25, maxShardCount: 5, channel: 'channel125' });
    expect(error.message).toContain('at most 125 channels fit (126 channels were requested)');
    expect(error.message).toContain('Raise channelsPerShard or maxShardCount');
  });

  it('always fits within capacity, starves no shard and keeps every channel once (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 600 }),
        (channelsPerShard, maxShardCount, initialRaw, count) => {
          const initialShardCount = Math.min(initialRaw, maxShardCount);
          const resolved = { channelsPerShard, maxShardCount, initialShardCount };
          const channels = names(count);
          if (count > channelsPerShard * maxShardCount) {
            expect(() => planShardSlices(channels, resolved)).toThrow(ShardCapacityError);
            return;
          }
          const plan = planShardSlices(channels, resolved);
          expect(plan.flat()).toEqual(channels);
          expect(plan.length).toBe(Math.max(1, Math.ceil(count / channelsPerShard), Math.min(initialShardCount, count)));
          expect(plan.length).toBeLessThanOrEqual(maxShardCount);
          const lengths = sizes(plan);
          expect(Math.max(...lengths)).toBeLessThanOrEqual(channelsPerShard);
          expect(Math.max(...lengths) - Math.min(...lengths)).toBeLessThanOrEqual(1);
          if (count > 0) expect(Math.min(...lengths)).toBeGreaterThan(0);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('leastLoadedShard', () => {
  // Only channelCount matters to the choice; real shards are exercised by the managers' own tests.
  const shard = (id: string, channelCount: number): Shard => ({ id, channelCount }) as unknown as Shard;

  it('picks the shard with the fewest channels, the earliest on a tie', () => {
    const shards = [shard('a', 3), shard('b', 1), shard('c', 1)];
    expect(leastLoadedShard(shards, 5)?.id).toBe('b');
  });

  it('returns undefined when every shard is full or there is none, so the caller opens a shard or throws', () => {
    expect(leastLoadedShard([shard('a', 2), shard('b', 2)], 2)).toBeUndefined();
    expect(leastLoadedShard([], 2)).toBeUndefined();
  });
});
