import type { ChatMessageEvent, SentMessage } from '@tio/core';
import type { MockTwitchServer, PrivmsgEvent } from '@tio/testing';
import { afterEach, expect, it } from 'vitest';
import { LOGIN, channelNames, createClient, managerOf, startServer, waitUntil } from '../support/harness.js';

// Issue #7, "done when" 1: 2,000 channels read through anonymous shards while one authenticated login sends to any of
// them, with 0 violations in the mock and the login never over its 100-room cap (twitch-protocol.md §4.3).
const CHANNELS = channelNames('stream', 2_000);
/**
 * The readers' JOIN pace, on both sides: the client's shared anonymous limiter and the mock's anonymous JOIN budget
 * (which closes any anonymous connection past it). 200 per 500 ms is the field measurement's 45 per 10 s made fast
 * for the test (§1.4: no limit was found); what matters is that 2,000 JOINs through 20 readers never burst past it.
 */
const ANONYMOUS_JOIN = { limit: 200, windowMs: 500 } as const;
/** Sends to this many channels spread over all readers: more than one 20-per-30-s window (scaled) allows. */
const SEND_COUNT = 45;

let server: MockTwitchServer | undefined;
let client: ReturnType<typeof createClient> | undefined;

afterEach(async () => {
  await client?.stop();
  await server?.stop();
});

it('reads 2,000 channels through anonymous readers while the login sends to any of them from a shard that joins nothing', async () => {
  // The mock's window is 20 % shorter than the client's: the mock shares the test's event loop and may read a JOIN
  // late, which must not look like a burst; a client that did not pace its readers would still burst through it.
  server = await startServer({ limits: { anonymousJoin: { count: ANONYMOUS_JOIN.limit, windowMs: ANONYMOUS_JOIN.windowMs * 0.8 } } });
  const privmsgs: PrivmsgEvent[] = [];
  server.on('privmsg', (event: PrivmsgEvent) => privmsgs.push(event));
  client = createClient(server, {
    channelsPerShard: 100,
    maxShardCount: 25,
    initialChannels: [...CHANNELS, LOGIN],
    // Its own channel is joined by the login itself, for its USERSTATE (broadcaster: outside the room cap).
    joinAs: { [LOGIN]: [LOGIN] },
    // The readers' own limiter; the login keeps Twitch's 20 JOINs per 10 s (scaled) for its one JOIN.
    extra: { anonymousRateLimits: { join: ANONYMOUS_JOIN } },
  });
  const echoes = new Map<string, ChatMessageEvent>();
  client.on('message', (message) => {
    if (message.self) echoes.set(message.text, message);
  });

  const startedAt = performance.now();
  await client.start();
  const joinMs = performance.now() - startedAt;
  const manager = managerOf(client);
  expect(client.limiters.get(null).limits.join.limit).toBe(ANONYMOUS_JOIN.limit);
  expect(client.limiters.get(LOGIN).limits.join.limit).toBe(20);

  // 20 anonymous readers of 100 channels each, one sender holding only its own channel.
  const readers = manager.readerShards();
  expect(readers).toHaveLength(20);
  for (const reader of readers) {
    expect(reader.login).toBeNull();
    expect(reader.channelCount).toBe(100);
    expect(reader.joinedChannels.size).toBe(100);
  }
  expect(manager.senderShards().map((shard) => [shard.id, [...shard.channels]])).toEqual([[`sender-${LOGIN}`, [LOGIN]]]);
  const stats = server.stats();
  const anonymousConnections = stats.connections.filter((connection) => connection.anonymous);
  expect(anonymousConnections).toHaveLength(20);
  expect(new Set(anonymousConnections.flatMap((connection) => connection.channels)).size).toBe(2_000);
  expect(stats.accounts[LOGIN]).toMatchObject({ channels: [LOGIN], rooms: [], peakRooms: 0 });
  expect(stats.accounts[LOGIN]?.joins).toHaveLength(1);

  // Sends to channels spread over every reader: each goes through the login's sender shard, which never joined them.
  const targets = Array.from({ length: SEND_COUNT }, (_, index) => CHANNELS[(index * 997) % CHANNELS.length] as string);
  const sendStartedAt = performance.now();
  const results = await Promise.allSettled(targets.map((channel, index) => client!.send(channel, `hello ${index} from afar`)));
  const sendMs = performance.now() - sendStartedAt;

  const sent = results.map((result) => (result.status === 'fulfilled' ? result.value : result.reason)) as SentMessage[];
  expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
  for (const message of sent) {
    expect(message.shardId).toBe(`sender-${LOGIN}`);
    expect(message.messageId).toEqual(expect.any(String));
  }
  expect(privmsgs.filter((event) => event.outcome === 'delivered')).toHaveLength(SEND_COUNT);
  // Twitch relays the message to the other connections in the channel (§3.2): each came back on its anonymous reader.
  await waitUntil(() => echoes.size === SEND_COUNT, 5_000, 'every message to come back on its reader');
  targets.forEach((channel, index) => {
    const echo = echoes.get(`hello ${index} from afar`);
    expect(echo?.channel).toBe(channel);
    expect(client!.shards.get(echo?.shardId ?? '')?.login).toBeNull();
  });

  const after = server.stats();
  expect(after.violations).toEqual([]);
  // The login sent to 45 channels it never joined, and never sat in a room under the cap.
  expect(after.accounts[LOGIN]).toMatchObject({ channels: [LOGIN], rooms: [], peakRooms: 0, messagesSent: SEND_COUNT });
  expect(after.accounts[LOGIN]?.joins).toHaveLength(1);
  expect(after.messagesRelayed).toBeGreaterThanOrEqual(SEND_COUNT);
  console.info(
    `[2,000 channels] ${readers.length} anonymous readers + 1 sender; start (login + 2,001 JOINs) ${Math.round(joinMs)} ms; ` +
      `${SEND_COUNT} sends settled in ${Math.round(sendMs)} ms; violations ${after.violations.length}; ` +
      `sender rooms peak ${after.accounts[LOGIN]?.peakRooms}`,
  );
}, 60_000);
