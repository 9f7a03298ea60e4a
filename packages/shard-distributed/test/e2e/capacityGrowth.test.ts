import { ShardCapacityError } from '@tio/core';
import type { MockTwitchServer } from '@tio/testing';
import { afterEach, expect, it } from 'vitest';
import { LOGIN, TOKEN, channelNames, createClient, shardLoads, startServer } from '../support/harness.js';

// Issue #4, scenario 1: 95 initial channels at 10 per shard, then 30 joins that grow the pool up to maxShardCount.
// 125 rooms is over the 100-room cap of one account (twitch-protocol.md §4.3), so the bot is moderator in all of them.
const INITIAL = channelNames('initial', 95);
const LATER = channelNames('later', 30);

let server: MockTwitchServer | undefined;
let client: ReturnType<typeof createClient> | undefined;

afterEach(async () => {
  await client?.stop();
  await server?.stop();
});

it('spreads 95 channels over 10 shards of at most 10, grows within maxShardCount, then throws ShardCapacityError', async () => {
  server = await startServer({ accounts: [{ login: LOGIN, token: TOKEN, moderatorIn: [...INITIAL, ...LATER] }] });
  client = createClient(server, { channelsPerShard: 10, maxShardCount: 12, initialChannels: INITIAL });
  await client.start();

  const afterStart = server.stats();
  expect(client.shards.size).toBe(10);
  expect(Object.values(shardLoads(client))).toEqual([10, 10, 10, 10, 10, 9, 9, 9, 9, 9]);
  expect(afterStart.accounts[LOGIN]?.channels).toEqual([...INITIAL].sort());
  expect(afterStart.connections).toHaveLength(10);
  for (const connection of afterStart.connections) expect(connection.channels.length).toBeLessThanOrEqual(10);
  // Each shard's channels are exactly what its connection joined on the server.
  const shardSets = [...client.shards.values()].map((shard) => [...shard.channels].sort().join(',')).sort();
  expect(afterStart.connections.map((connection) => connection.channels.join(',')).sort()).toEqual(shardSets);

  // 30 join() calls at once: 5 fill the shards of 9, 20 go to two new shards, the last 5 find the pool at its limit.
  const results = (await Promise.all(LATER.map((channel) => client!.join(channel)))).flat();
  const joined = results.filter((result) => result.joined).map((result) => result.channel);
  const refused = results.flatMap((result) =>
    !result.joined && result.reason === 'assignFailed' && ShardCapacityError.isInstance(result.error) ? [result] : [],
  );
  expect(joined).toEqual(LATER.slice(0, 25));
  expect(refused.map((result) => result.channel)).toEqual(LATER.slice(25));
  expect(refused[0]?.error.message).toContain('channelsPerShard is 10 and maxShardCount is 12, so at most 120 channels fit');

  expect(client.shards.size).toBe(12);
  expect(Object.values(shardLoads(client)).every((load) => load === 10)).toBe(true);
  const final = server.stats();
  expect(final.accounts[LOGIN]?.channels).toEqual([...INITIAL, ...LATER.slice(0, 25)].sort());
  expect(final.connections).toHaveLength(12);
  expect(final.violations).toEqual([]);
});
