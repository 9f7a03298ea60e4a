import type { MockTwitchServer } from '@tio/testing';
import { afterAll, afterEach, expect, it } from 'vitest';
import { LOGIN, channelNames, createClient, fullyRecovered, scaledLimits, sleep, startServer, waitUntil, type Capture } from '../support/harness.js';
import { LONG, median, recordFigures, round } from '../support/report.js';
import { expectNoSecretsIn } from '../support/secrets.js';

// Scenario 1 (issue #6): 50 shards of one login are all told RECONNECT at once, then all dropped at once, several
// rounds. Twitch counts logins and JOINs per account (twitch-protocol.md §0.3, §4.4: 20 each per 10 s), so the pool
// must re-dial and re-join through one shared budget: 0 violations in the mock. The figure is the time to full
// recovery against the least time the budget allows.
const SCALE = 0.05; // 10 s windows → 500 ms, on both sides.
const SHARDS = 50;
const CHANNELS_PER_SHARD = 2;
const CHANNELS = channelNames('storm', SHARDS * CHANNELS_PER_SHARD);
const ROUNDS = LONG ? 10 : 3;
const LOGIN_LIMIT = { limit: 20, windowMs: 10_000 * SCALE };
const JOIN_LIMIT = { limit: 20, windowMs: 10_000 * SCALE };

/** The least time n paced actions take under `limit` per `windowMs`: the last batch starts ceil(n/limit)-1 windows in. */
function budgetMinimumMs(count: number, window: { limit: number; windowMs: number }): number {
  return (Math.ceil(count / window.limit) - 1) * window.windowMs;
}

let server: MockTwitchServer | undefined;
let client: ReturnType<typeof createClient>['client'] | undefined;
const captures: Capture[] = [];

afterEach(async () => {
  await client?.stop();
  await server?.stop();
});

afterAll(() => expectNoSecretsIn(1, captures));

it(`50 shards told RECONNECT together, then dropped together, ${ROUNDS} rounds: 0 login/JOIN violations, full recovery each time`, async () => {
  // The bot moderates every channel: 100 rooms plus the make-before-break overlap would otherwise meet the room cap
  // (§4.3), which is scenario 5's subject, not this one's.
  server = await startServer({ timeScale: SCALE, reconnectGraceMs: 5_000, moderatorIn: CHANNELS });
  const created = createClient(server, {
    channelsPerShard: CHANNELS_PER_SHARD,
    initialShardCount: SHARDS,
    maxShardCount: SHARDS,
    initialChannels: CHANNELS,
    rateLimits: scaledLimits(SCALE),
    transportOptions: { reconnectGraceMs: 4_000, joinTimeoutMs: 5_000, loginTimeoutMs: 5_000 },
  });
  client = created.client;
  captures.push(created.capture);
  const bot = client;
  const startedAt = performance.now();
  await bot.start();
  const startMs = performance.now() - startedAt;
  expect(bot.shards.size).toBe(SHARDS);
  await waitUntil(() => fullyRecovered(bot, server!, LOGIN, CHANNELS), 10_000, 'the initial joins');

  const loginMinMs = budgetMinimumMs(SHARDS, LOGIN_LIMIT);
  const joinMinMs = budgetMinimumMs(CHANNELS.length, JOIN_LIMIT);
  // Logins and JOINs draw on separate budgets and overlap; the slower of the two bounds the recovery.
  const minimumMs = Math.max(loginMinMs, joinMinMs);
  const reconnectTimes: number[] = [];
  const dropTimes: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const loginsBefore = server.stats().accounts[LOGIN]?.logins.length ?? 0;
    const told = performance.now();
    expect(server.reconnect(LOGIN)).toBe(SHARDS);
    // Recovered once every shard re-joined on its replacement socket and the told sockets are closed.
    await waitUntil(
      () => (server!.stats().accounts[LOGIN]?.logins.length ?? 0) >= loginsBefore + SHARDS && fullyRecovered(bot, server!, LOGIN, CHANNELS),
      30_000,
      `recovery from RECONNECT, round ${round + 1}`,
    );
    reconnectTimes.push(performance.now() - told);

    const dropped = performance.now();
    expect(server.drop(LOGIN)).toBe(SHARDS);
    await waitUntil(() => [...bot.shards.values()].every((shard) => shard.status !== 'ready'), 5_000, 'every shard to notice the drop');
    await waitUntil(() => fullyRecovered(bot, server!, LOGIN, CHANNELS), 30_000, `recovery from the drop, round ${round + 1}`);
    dropTimes.push(performance.now() - dropped);
  }

  const stats = server.stats();
  const violations = stats.violations.filter((violation) => violation.kind === 'login' || violation.kind === 'join');
  recordFigures({
    scenario: 1,
    case: `${SHARDS} shards × ${CHANNELS_PER_SHARD} channels, ${ROUNDS} rounds of RECONNECT-all then drop-all`,
    note: `limits scaled ×${SCALE} on both sides (login and JOIN 20 per ${LOGIN_LIMIT.windowMs} ms); budget minimum = (ceil(n/20)−1) windows for the slower of ${SHARDS} logins and ${CHANNELS.length} JOINs`,
    figures: {
      shards: SHARDS,
      channels: CHANNELS.length,
      rounds: ROUNDS,
      'initial start ms': round(startMs, 0),
      'budget minimum ms': minimumMs,
      // The client keeps a 20 % safety margin on every window (scaledLimits), and a recovery starts with the previous
      // round's JOINs still in the sliding window, so its own floor is ceil(n/20) windows × 1.2.
      'client floor ms (ceil(n/20) windows × 1.2)': round(Math.ceil(CHANNELS.length / JOIN_LIMIT.limit) * JOIN_LIMIT.windowMs * 1.2, 0),
      'RECONNECT recovery median ms': round(median(reconnectTimes), 0),
      'RECONNECT recovery max ms': round(Math.max(...reconnectTimes), 0),
      'drop recovery median ms': round(median(dropTimes), 0),
      'drop recovery max ms': round(Math.max(...dropTimes), 0),
      'RECONNECT recovery / budget minimum': round(median(reconnectTimes) / minimumMs, 2),
      'drop recovery / budget minimum': round(median(dropTimes) / minimumMs, 2),
      'login attempts': stats.accounts[LOGIN]?.logins.length ?? 0,
      'JOIN attempts': stats.accounts[LOGIN]?.joins.length ?? 0,
      'login violations': violations.filter((violation) => violation.kind === 'login').length,
      'JOIN violations': violations.filter((violation) => violation.kind === 'join').length,
      'all violations': stats.violations.length,
    },
  });
  expect(violations).toEqual([]);
  expect(stats.violations).toEqual([]);
  // Exactly one login per shard per round trip: the initial one, one per RECONNECT, one per drop.
  expect(stats.accounts[LOGIN]?.logins.length).toBe(SHARDS * (1 + 2 * ROUNDS));
}, LONG ? 600_000 : 90_000);

