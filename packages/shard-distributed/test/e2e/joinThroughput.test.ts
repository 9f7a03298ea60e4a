import type { MockTwitchServer } from '@tio/testing';
import { afterEach, expect, it } from 'vitest';
import { LOGIN, TOKEN, channelNames, createClient, shardLoads, startServer } from '../support/harness.js';

// Issue #4, scenario 2: 200 channels over 8 shards of one login, with Twitch's JOIN and authentication limits
// (20 per 10 s each, twitch-protocol.md §4.4) scaled down in time to 20 per 1 s, on the mock and in the client.
const JOIN_LIMIT = 20;
const WINDOW_MS = 1_000;
const CHANNELS = channelNames('crowd', 200);
const SHARDS = 8;
// A little above the default 2 %: the mock runs on the test's event loop, so its reading of a JOIN can lag some
// milliseconds behind the client's sending. 3 % of the window is 30 ms of slack and leaves room under 1.05x.
const SAFETY_MARGIN = 0.03;

let server: MockTwitchServer | undefined;
let client: ReturnType<typeof createClient> | undefined;

afterEach(async () => {
  await client?.stop();
  await server?.stop();
});

it('joins 200 channels over 8 shards with 0 violations, within 1.05x of the account’s theoretical minimum', async () => {
  server = await startServer({
    // Over 100 rooms for one account: the bot is moderator everywhere (§4.3).
    accounts: [{ login: LOGIN, token: TOKEN, moderatorIn: CHANNELS }],
    limits: { join: { count: JOIN_LIMIT, windowMs: WINDOW_MS }, login: { count: JOIN_LIMIT, windowMs: WINDOW_MS } },
  });
  client = createClient(server, {
    channelsPerShard: 25,
    initialShardCount: SHARDS,
    maxShardCount: SHARDS,
    initialChannels: CHANNELS,
    rateLimits: {
      join: { limit: JOIN_LIMIT, windowMs: WINDOW_MS },
      login: { limit: JOIN_LIMIT, windowMs: WINDOW_MS },
      safetyMargin: SAFETY_MARGIN,
    },
  });

  const startedAt = performance.now();
  await client.start();
  const startMs = performance.now() - startedAt;

  // Measured on the server's clock, from its recorded JOIN timestamps: the span from the first JOIN to the last. This
  // leaves out connecting and logging in (8 logins fit in one authentication window, so they cost no wait) and the
  // test's own scheduling around start(); what remains is how closely the shards together follow the account's JOIN
  // budget. The floor: JOIN number k (0-based) cannot reach the server less than floor(k / 20) windows after the
  // first, so the last of 200 comes at least floor(199 / 20) = 9 windows after the first. With 0 violations on the
  // mock the span can never be below it.
  const stats = server.stats();
  const joinTimes = [...(stats.accounts[LOGIN]?.joins ?? [])].sort((left, right) => left - right);
  const joinSpanMs = (joinTimes[joinTimes.length - 1] ?? 0) - (joinTimes[0] ?? 0);
  const theoreticalMinimumMs = Math.floor((CHANNELS.length - 1) / JOIN_LIMIT) * WINDOW_MS;
  const ratio = joinSpanMs / theoreticalMinimumMs;
  console.info(
    `[scenario 2] 200 JOINs over ${SHARDS} shards: first to last JOIN at the server ${joinSpanMs} ms; theoretical ` +
      `minimum ${theoreticalMinimumMs} ms; ratio ${ratio.toFixed(4)} (start() took ${startMs.toFixed(0)} ms on the test's clock)`,
  );

  expect(stats.violations).toEqual([]);
  expect(stats.accounts[LOGIN]?.channels).toEqual([...CHANNELS].sort());
  expect(joinTimes).toHaveLength(200);
  expect(Object.values(shardLoads(client))).toEqual(Array.from({ length: SHARDS }, () => 25));
  expect(ratio).toBeGreaterThanOrEqual(1);
  expect(ratio).toBeLessThanOrEqual(1.05);
}, 30_000);
