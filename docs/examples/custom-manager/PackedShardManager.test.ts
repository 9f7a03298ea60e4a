/**
 * The tests a published manager ships: tio's conformance suite, which every manager must pass, plus tests of the
 * manager's own promises (here: packing, and closing emptied shards). Run with `vitest run`.
 */
// #region conformance
import { IrcWsTransport } from '@tio/irc-ws';
import { describeShardManagerConformance } from '@tio/testing/vitest';
import { PackedShardManager } from './PackedShardManager.js';

describeShardManagerConformance({
  name: 'PackedShardManager',
  manager: PackedShardManager,
  transport: IrcWsTransport,
  // Short reconnect delays keep the suite fast; the suite drops every connection twice.
  transportOptions: (server) => ({ url: server.url, reconnectDelayMs: 50, maxReconnectDelayMs: 200 }),
  managerOptions: { channelsPerShard: 3, maxShards: 10 },
  capacity: { channelsPerShard: 3 }, // the suite checks that no shard ever holds more
});
// #endregion conformance

// #region own-tests
import { Client, InvalidOptionError, ShardCapacityError, SimpleTokenHandler } from '@tio/core';
import { useMockTwitchServer } from '@tio/testing/vitest';
import { afterEach, describe, expect, it } from 'vitest';

describe('PackedShardManager', () => {
  const server = useMockTwitchServer({ accounts: [{ login: 'packbot', token: 'secret' }] });
  const clients: Client[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.stop()));
  });

  const createClient = (initialChannels: string[]): Client => {
    const client = new Client({
      tokenHandler: new SimpleTokenHandler({ login: 'packbot', token: 'secret' }),
      transport: IrcWsTransport,
      transportOptions: { url: server().url },
      shardManager: PackedShardManager,
      channelsPerShard: 2,
      maxShards: 2,
      initialChannels,
    });
    clients.push(client);
    return client;
  };
  const layout = (client: Client): string[][] => [...client.shards.values()].map((shard) => [...shard.channels]);

  it('fills a shard before it opens the next one', async () => {
    const client = createClient(['a1', 'a2', 'a3']);
    await client.start();
    expect(layout(client)).toEqual([['a1', 'a2'], ['a3']]);

    await client.join('a4');
    expect(layout(client)).toEqual([['a1', 'a2'], ['a3', 'a4']]);
  });

  it('reports a full bot with ShardCapacityError, and closes an extra shard once it is empty', async () => {
    const client = createClient(['b1', 'b2', 'b3', 'b4']);
    await client.start();

    const [result] = await client.join('b5');
    expect(result?.joined).toBe(false);
    expect(result !== undefined && 'error' in result && ShardCapacityError.isInstance(result.error)).toBe(true);

    await client.part(['b3', 'b4']);
    expect(layout(client)).toEqual([['b1', 'b2']]);
  });

  it('rejects bad option values when the client is created', () => {
    expect(() =>
      new Client({
        tokenHandler: new SimpleTokenHandler({ login: 'packbot', token: 'secret' }),
        transport: IrcWsTransport,
        shardManager: PackedShardManager,
        channelsPerShard: 0,
      }),
    ).toThrow(InvalidOptionError);
  });
});
// #endregion own-tests