it('at the 100-room cap (no moderator rooms): RECONNECT-all then drop-all keeps every room, 0 violations, no joinFailure', async () => {
  // Twitch counts rooms per account across connections (§4.3). A make-before-break switch joins each room on the
  // replacement while the old socket still holds it: the same room, so it must not count twice, client or server side.
  const shards = 20;
  const channels = channelNames('capped', 100);
  server = await startServer({ timeScale: SCALE, reconnectGraceMs: 5_000 });
  const created = createClient(server, {
    channelsPerShard: 5,
    initialShardCount: shards,
    maxShardCount: shards,
    initialChannels: channels,
    rateLimits: scaledLimits(SCALE),
    transportOptions: { reconnectGraceMs: 4_000, joinTimeoutMs: 5_000, loginTimeoutMs: 5_000 },
  });
  client = created.client;
  captures.push(created.capture);
  const bot = client;
  const failures: string[] = [];
  bot.on('joinFailure', (channel, reason) => failures.push(`${channel}: ${reason}`));
  await bot.start();
  await waitUntil(() => fullyRecovered(bot, server!, LOGIN, channels), 10_000, 'the initial joins');
  const times: Record<string, number> = {};
  for (let pass = 0; pass < 2; pass++) {
    const loginsBefore = server.stats().accounts[LOGIN]?.logins.length ?? 0;
    let startedAt = performance.now();
    server.reconnect(LOGIN);
    await waitUntil(
      () => (server!.stats().accounts[LOGIN]?.logins.length ?? 0) >= loginsBefore + shards && fullyRecovered(bot, server!, LOGIN, channels),
      30_000,
      `recovery from RECONNECT at the cap, round ${pass + 1}`,
    );
    times[`reconnect round ${pass + 1} ms`] = round(performance.now() - startedAt, 0);
    startedAt = performance.now();
    server.drop(LOGIN);
    await waitUntil(() => [...bot.shards.values()].every((shard) => shard.status !== 'ready'), 5_000, 'every shard to notice the drop');
    await waitUntil(() => fullyRecovered(bot, server!, LOGIN, channels), 30_000, `recovery from the drop at the cap, round ${pass + 1}`);
    times[`drop round ${pass + 1} ms`] = round(performance.now() - startedAt, 0);
  }
  const violations = server.violations();
  recordFigures({
    scenario: 1,
    case: `${shards} shards × 5 channels = 100 non-moderator rooms (the account cap), 2 rounds`,
    figures: {
      ...times,
      'budget minimum ms (100 JOINs)': budgetMinimumMs(100, JOIN_LIMIT),
      'limiter rooms counted at the end': bot.limiters.get(LOGIN).roomCount,
      joinFailures: failures.length,
      violations: violations.length,
      'violation kinds': [...new Set(violations.map((violation) => violation.kind))].join(', ') || 'none',
    },
  });
  expect(failures).toEqual([]);
  expect(violations).toEqual([]);
  expect(bot.limiters.get(LOGIN).roomCount).toBe(100);
}, 60_000);

