import { Client, InvalidOptionError, ShardAssignmentError, SimpleTokenHandler, type ChannelJoinResult } from '@tio/core';
import { IrcWsTransport } from '@tio/irc-ws';
import { MockTwitchServer } from '@tio/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RoundRobinShardManager } from '../src/index.js';

describe('RoundRobinShardManager', () => {
  let server: MockTwitchServer;

  beforeEach(async () => {
    server = new MockTwitchServer();
    server.addAccount({ login: 'rrbot', token: 'rrtoken' });
    await server.start();
  });

  afterEach(async () => {
    await server.stop();
  });

  it('deals channels out in turn over a fixed pool of shards', async () => {
    const client = new Client({
      tokenHandler: new SimpleTokenHandler({ login: 'rrbot', token: 'rrtoken' }),
      transport: IrcWsTransport,
      transportOptions: { url: server.url },
      shardManager: RoundRobinShardManager,
      shardCount: 3,
      initialChannels: ['a1', 'a2', 'a3', 'a4', 'a5'],
    });
    await client.start();
    try {
      const loads = [...client.shards.values()].map((shard) => [shard.id, [...shard.joinedChannels].sort()]);
      expect(loads).toEqual([
        ['rr-0', ['a1', 'a4']],
        ['rr-1', ['a2', 'a5']],
        ['rr-2', ['a3']],
      ]);
    } finally {
      await client.stop();
    }
  });

  it('deals only to running shards, and fails typed when none is left', async () => {
    const client = new Client({
      tokenHandler: new SimpleTokenHandler({ login: 'rrbot', token: 'rrtoken' }),
      transport: IrcWsTransport,
      transportOptions: { url: server.url },
      shardManager: RoundRobinShardManager,
      shardCount: 2,
    });
    await client.start();
    try {
      await client.shards.get('rr-0')?.stop();
      expect(await client.join(['b1', 'b2'])).toEqual([
        { channel: 'b1', joined: true },
        { channel: 'b2', joined: true },
      ]);
      expect([...(client.shards.get('rr-1')?.channels ?? [])].sort()).toEqual(['b1', 'b2']);
      await client.shards.get('rr-1')?.stop();
      const [result] = await client.join('b3');
      const error = (result as Extract<ChannelJoinResult, { reason: 'assignFailed' }>).error;
      expect(ShardAssignmentError.isInstance(error)).toBe(true);
    } finally {
      await client.stop();
    }
  });

  it('rejects a shardCount that is not a whole number of at least 1', () => {
    expect(() =>
      new Client({
        tokenHandler: new SimpleTokenHandler({ login: 'rrbot', token: 'rrtoken' }),
        transport: IrcWsTransport,
        transportOptions: { url: server.url },
        shardManager: RoundRobinShardManager,
        shardCount: 0,
      }),
    ).toThrow(InvalidOptionError);
  });
});
