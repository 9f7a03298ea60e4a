import { ShardCapacityError } from '@tio/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planReaderShards } from '../src/planReaderShards.js';

const names = (count: number): string[] => Array.from({ length: count }, (_, index) => `c${index}`);

describe('planReaderShards', () => {
  it('spreads channels in even contiguous slices, never above capacity and never an empty reader', () => {
    expect(planReaderShards(names(0), { channelsPerShard: 100, maxShardCount: 5, initialShardCount: 3 })).toEqual([[]]);
    expect(planReaderShards(names(2), { channelsPerShard: 100, maxShardCount: 5, initialShardCount: 3 })).toEqual([['c0'], ['c1']]);
    expect(planReaderShards(names(201), { channelsPerShard: 100, maxShardCount: 5, initialShardCount: 1 }).map((slice) => slice.length)).toEqual([
      67, 67, 67,
    ]);
  });

  it('throws ShardCapacityError naming the limits when the channels need more readers than allowed', () => {
    let thrown: unknown;
    try {
      planReaderShards(names(11), { channelsPerShard: 5, maxShardCount: 2, initialShardCount: 1 });
    } catch (error) {
      thrown = error;
    }
    expect(ShardCapacityError.isInstance(thrown)).toBe(true);
    expect((thrown as ShardCapacityError).message).toContain('channelsPerShard is 5 and maxShardCount is 2, so at most 10 channels fit (11 channels were requested)');
  });

  it('keeps every channel exactly once, in order, within capacity (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 20 }), (count, perShard, max, initialRaw) => {
        const initial = Math.min(initialRaw, max);
        const channels = names(count);
        const options = { channelsPerShard: perShard, maxShardCount: max, initialShardCount: initial };
        if (Math.ceil(count / perShard) > max) {
          expect(() => planReaderShards(channels, options)).toThrow(ShardCapacityError);
          return;
        }
        const plan = planReaderShards(channels, options);
        expect(plan.flat()).toEqual(channels);
        expect(plan.length).toBeLessThanOrEqual(max);
        const sizes = plan.map((slice) => slice.length);
        expect(Math.max(...sizes)).toBeLessThanOrEqual(perShard);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        if (count > 0) expect(Math.min(...sizes)).toBeGreaterThan(0);
      }),
    );
  });
});
