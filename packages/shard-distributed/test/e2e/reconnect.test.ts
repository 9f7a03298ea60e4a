import type { ChatMessageEvent } from '@tio/core';
import type { MockTwitchServer } from '@tio/testing';
import { afterEach, expect, it } from 'vitest';
import { LOGIN, channelNames, createClient, sleep, startServer, waitUntil } from '../support/harness.js';

// Issue #4, scenario 4: the server asks every shard to reconnect (RECONNECT, twitch-protocol.md §2) while chat keeps
// flowing; every message must reach the `message` event exactly once, and re-logins and re-joins stay within limits.
const CHANNELS = channelNames('stream', 40);
const SHARDS = 4;
const TOTAL = 600;

let server: MockTwitchServer | undefined;
let client: ReturnType<typeof createClient> | undefined;

afterEach(async () => {
  await client?.stop();
  await server?.stop();
});

it('delivers a numbered message sequence exactly once while every shard reconnects, within the limits', async () => {
  // The mock closes a told connection 3 s after RECONNECT; the transport switches sockets once it rejoined (well within).
  server = await startServer({ reconnectGraceMs: 3_000 });
  client = createClient(server, {
    channelsPerShard: 10,
    initialShardCount: SHARDS,
    initialChannels: CHANNELS,
    transportOptions: { reconnectGraceMs: 2_500 },
  });
  const received: number[] = [];
  client.on('message', (message: ChatMessageEvent) => {
    const match = /^seq (\d+)$/.exec(message.text);
    if (match !== null) received.push(Number(match[1]));
  });
  await client.start();
  expect(client.shards.size).toBe(SHARDS);

  let told = 0;
  for (let index = 0; index < TOTAL; index++) {
    server.chat(CHANNELS[index % CHANNELS.length] ?? 'stream0', { login: 'viewer', text: `seq ${index}` });
    if (index === 100) told = server.reconnect();
    if (index % 2 === 1) await sleep(5);
  }
  expect(told).toBe(SHARDS);
  await waitUntil(() => new Set(received).size >= TOTAL, 10_000, 'every message');
  await waitUntil(() => server!.connections(LOGIN).length === SHARDS, 10_000, 'the old sockets to close');
  await sleep(100);

  expect(received).toHaveLength(TOTAL);
  expect([...received].sort((a, b) => a - b)).toEqual(Array.from({ length: TOTAL }, (_, index) => index));
  const stats = server.stats();
  expect(stats.violations).toEqual([]);
  // One login per shard at start and one per replacement socket.
  expect(stats.accounts[LOGIN]?.logins).toHaveLength(2 * SHARDS);
  expect(stats.accounts[LOGIN]?.channels).toEqual([...CHANNELS].sort());
  for (const shard of client.shards.values()) {
    expect(shard.status).toBe('ready');
    expect([...shard.joinedChannels].sort()).toEqual([...shard.channels].sort());
  }
}, 30_000);
