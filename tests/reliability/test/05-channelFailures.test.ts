import { ShardCapacityError, type JoinFailureReason } from '@tio/core';
import type { MockTwitchServer } from '@tio/testing';
import { afterAll, afterEach, expect, it } from 'vitest';
import { LOGIN, channelNames, createClient, scaledLimits, startServer, type Capture } from '../support/harness.js';
import { recordFigures, round } from '../support/report.js';
import { expectNoSecretsIn } from '../support/secrets.js';

// Scenario 5 (issue #6): among 500 joins, suspended, banned and nonexistent channels (twitch-protocol.md §3.10:
// NOTICE msg_channel_suspended, NOTICE msg_banned, and silence) must each end in `joinFailure` with the right reason,
// leave the shard they were placed on (capacity released, seed bug P6), while the rest join. The bot moderates every
// channel: more than 100 rooms need it (§4.3).
const SCALE = 0.02; // JOIN 20 per 10 s → 20 per 200 ms
const TOTAL = 500;
const PER_KIND = 15;
const CHANNELS = channelNames('chan', TOTAL);
const SUSPENDED = CHANNELS.slice(0, PER_KIND * 3).filter((_, index) => index % 3 === 0);
const BANNED = CHANNELS.slice(0, PER_KIND * 3).filter((_, index) => index % 3 === 1);
const NONEXISTENT = CHANNELS.slice(0, PER_KIND * 3).filter((_, index) => index % 3 === 2);
const CHANNELS_PER_SHARD = 100;
const MAX_SHARDS = 5; // exactly 500 places: the failed channels' places must come back for the refill below.
const JOIN_TIMEOUT_MS = 2_000;

let server: MockTwitchServer | undefined;
let client: ReturnType<typeof createClient>['client'] | undefined;
const captures: Capture[] = [];

afterEach(async () => {
  await client?.stop();
  await server?.stop();
});

afterAll(() => expectNoSecretsIn(5, captures));

it(`${TOTAL} joins with ${PER_KIND} suspended, ${PER_KIND} banned, ${PER_KIND} nonexistent: right reasons, capacity released, the rest joined`, async () => {
  const refill = channelNames('refill', PER_KIND * 3);
  server = await startServer({ timeScale: SCALE, moderatorIn: [...CHANNELS, ...refill] });
  for (const channel of SUSPENDED) server.setChannelState(channel, { suspended: true });
  for (const channel of BANNED) server.setChannelState(channel, { banned: true });
  for (const channel of NONEXISTENT) server.setChannelState(channel, { nonexistent: true });
  const created = createClient(server, {
    channelsPerShard: CHANNELS_PER_SHARD,
    maxShardCount: MAX_SHARDS,
    rateLimits: scaledLimits(SCALE, 0.25),
    transportOptions: { joinTimeoutMs: JOIN_TIMEOUT_MS },
  });
  client = created.client;
  captures.push(created.capture);
  const bot = client;
  const failures: Array<{ channel: string; reason: JoinFailureReason }> = [];
  bot.on('joinFailure', (channel, reason) => failures.push({ channel, reason }));
  await bot.start();

  const startedAt = performance.now();
  const results = await bot.join(CHANNELS);
  const joinMs = performance.now() - startedAt;
  const failedResults = results.filter((result) => !result.joined);
  const reasonOf = (channel: string): string | undefined => {
    const result = results.find((candidate) => candidate.channel === channel);
    return result === undefined || result.joined ? undefined : result.reason;
  };
  const byReason: Record<string, number> = {};
  for (const result of failedResults) if (!result.joined) byReason[result.reason] = (byReason[result.reason] ?? 0) + 1;
  const placed = [...bot.shards.values()].reduce((sum, shard) => sum + shard.channelCount, 0);
  const limiter = bot.limiters.get(LOGIN);

  // The freed places take new channels: with 5 × 100 places, this only fits if all 45 failures were released.
  const refillStarted = performance.now();
  const refillResults = await bot.join(refill).catch((error: unknown) => error);
  const refillMs = performance.now() - refillStarted;

  recordFigures({
    scenario: 5,
    case: `${TOTAL} joins on ${CHANNELS_PER_SHARD}-channel shards (max ${MAX_SHARDS}), bot moderator everywhere`,
    note: `JOIN limit scaled ×${SCALE} (20 per ${10_000 * SCALE} ms); join timeout ${JOIN_TIMEOUT_MS} ms; a nonexistent channel is silent on Twitch, so it can only time out`,
    figures: {
      joins: TOTAL,
      joined: results.filter((result) => result.joined).length,
      'failed: suspended': byReason['suspended'] ?? 0,
      'failed: banned': byReason['banned'] ?? 0,
      'failed: timeout (nonexistent)': byReason['timeout'] ?? 0,
      'failed: other': failedResults.length - (byReason['suspended'] ?? 0) - (byReason['banned'] ?? 0) - (byReason['timeout'] ?? 0),
      'joinFailure events': failures.length,
      'all settled ms': round(joinMs, 0),
      'JOIN budget minimum ms': (Math.ceil(TOTAL / 20) - 1) * 10_000 * SCALE,
      'channels left on shards': placed,
      'limiter rooms counted (non-moderator)': limiter.roomCount,
      'mock violations': server.violations().length,
      'refill of the freed places': Array.isArray(refillResults) ? `${refillResults.filter((result) => result.joined).length}/${refill.length} joined in ${round(refillMs, 0)} ms` : String(refillResults),
    },
  });

  for (const channel of SUSPENDED) expect(reasonOf(channel)).toBe('suspended');
  for (const channel of BANNED) expect(reasonOf(channel)).toBe('banned');
  for (const channel of NONEXISTENT) expect(reasonOf(channel)).toBe('timeout');
  expect(failedResults).toHaveLength(PER_KIND * 3);
  expect(failures.map((failure) => failure.channel).sort()).toEqual([...SUSPENDED, ...BANNED, ...NONEXISTENT].sort());
  // Capacity released: the failed channels are on no shard, nothing else is lost.
  for (const channel of [...SUSPENDED, ...BANNED, ...NONEXISTENT]) expect(bot.shardManager!.shardOf(channel)).toBeUndefined();
  expect(placed).toBe(TOTAL - PER_KIND * 3);
  expect(limiter.roomCount).toBe(0);
  expect(server.violations()).toEqual([]);
  expect(ShardCapacityError.isInstance(refillResults)).toBe(false);
  expect(Array.isArray(refillResults) && refillResults.every((result) => result.joined)).toBe(true);
  const live = new Set(server.stats().accounts[LOGIN]?.channels);
  for (const channel of [...CHANNELS.slice(PER_KIND * 3), ...refill]) expect(live.has(channel)).toBe(true);
}, 60_000);
