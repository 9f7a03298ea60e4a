import type { JoinFailureReason } from '@tio/core';
import type { MockTwitchServer } from '@tio/testing';
import { afterEach, expect, it } from 'vitest';
import { LOGIN, channelNames, createClient, recordServer, startServer } from '../support/harness.js';

// Issue #4, scenario 3: the 100-room cap (twitch-protocol.md §4.3) with the bot a moderator nowhere. Twitch's JOIN
// limit (20 per 10 s, §4.4) is scaled down in time to 20 per 500 ms on both sides to keep 100 joins quick.
const ROOMS = channelNames('room', 100);
const FAST_JOIN = { limit: 20, windowMs: 500 } as const;
// The mock shares the test's event loop; a wide margin keeps its late reading of a JOIN from looking like a burst.
const SAFETY_MARGIN = 0.2;

let server: MockTwitchServer | undefined;
let client: ReturnType<typeof createClient> | undefined;

afterEach(async () => {
  await client?.stop();
  await server?.stop();
});

it('fails the 101st non-moderator join fast with concurrentRoomCap, without a JOIN reaching the server', async () => {
  server = await startServer({ limits: { join: { count: FAST_JOIN.limit, windowMs: FAST_JOIN.windowMs } } });
  const { joins } = recordServer(server);
  // 30 per shard: the 100 rooms take 4 shards of 25, and the 101st lands on an existing, ready shard.
  client = createClient(server, {
    channelsPerShard: 30,
    initialChannels: ROOMS,
    rateLimits: { join: FAST_JOIN, login: FAST_JOIN, safetyMargin: SAFETY_MARGIN },
  });
  const failures: Array<[string, JoinFailureReason, string]> = [];
  client.on('joinFailure', (channel, reason, shardId) => {
    failures.push([channel, reason, shardId]);
  });
  await client.start();
  expect(server.stats().accounts[LOGIN]?.channels).toHaveLength(100);

  const startedAt = performance.now();
  const [result] = await client.join('onetoomany');
  const elapsedMs = performance.now() - startedAt;

  expect(result?.joined).toBe(false);
  expect(failures).toEqual([['onetoomany', 'concurrentRoomCap', expect.stringMatching(/^shard-\d$/)]]);
  // Fast: it did not even wait for a JOIN slot.
  expect(elapsedMs).toBeLessThan(FAST_JOIN.windowMs);
  expect(server.receivedLines(LOGIN).filter((line) => line.includes('#onetoomany'))).toEqual([]);
  expect(joins.filter((event) => event.channel === 'onetoomany')).toEqual([]);
  expect(server.violations()).toEqual([]);
  // The failed channel holds no place on any shard.
  expect([...client.shards.values()].some((shard) => shard.channels.has('onetoomany'))).toBe(false);

  // The cap counts rooms held at once: after a part, the same join succeeds.
  await client.part('room0');
  expect(await client.join('onetoomany')).toEqual([{ channel: 'onetoomany', joined: true }]);
  expect(server.violations()).toEqual([]);
});

// Regression: the room-cap failure settles before BaseShardManager's assign wrapper resumes; client.join() must still
// report the join's own `concurrentRoomCap` result (it used to report `assignFailed`, "assignShard() returned without
// placing #…").
it('client.join() resolves the 101st join with reason concurrentRoomCap', async () => {
  server = await startServer({ limits: { join: { count: FAST_JOIN.limit, windowMs: FAST_JOIN.windowMs } } });
  client = createClient(server, {
    channelsPerShard: 30,
    initialChannels: ROOMS,
    rateLimits: { join: FAST_JOIN, login: FAST_JOIN, safetyMargin: SAFETY_MARGIN },
  });
  await client.start();
  expect(await client.join('onetoomany')).toEqual([{ channel: 'onetoomany', joined: false, reason: 'concurrentRoomCap' }]);
});
