import type { SentMessage } from '@tio/core';
import type { MockTwitchServer, PrivmsgEvent } from '@tio/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { LOGIN, channelNames, createClient, recordServer, sleep, startServer, waitUntil } from '../support/harness.js';

// Issue #4, scenario 5: connections die (dropped TCP, or a stalled path only the keepalive notices); the shards come
// back, re-join their channels, and messages sent meanwhile are delivered exactly once after recovery.
const CHANNELS = channelNames('lively', 15);
const SHARDS = 3;

let server: MockTwitchServer | undefined;
let client: ReturnType<typeof createClient> | undefined;
let chatter: ReturnType<typeof setInterval> | undefined;

afterEach(async () => {
  if (chatter !== undefined) clearInterval(chatter);
  chatter = undefined;
  await client?.stop();
  await server?.stop();
});

function delivered(privmsgs: readonly PrivmsgEvent[], text: string): PrivmsgEvent[] {
  return privmsgs.filter((event) => event.text === text);
}

/** Every shard is ready, has re-joined its channels, and the server sees exactly those channels on live sockets. */
async function expectRecovered(): Promise<void> {
  const bot = client!;
  await waitUntil(
    () =>
      [...bot.shards.values()].every((shard) => shard.status === 'ready' && shard.joinedChannels.size === shard.channels.size) &&
      server!.connections(LOGIN).filter((connection) => !connection.stalled).length === SHARDS,
    10_000,
    'the shards to recover and re-join',
  );
  const live = server!.connections(LOGIN).filter((connection) => !connection.stalled);
  expect(live.flatMap((connection) => connection.channels).sort()).toEqual([...CHANNELS].sort());
  const perShard = [...bot.shards.values()].map((shard) => [...shard.channels].sort().join(',')).sort();
  expect(live.map((connection) => connection.channels.join(',')).sort()).toEqual(perShard);
}

async function sendDuringOutage(privmsgs: readonly PrivmsgEvent[], texts: readonly string[]): Promise<readonly SentMessage[]> {
  const bot = client!;
  await waitUntil(() => [...bot.shards.values()].every((shard) => shard.status !== 'ready'), 5_000, 'every shard to notice');
  const sending = texts.map((text, index) => bot.send(CHANNELS[(index * 4) % CHANNELS.length] ?? 'lively0', text));
  await sleep(150);
  // Nothing can go out while every shard is down.
  for (const text of texts) expect(delivered(privmsgs, text)).toEqual([]);
  server!.refuseConnections(0);
  return Promise.all(sending);
}

describe('scenario 5: dropped and stalled connections', () => {
  it('after server.drop() the shards re-join, and sends made meanwhile are delivered exactly once', async () => {
    server = await startServer();
    const { privmsgs } = recordServer(server);
    client = createClient(server, { channelsPerShard: 5, initialShardCount: SHARDS, initialChannels: CHANNELS });
    await client.start();

    // Reconnects are refused for a while, so the outage lasts long enough to send into it.
    server.refuseConnections(1_000_000);
    expect(server.drop(LOGIN)).toBe(SHARDS);
    const texts = ['during drop 1', 'during drop 2', 'during drop 3', 'during drop 4'];
    const sent = await sendDuringOutage(privmsgs, texts);

    for (const text of texts) expect(delivered(privmsgs, text).map((event) => event.outcome)).toEqual(['delivered']);
    expect(sent.map((message) => message.text)).toEqual(texts);
    await expectRecovered();
    await sleep(200);
    for (const text of texts) expect(delivered(privmsgs, text)).toHaveLength(1);
    expect(server.violations()).toEqual([]);
  });

  it('after server.stall() the keepalive notices, the shards re-join, and sends made meanwhile are delivered exactly once', async () => {
    server = await startServer();
    const { privmsgs } = recordServer(server);
    client = createClient(server, {
      channelsPerShard: 5,
      initialShardCount: SHARDS,
      initialChannels: CHANNELS,
      transportOptions: { keepaliveIntervalMs: 300, keepaliveTimeoutMs: 300 },
    });
    await client.start();
    // Busy chat keeps healthy sockets from idling into a keepalive PING, so only the stalled path goes silent.
    let count = 0;
    chatter = setInterval(() => {
      for (const channel of CHANNELS) server!.chat(channel, { login: 'viewer', text: `chatter ${count++}` });
    }, 100);

    server.refuseConnections(1_000_000);
    expect(server.stall(LOGIN)).toBe(SHARDS);
    const texts = ['during stall 1', 'during stall 2', 'during stall 3'];
    const sent = await sendDuringOutage(privmsgs, texts);

    for (const text of texts) expect(delivered(privmsgs, text).map((event) => event.outcome)).toEqual(['delivered']);
    expect(sent.map((message) => message.text)).toEqual(texts);
    await expectRecovered();
    await sleep(200);
    for (const text of texts) expect(delivered(privmsgs, text)).toHaveLength(1);
    expect(server.violations()).toEqual([]);
  });
});
