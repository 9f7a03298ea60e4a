import { getHeapSpaceStatistics } from 'node:v8';
import type { ChatMessageEvent } from '@tio/core';
import { afterAll, afterEach, expect, it } from 'vitest';
import { LOGIN, TOKEN, channelNames, createClient, scaledLimits, sleep, waitUntil } from '../support/harness.js';
import { MockProcess } from '../support/MockProcess.js';
import { LONG, recordFigures, round } from '../support/report.js';

// Scenario 10 (issue #6): 10,000 join/part cycles and 10⁶ messages leave the heap within 10 % of its baseline after GC
// (seed bug B8: sessions and tasks leaked across reconnects), and after stop() no socket, timer or listener is left.
// The mock runs in a child process, so the heap measured here is the client's alone. vitest runs this file with
// --expose-gc (vitest.config.ts).
const CYCLES = LONG ? 100_000 : 10_000;
const RECONNECTS = LONG ? 5_000 : 500;
const MESSAGES = LONG ? 10_000_000 : 1_000_000;
const BATCH = 50; // channels joined, then parted, per round (the 100-room cap leaves room for the home channel)
const FRAMES_PER_CALL = 40;
const LINES_PER_FRAME = 1_000;
const HOME = 'homeroom';
const SCALE = 0.01;

let mock: MockProcess | undefined;
let client: ReturnType<typeof createClient>['client'] | undefined;

afterEach(async () => {
  await client?.stop();
  await mock?.stop();
});

afterAll(() => undefined);

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect === undefined) throw new Error('run with --expose-gc (vitest.config.ts poolOptions.forks.execArgv)');
  for (let pass = 0; pass < 4; pass++) collect();
}

async function settledHeap(): Promise<number> {
  // Let sockets flush and timers of finished work fire before measuring.
  await sleep(200);
  gc();
  await sleep(50);
  gc();
  return process.memoryUsage().heapUsed;
}

function resourceCounts(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of process.getActiveResourcesInfo()) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
}

const MB = 1024 * 1024;

/** Used bytes per V8 heap space: tells retained objects (old space) from compiled code (code space). */
function heapSpaces(): Record<string, number> {
  return Object.fromEntries(getHeapSpaceStatistics().map((space) => [space.space_name, space.space_used_size]));
}

