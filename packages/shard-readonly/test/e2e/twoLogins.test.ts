import { NoSenderShardError, type JoinFailureReason, type RateLimitedEvent, type SentMessage } from '@tio/core';
import type { MockTwitchServer, PrivmsgEvent } from '@tio/testing';
import { afterEach, expect, it } from 'vitest';
import {
  LOGIN,
  OTHER_LOGIN,
  SCALED_LIMITS,
  bothAccounts,
  channelNames,
  createClient,
  managerOf,
  startServer,
  waitUntil,
} from '../support/harness.js';

// Issue #7, "done when" 2: two bot logins in one Client, each with its own account-wide budgets (twitch-protocol.md
// §0.3, §4.1: limits count per account), so saturating one login's 20-per-30-s bucket does not delay the other.
let server: MockTwitchServer | undefined;
let client: ReturnType<typeof createClient> | undefined;

afterEach(async () => {
  await client?.stop();
  await server?.stop();
});

it("saturating one login's message bucket does not delay the other login's sends", async () => {
  server = await startServer();
  const privmsgs: PrivmsgEvent[] = [];
  server.on('privmsg', (event: PrivmsgEvent) => privmsgs.push(event));
  const channels = channelNames('shared', 30);
  client = createClient(server, {
    tokenHandler: bothAccounts(),
    senders: [LOGIN, OTHER_LOGIN],
    channelsPerShard: 10,
    initialChannels: channels,
  });
  const waits: RateLimitedEvent[] = [];
  client.on('rateLimited', (event) => waits.push(event));
  await client.start();
  expect(managerOf(client).senderShards().map((shard) => shard.id)).toEqual([`sender-${LOGIN}`, `sender-${OTHER_LOGIN}`]);

  // 30 messages as LOGIN, one per channel: 20 fit its 20-per-30-s bucket (scaled), 10 wait for the window to slide.
  const settledA: Array<{ index: number; at: number }> = [];
  const startedAt = performance.now();
  const sendsA = channels.map((channel, index) =>
    client!.send(channel, `a ${index}`).then((sent) => {
      settledA.push({ index, at: performance.now() - startedAt });
      return sent;
    }),
  );
  await waitUntil(() => settledA.length === 20, 5_000, "LOGIN's first 20 messages");
  expect(waits.some((event) => event.login === LOGIN && event.bucket === 'messageUser')).toBe(true);

  // LOGIN's queue is saturated now; OTHER_LOGIN's messages go out at once from its own bucket.
  const queuedA = channels.length - settledA.length;
  const otherStartedAt = performance.now();
  const sentB: SentMessage[] = await Promise.all(
    channels.slice(0, 5).map((channel, index) => client!.send(channel, `b ${index}`, { as: OTHER_LOGIN })),
  );
  const otherMs = performance.now() - otherStartedAt;
  const settledAWhenBDone = settledA.length;

  expect(queuedA).toBe(10);
  // Every message of the other login settled while LOGIN still had messages waiting for its bucket.
  expect(settledAWhenBDone).toBe(20);
  for (const sent of sentB) {
    expect(sent.shardId).toBe(`sender-${OTHER_LOGIN}`);
    expect(sent.messageId).toEqual(expect.any(String));
  }
  expect(waits.filter((event) => event.login === OTHER_LOGIN)).toEqual([]);

  await Promise.all(sendsA);
  const lastA = Math.max(...settledA.map((entry) => entry.at));
  const stats = server.stats();
  expect(stats.violations).toEqual([]);
  expect(stats.accounts[LOGIN]).toMatchObject({ messagesSent: 30, channels: [], peakRooms: 0 });
  expect(stats.accounts[OTHER_LOGIN]).toMatchObject({ messagesSent: 5, channels: [], peakRooms: 0 });
  expect(privmsgs.filter((event) => event.outcome !== 'delivered')).toEqual([]);
  console.info(
    `[two logins] ${OTHER_LOGIN}'s 5 sends settled in ${Math.round(otherMs)} ms while ${LOGIN} had ${queuedA} of 30 waiting; ` +
      `${LOGIN}'s last settled after ${Math.round(lastA)} ms; violations ${stats.violations.length}`,
  );
}, 30_000);

