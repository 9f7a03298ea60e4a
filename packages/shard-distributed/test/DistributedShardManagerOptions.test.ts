import { Client, InvalidOptionError, SimpleTokenHandler } from '@tio/core';
import { IrcWsTransport } from '@tio/irc-ws';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DefaultDistributedShardManagerOptions, DistributedShardManager } from '../src/index.js';
import { resolveDistributedShardManagerOptions } from '../src/DistributedShardManagerOptions.js';

function construct(options: Readonly<Record<string, unknown>>): Client {
  return new Client({
    tokenHandler: new SimpleTokenHandler({ login: 'bot', token: 'token' }),
    transport: IrcWsTransport,
    shardManager: DistributedShardManager,
    ...options,
  });
}

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('DistributedShardManager options', () => {
  it('defaults to 25 channels per shard, 5 shards, 1 initial shard', () => {
    expect(DefaultDistributedShardManagerOptions).toEqual({ channelsPerShard: 25, maxShardCount: 5, initialShardCount: 1 });
    expect(resolveDistributedShardManagerOptions({})).toEqual(DefaultDistributedShardManagerOptions);
    expect(resolveDistributedShardManagerOptions({ channelsPerShard: 10 })).toEqual({ channelsPerShard: 10, maxShardCount: 5, initialShardCount: 1 });
  });

  it('the Client constructor rejects a bad value, naming the option, the value and what it must be', () => {
    const error = thrownBy(() => construct({ channelsPerShard: 0 }));
    expect(InvalidOptionError.isInstance(error)).toBe(true);
    expect((error as InvalidOptionError).option).toBe('channelsPerShard');
    expect((error as Error).message).toBe(
      'DistributedShardManager option "channelsPerShard" is 0, but it must be an integer >= 1. Change the value.',
    );
    expect((thrownBy(() => construct({ maxShardCount: 2.5 })) as InvalidOptionError).option).toBe('maxShardCount');
    expect((thrownBy(() => construct({ initialShardCount: '3' })) as InvalidOptionError).option).toBe('initialShardCount');
  });

  it('rejects initialShardCount above maxShardCount and says which one to change', () => {
    const error = thrownBy(() => construct({ initialShardCount: 6 })) as InvalidOptionError;
    expect(error.option).toBe('initialShardCount');
    expect(error.message).toContain('is 6, but it must be at most maxShardCount (5); lower initialShardCount or raise maxShardCount');
    expect(() => construct({ initialShardCount: 6, maxShardCount: 6 })).not.toThrow();
  });

  it('the Client rejects a misspelt option and suggests the right one', () => {
    const error = thrownBy(() => construct({ channelPerShard: 10 })) as InvalidOptionError;
    expect(InvalidOptionError.isInstance(error)).toBe(true);
    expect(error.unknownOptions).toEqual(['channelPerShard']);
    expect(error.message).toContain('did you mean "channelsPerShard"?');
  });

  it('accepts exactly integers >= 1 with initialShardCount <= maxShardCount (property)', () => {
    const value = fc.oneof(
      fc.constant(undefined),
      fc.integer({ min: -3, max: 40 }),
      fc.double({ noNaN: false }),
      fc.string(),
      fc.constant(null),
      fc.boolean(),
    );
    fc.assert(
      fc.property(value, value, value, (channelsPerShard, maxShardCount, initialShardCount) => {
        const input = { channelsPerShard, maxShardCount, initialShardCount };
        const filled = {
          channelsPerShard: channelsPerShard ?? 25,
          maxShardCount: maxShardCount ?? 5,
          initialShardCount: initialShardCount ?? 1,
        };
        const valid =
          Object.values(filled).every((entry) => typeof entry === 'number' && Number.isSafeInteger(entry) && entry >= 1) &&
          (filled.initialShardCount as number) <= (filled.maxShardCount as number);
        const error = thrownBy(() => resolveDistributedShardManagerOptions(input));
        if (valid) {
          expect(error).toBeUndefined();
          expect(resolveDistributedShardManagerOptions(input)).toEqual(filled);
        } else {
          expect(InvalidOptionError.isInstance(error)).toBe(true);
          expect(['channelsPerShard', 'maxShardCount', 'initialShardCount']).toContain((error as InvalidOptionError).option);
        }
      }),
      { numRuns: 500 },
    );
  });
});
