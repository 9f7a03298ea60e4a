import type { DisconnectReason } from '@tio/core';
import type { MockTwitchServer } from '@tio/testing';
import { afterAll, afterEach, expect, it } from 'vitest';
import { LOGIN, createClient, fullyRecovered, sleep, startServer, waitUntil, type Capture } from '../support/harness.js';
import { LONG, median, recordFigures, round } from '../support/report.js';
import { expectNoSecretsIn } from '../support/secrets.js';

// Scenario 3 (issue #6): a stalled path (TCP open, nothing flows) is only noticed by the client's own PING
// (twitch-protocol.md §2 "Client PING ... the only way to detect a dead TCP path fast"). The transport PINGs after
// keepaliveIntervalMs of silence and gives up keepaliveTimeoutMs later, so detection must come within their sum.
const INTERVAL_MS = 300;
const TIMEOUT_MS = 300;
// Timers fire late on a busy loop; the bound is the configured sum plus this much.
const SLACK_MS = 250;
const STALLS = LONG ? 30 : 6;
const CHANNELS = ['stallone', 'stalltwo'];

let server: MockTwitchServer | undefined;
let client: ReturnType<typeof createClient>['client'] | undefined;
const captures: Capture[] = [];

afterEach(async () => {
  await client?.stop();
  await server?.stop();
});

afterAll(() => expectNoSecretsIn(3, captures));

it(`detects ${STALLS} stalls within keepalive interval + timeout, recovers each time, the healthy shard unaffected`, async () => {
  server = await startServer();
  const created = createClient(server, {
    channelsPerShard: 1,
    initialShardCount: 2,
    maxShardCount: 2,
    initialChannels: CHANNELS,
    transportOptions: { keepaliveIntervalMs: INTERVAL_MS, keepaliveTimeoutMs: TIMEOUT_MS },
  });
  client = created.client;
  captures.push(created.capture);
  const bot = client;
  const disconnects: Array<{ shardId: string; reason: DisconnectReason; at: number }> = [];
  bot.on('shardDisconnect', (shardId, reason) => disconnects.push({ shardId, reason, at: performance.now() }));
  await bot.start();
  const stalledShard = bot.shardManager!.shardOf('stallone')!;
  const healthyShard = bot.shardManager!.shardOf('stalltwo')!;
  expect(stalledShard.id).not.toBe(healthyShard.id);

  const detections: number[] = [];
  const recoveries: number[] = [];
  for (let index = 0; index < STALLS; index++) {
    await waitUntil(() => fullyRecovered(bot, server!, LOGIN, CHANNELS), 5_000, 'both shards ready');
    const target = server.connections(LOGIN).find((connection) => connection.channels.includes('stallone'))!;
    const before = disconnects.length;
    const stalledAt = performance.now();
    expect(server.stall(target.id)).toBe(1);
    await waitUntil(() => disconnects.slice(before).some((entry) => entry.shardId === stalledShard.id), 5_000, 'the stall to be detected');
    const detected = disconnects.slice(before).find((entry) => entry.shardId === stalledShard.id)!;
    detections.push(detected.at - stalledAt);
    expect(detected.reason.kind).toBe('keepaliveTimeout');
    await waitUntil(() => fullyRecovered(bot, server!, LOGIN, CHANNELS), 5_000, 'the stalled shard to recover');
    recoveries.push(performance.now() - stalledAt);
    // The recovered shard sends and Twitch confirms.
    const sent = await bot.send('stallone', `after stall ${index}`);
    expect(sent.messageId).toBeDefined();
    // Vary where in the keepalive cycle the next stall lands.
    await sleep(37 * (index + 1));
  }
  const healthyDisconnects = disconnects.filter((entry) => entry.shardId === healthyShard.id);

  recordFigures({
    scenario: 3,
    case: `${STALLS} stalls of one shard's socket, keepalive ${INTERVAL_MS} ms + ${TIMEOUT_MS} ms`,
    figures: {
      'configured bound ms (interval + timeout)': INTERVAL_MS + TIMEOUT_MS,
      'detection min ms': round(Math.min(...detections), 0),
      'detection median ms': round(median(detections), 0),
      'detection max ms': round(Math.max(...detections), 0),
      'detection max / bound': round(Math.max(...detections) / (INTERVAL_MS + TIMEOUT_MS), 2),
      'recovered (ready + rejoined) median ms': round(median(recoveries), 0),
      'healthy shard disconnects': healthyDisconnects.length,
    },
  });
  for (const detection of detections) expect(detection).toBeLessThanOrEqual(INTERVAL_MS + TIMEOUT_MS + SLACK_MS);
  expect(healthyDisconnects).toEqual([]);
}, LONG ? 300_000 : 30_000);

it('healthy idle sockets with a tight keepalive (PING after 20 ms of silence) are never taken for stalled', async () => {
  // The false positive the e2e helpers warned about: a PONG arriving within the same clock millisecond as its PING
  // must still count as traffic. 10 idle shards PING about 3 times a second each (20 ms of silence after each PONG).
  const shards = 10;
  const channels = Array.from({ length: shards }, (_, index) => `idle${index}`);
  server = await startServer();
  let pings = 0;
  server.on('line', (event: { line: string }) => {
    if (event.line.startsWith('PING')) pings++;
  });
  const created = createClient(server, {
    channelsPerShard: 1,
    initialShardCount: shards,
    maxShardCount: shards,
    initialChannels: channels,
    transportOptions: { keepaliveIntervalMs: 20, keepaliveTimeoutMs: 300 },
  });
  client = created.client;
  captures.push(created.capture);
  const disconnects: string[] = [];
  client.on('shardDisconnect', (shardId, reason) => disconnects.push(`${shardId}: ${reason.kind}`));
  await client.start();
  await sleep(LONG ? 30_000 : 3_000);
  recordFigures({
    scenario: 3,
    case: `${shards} idle healthy shards, keepalive 20 ms + 300 ms (a PING about every 300 ms each), ${LONG ? 30 : 3} s`,
    figures: { 'keepalive PINGs answered': pings, 'spurious disconnects': disconnects.length },
  });
  expect(pings).toBeGreaterThan(shards * 5);
  expect(disconnects).toEqual([]);
}, LONG ? 60_000 : 20_000);