it('gives each login its own room cap for the channels it joins itself', async () => {
  server = await startServer();
  client = createClient(server, {
    tokenHandler: bothAccounts(),
    joinAs: { [LOGIN]: ['mine1', 'mine2', 'mine3'], [OTHER_LOGIN]: ['theirs1', 'theirs2'] },
    initialChannels: ['mine1', 'mine2', 'mine3', 'theirs1', 'theirs2', 'readonly1'],
    // A room cap of 2 per account (Twitch's is 100, §4.3), so the third room of one login is refused.
    rateLimits: { ...SCALED_LIMITS, concurrentRooms: 2 },
  });
  const failures: Array<[string, JoinFailureReason]> = [];
  client.on('joinFailure', (channel, reason) => failures.push([channel, reason]));
  await client.start();

  expect(failures).toEqual([['mine3', 'concurrentRoomCap']]);
  const stats = server.stats();
  expect(stats.accounts[LOGIN]?.rooms).toEqual(['mine1', 'mine2']);
  expect(stats.accounts[OTHER_LOGIN]?.rooms).toEqual(['theirs1', 'theirs2']);
  expect(stats.connections.filter((connection) => connection.anonymous).flatMap((connection) => connection.channels)).toEqual(['readonly1']);
  expect(stats.violations).toEqual([]);
  expect(client.limiters.get(LOGIN)).not.toBe(client.limiters.get(OTHER_LOGIN));
});

it('opens a sender shard on first use for a login the token handler knows, and refuses one it does not', async () => {
  server = await startServer();
  const privmsgs: PrivmsgEvent[] = [];
  server.on('privmsg', (event: PrivmsgEvent) => privmsgs.push(event));
  client = createClient(server, { tokenHandler: bothAccounts(), initialChannels: ['somewhere'] });
  await client.start();
  const manager = managerOf(client);
  expect(manager.senderShards().map((shard) => shard.id)).toEqual([`sender-${LOGIN}`]);

  const sent = await client.send('somewhere', 'hello from the helper', { as: OTHER_LOGIN });

  expect(sent.shardId).toBe(`sender-${OTHER_LOGIN}`);
  expect(manager.senderShards(OTHER_LOGIN).map((shard) => shard.status)).toEqual(['ready']);
  expect(privmsgs.map((event) => [event.login, event.outcome])).toEqual([[OTHER_LOGIN, 'delivered']]);
  await expect(client.send('somewhere', 'who am I', { as: 'stranger' })).rejects.toSatisfy((error: unknown) =>
    NoSenderShardError.isInstance(error),
  );
  expect(manager.senderShards().map((shard) => shard.id)).toEqual([`sender-${LOGIN}`, `sender-${OTHER_LOGIN}`]);
  expect(server.violations()).toEqual([]);
});

it("client.join(channel, { as }) puts the channel on that login's sender shard, under that login's room cap", async () => {
  server = await startServer();
  client = createClient(server, { tokenHandler: bothAccounts(), initialChannels: ['read1'] });
  await client.start();
  const manager = managerOf(client);

  const results = await client.join(['helpers_home', 'helpers_other'], { as: OTHER_LOGIN });
  const [plain] = await client.join('read2');

  expect(results.every((result) => result.joined)).toBe(true);
  expect(plain?.joined).toBe(true);
  expect([...(manager.senderShards(OTHER_LOGIN)[0]?.channels ?? [])].sort()).toEqual(['helpers_home', 'helpers_other']);
  expect(manager.shardOf('read2')?.login).toBeNull();
  const stats = server.stats();
  expect(stats.accounts[OTHER_LOGIN]).toMatchObject({ rooms: ['helpers_home', 'helpers_other'], peakRooms: 2 });
  expect(stats.accounts[LOGIN]).toMatchObject({ channels: [], peakRooms: 0 });
  // A login the token handler does not know cannot join.
  const [stranger] = await client.join('nowhere', { as: 'stranger' });
  expect(stranger !== undefined && !stranger.joined && stranger.reason === 'assignFailed' && NoSenderShardError.isInstance(stranger.error)).toBe(true);
  expect(stats.violations).toEqual([]);
});
