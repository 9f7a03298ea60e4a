import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AuthenticationError,
  ClientStateError,
  SimpleTokenHandler,
  StoppedError,
  type ClientEventName,
} from '../../src/index.js';
import { privmsg } from '../support/FakeTransport.js';
import { CapacityManager } from '../support/managers.js';
import { createTestClient, recordingLogger, SECRET, settle } from '../support/testClient.js';

const ALL_EVENTS: readonly ClientEventName[] = [
  'message', 'usernotice', 'clearchat', 'clearmsg', 'roomstate', 'userstate', 'globaluserstate', 'notice', 'whisper',
  'join', 'part', 'joinFailure', 'shardConnect', 'shardReady', 'shardDisconnect', 'shardReconnect', 'ready',
  'rateLimited', 'error', 'raw',
];

describe('Client lifecycle', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('start resolves once every initial shard is ready and every initial join settled, then emits ready', async () => {
    const { client } = createTestClient({
      shardManager: CapacityManager,
      channelsPerShard: 2,
      initialChannels: ['a', 'b', 'c', 'd', 'banned'],
      twitch: { joinFailures: new Map([['banned', 'banned']]) },
    });
    const order: string[] = [];
    client.on('shardReady', (shardId) => void order.push(`ready:${shardId}`));
    client.on('join', (channel) => void order.push(`join:${channel}`));
    client.on('joinFailure', (channel, reason) => void order.push(`fail:${channel}:${reason}`));
    client.on('ready', () => void order.push('ready'));
    const start = client.start();
    expect(client.start()).toBe(start);
    await settle(start);
    expect(client.state).toBe('ready');
    expect(order.at(-1)).toBe('ready');
    expect(order.filter((entry) => entry.startsWith('join:')).sort()).toEqual(['join:a', 'join:b', 'join:c', 'join:d']);
    expect(order).toContain('fail:banned:banned');
    for (const shard of client.shards.values()) expect(shard.status).toBe('ready');
    // The banned channel left its shard (design note P6).
    expect(client.shardManager?.shardOf('banned')).toBeUndefined();
    await client.stop();
  });

  it('stop is graceful, idempotent, and leaves no timer', async () => {
    const { client } = createTestClient({ initialChannels: ['a'] });
    await settle(client.start());
    const shard = client.shards.get('main');
    const first = client.stop();
    expect(client.stop()).toBe(first);
    await first;
    expect(client.state).toBe('stopped');
    expect(shard?.status).toBe('stopped');
    expect(vi.getTimerCount()).toBe(0);
    await expect(client.start()).rejects.toSatisfy((error) => ClientStateError.isInstance(error));
    await expect(client.join('x')).rejects.toSatisfy((error) => ClientStateError.isInstance(error));
  });

  it('waitFor() after stop() rejects with StoppedError instead of hanging', async () => {
    const { client } = createTestClient();
    await client.stop();
    await expect(client.waitFor('ready')).rejects.toSatisfy((error) => StoppedError.isInstance(error));
    const { client: running } = createTestClient();
    await settle(running.start());
    const stopping = running.stop();
    await expect(running.waitFor('join', { timeoutMs: 60_000 })).rejects.toSatisfy((error) => StoppedError.isInstance(error));
    await stopping;
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stop mid-connect resolves, rejects the pending start with StoppedError, and cancels every timer', async () => {
    const { client } = createTestClient({ initialChannels: ['a', 'b'], twitch: { hangOnConnect: true } });
    const start = client.start();
    const startResult = start.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(50);
    expect(client.shards.get('main')?.status).toBe('connecting');
    const waiting = client.waitFor('ready', { timeoutMs: 60_000 }).catch((error: unknown) => error);
    await client.stop();
    expect(StoppedError.isInstance(await startResult)).toBe(true);
    expect(StoppedError.isInstance(await waiting)).toBe(true);
    expect(client.shards.get('main')?.status).toBe('stopped');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stop while rate-limited joins are queued cancels the limiter timers too', async () => {
    const { client } = createTestClient({
      initialChannels: Array.from({ length: 30 }, (_, index) => `c${index}`),
      rateLimits: { join: { limit: 2, windowMs: 10_000 }, safetyMargin: 0 },
    });
    const start = client.start().catch(() => undefined);
    await vi.advanceTimersByTimeAsync(100);
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    await client.stop();
    await start;
    expect(vi.getTimerCount()).toBe(0);
  });

  it('supports await using', async () => {
    const { client } = createTestClient();
    {
      await using disposable = client;
      await settle(disposable.start());
    }
    expect(client.state).toBe('stopped');
  });

  it('turns a throwing or rejecting listener into an error event, without harming the shard', async () => {
    const { client, twitch } = createTestClient({ initialChannels: ['a'] });
    await settle(client.start());
    const errors: Array<[string, string | undefined]> = [];
    client.on('error', (error, details) => void errors.push([error.message, details.event]));
    const seen: string[] = [];
    client.on('message', () => {
      throw new Error('listener bug');
    });
    client.on('message', async () => {
      throw new Error('async listener bug');
    });
    client.on('message', (message) => void seen.push(message.text));
    twitch.connection('main').receive(privmsg('a', 'viewer', 'one'));
    twitch.connection('main').receive(privmsg('a', 'viewer', 'two'));
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual(['one', 'two']);
    expect(errors).toEqual([
      ['listener bug', 'message'],
      ['listener bug', 'message'],
      ['async listener bug', 'message'],
      ['async listener bug', 'message'],
    ]);
    expect(client.shards.get('main')?.status).toBe('ready');
    await client.stop();
  });

  it('refreshes a rejected token exactly once, then fails with AuthenticationError (no retry storm)', async () => {
    const refreshToken = vi.fn(async () => 'stillwrongtoken');
    const logger = recordingLogger();
    const { client, twitch } = createTestClient({
      tokenHandler: new SimpleTokenHandler({ login: 'bot', token: SECRET, refreshToken }),
      twitch: { validTokens: new Set(['thegoodtoken']), refreshTwice: true },
      logger,
    });
    const errors: Error[] = [];
    client.on('error', (error) => void errors.push(error));
    const error = await settle(client.start()).catch((caught: unknown) => caught);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect((error as AuthenticationError).login).toBe('bot');
    expect(refreshToken).toHaveBeenCalledTimes(1);
    // The (misbehaving) transport asked twice; the second request for the same failure got null.
    expect(twitch.refreshCalls.map((call) => call.result)).toEqual(['fresh', 'null']);
    expect(client.shards.get('main')?.status).toBe('failed');
    expect(client.state).toBe('stopped');
    expect(errors.some((entry) => AuthenticationError.isInstance(entry))).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('shards of one login share one refresh: a bad token costs the account two attempts, not two per shard', async () => {
    const refreshToken = vi.fn(async () => 'stillwrongtoken');
    const { client, twitch } = createTestClient({
      shardManager: CapacityManager,
      channelsPerShard: 1,
      initialChannels: ['a', 'b', 'c'],
      tokenHandler: new SimpleTokenHandler({ login: 'bot', token: SECRET, refreshToken }),
      twitch: { validTokens: new Set(['thegoodtoken']) },
    });
    const errors: Error[] = [];
    client.on('error', (error) => void errors.push(error));
    const error = await settle(client.start()).catch((caught: unknown) => caught);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    const shards = [...client.shards.values()];
    expect(shards).toHaveLength(3);
    // Every shard of the login fails with AuthenticationError, without a refresh of its own.
    for (const shard of shards) {
      expect(shard.status).toBe('failed');
      expect(AuthenticationError.isInstance(shard.failure)).toBe(true);
    }
    expect(refreshToken).toHaveBeenCalledTimes(1);
    expect(twitch.attempts).toEqual([
      { shardId: 'shard-0', login: 'bot', accepted: false },
      { shardId: 'shard-0', login: 'bot', accepted: false },
    ]);
    expect(errors.filter((entry) => AuthenticationError.isInstance(entry))).toHaveLength(3);
    expect(client.state).toBe('stopped');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('shards of one login wait for the first login with an unverified token, then share the refreshed one', async () => {
    const refreshToken = vi.fn(async () => 'thegoodtoken');
    const { client, twitch } = createTestClient({
      shardManager: CapacityManager,
      channelsPerShard: 1,
      initialChannels: ['a', 'b', 'c'],
      tokenHandler: new SimpleTokenHandler({ login: 'bot', token: SECRET, refreshToken }),
      twitch: { validTokens: new Set(['thegoodtoken']) },
    });
    await settle(client.start());
    expect([...client.shards.values()].map((shard) => shard.status)).toEqual(['ready', 'ready', 'ready']);
    expect(refreshToken).toHaveBeenCalledTimes(1);
    // One rejected attempt, then every shard logs in with the refreshed token.
    expect(twitch.attempts.filter((attempt) => !attempt.accepted)).toHaveLength(1);
    expect(twitch.attempts.filter((attempt) => attempt.accepted)).toHaveLength(3);
    await client.stop();
  });

  it('recovers when the one refresh returns a working token', async () => {
    const { client, twitch } = createTestClient({
      tokenHandler: new SimpleTokenHandler({ login: 'bot', token: SECRET, refreshToken: async () => 'thegoodtoken' }),
      twitch: { validTokens: new Set(['thegoodtoken']) },
    });
    await settle(client.start());
    expect(twitch.refreshCalls).toEqual([{ shardId: 'main', result: 'fresh' }]);
    expect(client.shards.get('main')?.status).toBe('ready');
    await client.stop();
  });

  it('never puts the token in a log line, error message, event payload or inspect output', async () => {
    const logger = recordingLogger();
    const { client, twitch } = createTestClient({
      tokenHandler: new SimpleTokenHandler({ login: 'bot', token: SECRET, refreshToken: async () => `${SECRET}-2` }),
      twitch: { validTokens: new Set(['nothing-valid']), joinFailures: new Map([['x', 'banned']]) },
      initialChannels: ['x'],
      logger,
    });
    const payloads: unknown[] = [];
    for (const event of ALL_EVENTS) client.on(event, (...args: unknown[]) => void payloads.push(args));
    const error = await settle(client.start()).catch((caught: unknown) => caught);
    const shard = [...(client.shardManager?.shards.values() ?? [])][0];
    const texts = [
      ...logger.lines,
      String(error),
      (error as Error).stack ?? '',
      inspect(error, { depth: 10 }),
      inspect(payloads, { depth: 10, showHidden: true }),
      JSON.stringify(payloads.map((entry) => inspect(entry, { depth: 6 }))),
      inspect(client, { depth: 10, showHidden: true }),
      inspect(shard, { depth: 10, showHidden: true }),
      inspect(client.shardManager, { depth: 10, showHidden: true }),
      inspect(client.tokenHandler, { depth: 10, showHidden: true }),
      inspect(client.limiters, { depth: 10 }),
      inspect(twitch.connections[0]?.credentials, { depth: 10 }),
    ];
    expect(logger.lines.length).toBeGreaterThan(0);
    for (const text of texts) expect(text).not.toContain(SECRET);
  });
});