it(`${CYCLES.toLocaleString('en')} join/part cycles, ${MESSAGES.toLocaleString('en')} messages and ${RECONNECTS} reconnects: heap back within 10 % after GC; stop() leaves no socket, timer or listener`, async () => {
  // A verified account (2,000 JOINs per 10 s, twitch-protocol.md §4.4), windows scaled ×0.01 on both sides.
  mock = await MockProcess.start({
    accounts: [{ login: LOGIN, token: TOKEN, botLevel: 'verified' }],
    timeScale: SCALE,
    pingIntervalMs: 0,
    maxRecordedLines: 10,
    limits: { privmsgPenaltyMs: 0 },
  });
  const resourcesBefore = resourceCounts();
  const processListenersBefore = Object.fromEntries(['exit', 'uncaughtException', 'unhandledRejection', 'SIGINT', 'SIGTERM', 'beforeExit'].map((event) => [event, process.listenerCount(event)]));
  const created = createClient(mock, {
    initialChannels: [HOME],
    botLevel: 'verified',
    channelsPerShard: 100,
    maxShardCount: 2,
    capture: null,
    rateLimits: { ...scaledLimits(SCALE, 0.2), join: { limit: 2_000, windowMs: 10_000 * SCALE }, login: { limit: 200, windowMs: 10_000 * SCALE } },
    // Reconnect at once after a drop, so the reconnect phase is about sessions, not about waiting.
    transportOptions: { reconnectDelayMs: 1, maxReconnectDelayMs: 5 },
  });
  client = created.client;
  const bot = client;
  let received = 0;
  let lastText = '';
  bot.on('message', (message: ChatMessageEvent) => {
    received++;
    lastText = message.text;
  });
  await bot.start();

  /** Alternates drops and RECONNECTs; each ends with the shard logged in and joined again on a new socket. */
  const reconnectCycles = async (count: number, sample: () => void): Promise<void> => {
    for (let index = 0; index < count; index++) {
      const loginsBefore = await mock!.call<number>('logins', { login: LOGIN });
      if (index % 2 === 0) await mock!.call('drop', { target: LOGIN });
      else await mock!.call('reconnect', { target: LOGIN, graceMs: 50 });
      // A new login first (the old socket may still look ready for a moment), then ready and joined on it.
      while ((await mock!.call<number>('logins', { login: LOGIN })) <= loginsBefore) await sleep(1);
      await waitUntil(
        () => [...bot.shards.values()].every((shard) => shard.status === 'ready' && shard.joinedChannels.size === shard.channels.size),
        5_000,
        'the shard to come back',
        1,
      );
      if (index % 100 === 0) sample();
    }
  };

  // Warm-up: JIT, pools and buffers reach their steady size before the baseline (every path below runs once: the
  // reconnect path's compiled code alone is about 1 MB of code space, measured with v8.getHeapSpaceStatistics()).
  const warmChannels = channelNames('warm', BATCH);
  await bot.join(warmChannels);
  await bot.part(warmChannels);
  let sentIndex = await mock.call<number>('chatFrames', { login: LOGIN, channel: HOME, frames: 10, perFrame: LINES_PER_FRAME, from: 0 });
  await waitUntil(() => received >= sentIndex, 10_000, 'the warm-up messages');
  await reconnectCycles(50, () => undefined);
  const baseline = await settledHeap();
  const spacesAtBaseline = heapSpaces();
  let peak = baseline;

  // Join/part cycles over distinct channel names, so a per-channel record that is never deleted shows up.
  const cyclesStarted = performance.now();
  let failedJoins = 0;
  for (let round = 0; round < CYCLES / BATCH; round++) {
    const names = channelNames(`cyc${round}x`, BATCH);
    const results = await bot.join(names);
    failedJoins += results.filter((result) => !result.joined).length;
    await bot.part(names);
    if (round % 50 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  const cyclesMs = performance.now() - cyclesStarted;
  const afterCycles = await settledHeap();

  // Messages in large frames (1,000 lines each), in steps so the socket is never buffered far ahead of the reader.
  const messagesStarted = performance.now();
  const target = sentIndex + MESSAGES;
  while (sentIndex < target) {
    const frames = Math.min(FRAMES_PER_CALL, Math.ceil((target - sentIndex) / LINES_PER_FRAME));
    sentIndex = await mock.call<number>('chatFrames', { login: LOGIN, channel: HOME, frames, perFrame: LINES_PER_FRAME, from: sentIndex });
    await waitUntil(() => received >= sentIndex - LINES_PER_FRAME * FRAMES_PER_CALL, 30_000, 'the reader to catch up', 2);
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  await waitUntil(() => received >= sentIndex, 30_000, 'every message', 5);
  const messagesMs = performance.now() - messagesStarted;
  const afterMessages = await settledHeap();

  // Reconnects: seed bug B8 leaked a session per connect. Alternate drops and RECONNECTs; each ends with the shard
  // logged in and joined again on a new socket.
  const reconnectsStarted = performance.now();
  await reconnectCycles(RECONNECTS, () => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  });
  await waitUntil(() => [...bot.shards.values()].every((shard) => shard.status === 'ready'), 5_000, 'ready after the reconnects');
  const reconnectsMs = performance.now() - reconnectsStarted;
  // The last RECONNECT's old socket closes after its grace period.
  await sleep(100);
  const connectionsAfterReconnects = await mock.call<number>('connections');
  const afterReconnects = await settledHeap();
  const spacesAfter = heapSpaces();
  const shardsBeforeStop = bot.shards.size;
  const channelsOnShards = [...bot.shards.values()].reduce((sum, shard) => sum + shard.channelCount, 0);

  // stop(): no socket in the mock, no extra TCP handle or timer here, no process listener added.
  await bot.stop();
  await sleep(300);
  const connectionsAfterStop = await mock.call<number>('connections');
  const resourcesAfter = resourceCounts();
  const processListenersAfter = Object.fromEntries(Object.keys(processListenersBefore).map((event) => [event, process.listenerCount(event)]));
  const extraResources = Object.fromEntries(
    Object.entries(resourcesAfter)
      .map(([name, count]) => [name, count - (resourcesBefore[name] ?? 0)] as const)
      .filter(([, extra]) => extra > 0),
  );
  client = undefined;
  const afterStop = await settledHeap();
  const growth = (Math.max(afterCycles, afterMessages, afterReconnects) - baseline) / baseline;

  recordFigures({
    scenario: 10,
    case: `${CYCLES.toLocaleString('en')} join/part cycles (${BATCH} channels per round, distinct names), then ${MESSAGES.toLocaleString('en')} messages, then ${RECONNECTS} reconnects (drops and RECONNECTs alternating)`,
    note: `${LONG ? 'long' : 'CI'} variant${LONG ? '' : ' (TIO_RELIABILITY_LONG=1 runs 100,000 cycles, 10⁷ messages and 5,000 reconnects)'}; mock in a child process; messages in frames of ${LINES_PER_FRAME} lines; heap after 2× gc() (4 passes each)`,
    figures: {
      'baseline heap MB': round(baseline / MB, 1),
      'after cycles MB': round(afterCycles / MB, 1),
      'after messages MB': round(afterMessages / MB, 1),
      'after reconnects MB': round(afterReconnects / MB, 1),
      'peak (sampled) MB': round(peak / MB, 1),
      'largest growth vs baseline': `${round(growth * 100, 1)} %`,
      'old space growth after reconnects KB': Math.round(((spacesAfter['old_space'] ?? 0) - (spacesAtBaseline['old_space'] ?? 0)) / 1024),
      'code space growth after reconnects KB': Math.round(((spacesAfter['code_space'] ?? 0) - (spacesAtBaseline['code_space'] ?? 0)) / 1024),
      'after stop() MB': round(afterStop / MB, 1),
      'cycles ms': round(cyclesMs, 0),
      'cycles per second': Math.round(CYCLES / (cyclesMs / 1000)),
      'failed joins': failedJoins,
      'messages received': received,
      'last message': lastText,
      'messages ms': round(messagesMs, 0),
      'messages per second': Math.round(MESSAGES / (messagesMs / 1000)),
      reconnects: RECONNECTS,
      'reconnects ms': round(reconnectsMs, 0),
      'mock connections after the reconnects': connectionsAfterReconnects,
      'shards before stop': shardsBeforeStop,
      'channels on shards before stop': channelsOnShards,
      'mock connections after stop()': connectionsAfterStop,
      'extra active resources after stop()': JSON.stringify(extraResources),
      'process listeners added': JSON.stringify(Object.fromEntries(Object.entries(processListenersAfter).filter(([event, count]) => count !== processListenersBefore[event]))),
      'mock violations': await mock.call<number>('violations'),
    },
  });
  expect(failedJoins).toBe(0);
  expect(received).toBe(sentIndex);
  expect(channelsOnShards).toBe(1);
  expect(connectionsAfterReconnects).toBe(1);
  expect(Math.abs(growth)).toBeLessThanOrEqual(0.1);
  expect(connectionsAfterStop).toBe(0);
  expect(extraResources).toEqual({});
  expect(processListenersAfter).toEqual(processListenersBefore);
}, LONG ? 900_000 : 120_000);