it('RECONNECT to every shard in the middle of the initial join storm, then drops while replacements log in: every channel on exactly one socket, 0 violations', async () => {
  const shards = 10;
  const channels = channelNames('midstorm', 100);
  server = await startServer({ timeScale: SCALE, reconnectGraceMs: 3_000, moderatorIn: channels });
  const created = createClient(server, {
    channelsPerShard: 10,
    initialShardCount: shards,
    maxShardCount: shards,
    initialChannels: channels,
    rateLimits: scaledLimits(SCALE),
    transportOptions: { reconnectGraceMs: 2_500, joinTimeoutMs: 5_000, loginTimeoutMs: 5_000 },
  });
  client = created.client;
  captures.push(created.capture);
  const bot = client;
  const failures: string[] = [];
  bot.on('joinFailure', (channel, reason) => failures.push(`${channel}: ${reason}`));
  const startedAt = performance.now();
  const starting = bot.start();
  // Fault while JOINs are still being paced (100 JOINs need 5 windows).
  await waitUntil(() => (server!.stats().accounts[LOGIN]?.joins.length ?? 0) >= 30, 10_000, '30 JOINs');
  const told = server.reconnect(LOGIN);
  await waitUntil(() => server!.connections(LOGIN).length > shards, 5_000, 'the first replacement sockets');
  const dropped = server.drop(LOGIN);
  await starting;
  await waitUntil(() => fullyRecovered(bot, server!, LOGIN, channels), 30_000, 'recovery');
  const recoveredMs = performance.now() - startedAt;
  await sleep(200);
  const memberships = server.connections(LOGIN).flatMap((connection) => connection.channels);
  const violations = server.violations();
  recordFigures({
    scenario: 1,
    case: `${shards} shards × 10 channels: RECONNECT-all after 30 of 100 initial JOINs, then drop-all while replacements log in`,
    figures: {
      'sockets told RECONNECT': told,
      'sockets dropped': dropped,
      'start to full recovery ms': round(recoveredMs, 0),
      'channel memberships on live sockets': memberships.length,
      'distinct channels': new Set(memberships).size,
      joinFailures: failures.length,
      violations: violations.length,
      'login attempts': server.stats().accounts[LOGIN]?.logins.length ?? 0,
    },
  });
  expect(failures).toEqual([]);
  expect(violations).toEqual([]);
  expect(memberships.length).toBe(channels.length);
  expect(new Set(memberships).size).toBe(channels.length);
}, 60_000);

it('50 shards dropped while the server refuses connections for 3 s: exponential backoff (no hot loop), 0 violations when it returns', async () => {
  const channels = channelNames('outage', 50);
  server = await startServer({ timeScale: SCALE, moderatorIn: channels });
  const created = createClient(server, {
    channelsPerShard: 1,
    initialShardCount: SHARDS,
    maxShardCount: SHARDS,
    initialChannels: channels,
    rateLimits: scaledLimits(SCALE),
    // Seed bug B3 retried at once in a loop; here the delay must double from 100 ms up to the 1.6 s cap (±20 % jitter).
    transportOptions: { reconnectDelayMs: 100, maxReconnectDelayMs: 1_600, joinTimeoutMs: 5_000, loginTimeoutMs: 5_000 },
  });
  client = created.client;
  captures.push(created.capture);
  const bot = client;
  await bot.start();
  const attempts = new Map<string, number[]>();
  bot.on('shardReconnect', (shardId, _attempt, delayMs) => attempts.set(shardId, [...(attempts.get(shardId) ?? []), delayMs]));
  server.refuseConnections(1_000_000);
  const droppedAt = performance.now();
  server.drop(LOGIN);
  await sleep(3_000);
  const duringOutage = [...attempts.values()].reduce((sum, delays) => sum + delays.length, 0);
  server.refuseConnections(0);
  const reopenedAt = performance.now();
  await waitUntil(() => fullyRecovered(bot, server!, LOGIN, channels), 20_000, 'recovery after the outage');
  const recoveredMs = performance.now() - reopenedAt;
  // Each shard's delays double (within jitter) until the cap.
  let notBackingOff = 0;
  for (const delays of attempts.values()) {
    for (let index = 1; index < delays.length; index++) {
      const expected = Math.min(100 * 2 ** index, 1_600);
      if ((delays[index] ?? 0) < expected * 0.75) notBackingOff++;
    }
  }
  const perShard = [...attempts.values()].map((delays) => delays.length);
  recordFigures({
    scenario: 1,
    case: `${SHARDS} shards dropped during a 3 s refusal window (backoff 100 ms doubling to 1.6 s)`,
    figures: {
      'reconnect attempts during the outage (all shards)': duringOutage,
      'attempts per shard (max)': Math.max(...perShard),
      'delays shorter than the backoff schedule': notBackingOff,
      'recovery after the server returned ms': round(recoveredMs, 0),
      'outage + recovery ms': round(performance.now() - droppedAt, 0),
      violations: server.violations().length,
    },
  });
  expect(notBackingOff).toBe(0);
  expect(Math.max(...perShard)).toBeLessThanOrEqual(7);
  expect(server.violations()).toEqual([]);
}, 60_000);
