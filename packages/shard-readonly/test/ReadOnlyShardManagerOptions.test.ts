import { Client, InvalidOptionError, SimpleTokenHandler } from '@tio/core';
import { IrcWsTransport } from '@tio/irc-ws';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DefaultReadOnlyShardManagerOptions, ReadOnlyShardManager } from '../src/index.js';
import { resolveReadOnlyShardManagerOptions } from '../src/ReadOnlyShardManagerOptions.js';

function construct(options: Readonly<Record<string, unknown>>): Client {
  return new Client({
    tokenHandler: new SimpleTokenHandler({ login: 'bot', token: 'token' }),
    transport: IrcWsTransport,
    shardManager: ReadOnlyShardManager,
    ...options,
  });
}

function thrownBy(action: () => unknown): InvalidOptionError {
  try {
    action();
  } catch (error) {
    if (InvalidOptionError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('nothing was thrown');
}

describe('ReadOnlyShardManager options', () => {
  it('defaults to readers of 100 channels, at most 50 of them, starting with 1; no joinAs', () => {
    expect(DefaultReadOnlyShardManagerOptions).toEqual({ channelsPerShard: 100, maxShardCount: 50, initialShardCount: 1 });
    expect(resolveReadOnlyShardManagerOptions({})).toEqual({ ...DefaultReadOnlyShardManagerOptions, senders: undefined, joinAs: new Map() });
  });

  it('normalises senders and joinAs (lower case, one leading # removed, duplicates merged)', () => {
    const resolved = resolveReadOnlyShardManagerOptions({ senders: ['BotA', 'bota', 'botb'], joinAs: { BotA: ['#Home', 'home', 'Mods'] } });
    expect(resolved.senders).toEqual(['bota', 'botb']);
    expect([...resolved.joinAs]).toEqual([
      ['home', 'bota'],
      ['mods', 'bota'],
    ]);
  });

  it('the Client constructor rejects bad values, naming the option', () => {
    expect(thrownBy(() => construct({ channelsPerShard: 0 })).option).toBe('channelsPerShard');
    expect(thrownBy(() => construct({ maxShardCount: 1.5 })).option).toBe('maxShardCount');
    const tooMany = thrownBy(() => construct({ initialShardCount: 3, maxShardCount: 2 }));
    expect(tooMany.option).toBe('initialShardCount');
    expect(tooMany.message).toContain('at most maxShardCount (2); lower initialShardCount or raise maxShardCount');
    expect(thrownBy(() => construct({ senders: 'bot' })).option).toBe('senders');
    expect(thrownBy(() => construct({ senders: ['not a login'] })).option).toBe('senders');
    expect(thrownBy(() => construct({ joinAs: ['bot'] })).option).toBe('joinAs');
    expect(thrownBy(() => construct({ joinAs: { bot: 'home' } })).option).toBe('joinAs.bot');
    expect(thrownBy(() => construct({ joinAs: { bot: ['no spaces'] } })).option).toBe('joinAs.bot');
  });

  it('refuses a channel listed under two logins in joinAs: one channel lives on one shard', () => {
    const error = thrownBy(() => construct({ joinAs: { bota: ['shared'], botb: ['#Shared'] } }));
    expect(error.option).toBe('joinAs.botb');
    expect(error.message).toContain('#shared is already listed under bota');
  });

  it('the Client rejects a misspelt option and suggests the right one', () => {
    const error = thrownBy(() => construct({ sender: ['bot'] }));
    expect(error.unknownOptions).toEqual(['sender']);
    expect(error.message).toContain('did you mean "senders"?');
  });

  it('accepts exactly integer counts >= 1 with initialShardCount <= maxShardCount (property)', () => {
    const value = fc.oneof(fc.constant(undefined), fc.integer({ min: -3, max: 60 }), fc.double(), fc.string(), fc.constant(null));
    fc.assert(
      fc.property(value, value, value, (channelsPerShard, maxShardCount, initialShardCount) => {
        const options = { channelsPerShard, maxShardCount, initialShardCount };
        const resolvedCount = (input: unknown, fallback: number): number | undefined =>
          input === undefined || input === null ? fallback : Number.isSafeInteger(input) && (input as number) >= 1 ? (input as number) : undefined;
        const perShard = resolvedCount(channelsPerShard, 100);
        const max = resolvedCount(maxShardCount, 50);
        const initial = resolvedCount(initialShardCount, 1);
        const valid = perShard !== undefined && max !== undefined && initial !== undefined && initial <= max;
        let accepted = true;
        try {
          resolveReadOnlyShardManagerOptions(options);
        } catch (error) {
          expect(InvalidOptionError.isInstance(error)).toBe(true);
          accepted = false;
        }
        expect(accepted).toBe(valid);
      }),
    );
  });
});
