import { ShardCapacityError, type ChannelJoinResult } from '@tio/core';
import type { MockTwitchServer } from '@tio/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DistributedShardManager } from '../src/index.js';
import {
  LOGIN,
  channelNames,
  createClient,
  recordServer,
  shardLoads,
  startServer,
  waitUntil,
  type TestClientOptions,
} from './support/harness.js';

let server: MockTwitchServer;
const clients: Array<ReturnType<typeof createClient>> = [];

function client(options: TestClientOptions = {}): ReturnType<typeof createClient> {
  const created = createClient(server, options);
  clients.push(created);
  return created;
}

function manager(of: ReturnType<typeof createClient>): DistributedShardManager {
  const instance = of.shardManager;
  if (instance === undefined) throw new Error('client not started');
  return instance;
}

function capacityErrors(results: readonly ChannelJoinResult[]): ShardCapacityError[] {
  return results.flatMap((result) =>
    !result.joined && result.reason === 'assignFailed' && ShardCapacityError.isInstance(result.error) ? [result.error] : [],
  );
}

beforeEach(async () => {
  server = await startServer();
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((created) => created.stop()));
  await server.stop();
});

describe('DistributedShardManager', () => {
  it('numbers shards shard-0, shard-1, … and never reuses the id of a retired shard', async () => {
    const bot = client({ channelsPerShard: 2, initialChannels: ['a', 'b', 'c', 'd'] });
    await bot.start();
    expect(shardLoads(bot)).toEqual({ 'shard-0': 2, 'shard-1': 2 });

    expect(await bot.join('e')).toEqual([{ channel: 'e', joined: true }]);
    expect(shardLoads(bot)).toEqual({ 'shard-0': 2, 'shard-1': 2, 'shard-2': 1 });
    expect(bot.shards.get('shard-2')?.status).toBe('ready');
    expect(manager(bot).isInitialShard('shard-2')).toBe(false);

    // The extended shard's last channel leaves: the shard is stopped and removed, and its socket closes.
    await bot.part('e');
    expect(shardLoads(bot)).toEqual({ 'shard-0': 2, 'shard-1': 2 });
    await waitUntil(() => server.connections(LOGIN).length === 2, 3_000, 'the retired shard to disconnect');

    expect(await bot.join('f')).toEqual([{ channel: 'f', joined: true }]);
    expect(shardLoads(bot)).toEqual({ 'shard-0': 2, 'shard-1': 2, 'shard-3': 1 });
  });

  it('never retires an initial shard, and fills the emptiest shard first', async () => {
    const bot = client({ channelsPerShard: 2, initialChannels: ['a', 'b', 'c', 'd'] });
    await bot.start();
    await bot.part(['a', 'b']);
    expect(shardLoads(bot)).toEqual({ 'shard-0': 0, 'shard-1': 2 });
    expect(bot.shards.get('shard-0')?.status).toBe('ready');

    await bot.join(['g', 'h']);
    expect(shardLoads(bot)).toEqual({ 'shard-0': 2, 'shard-1': 2 });
    expect([...(bot.shards.get('shard-0')?.channels ?? [])].sort()).toEqual(['g', 'h']);
  });

  it('spreads initial channels evenly and starts no empty shard', async () => {
    const few = client({ initialShardCount: 5, initialChannels: ['x', 'y', 'z'] });
    await few.start();
    expect(shardLoads(few)).toEqual({ 'shard-0': 1, 'shard-1': 1, 'shard-2': 1 });
    await few.stop();

    const uneven = client({ initialShardCount: 3, initialChannels: channelNames('u', 7) });
    await uneven.start();
    expect(shardLoads(uneven)).toEqual({ 'shard-0': 3, 'shard-1': 2, 'shard-2': 2 });
    await uneven.stop();

    const none = client({ initialShardCount: 4 });
    await none.start();
    expect(shardLoads(none)).toEqual({ 'shard-0': 0 });
    expect(none.shards.get('shard-0')?.status).toBe('ready');
  });

  it('fills shards exactly under concurrent joins across a capacity boundary, then throws ShardCapacityError', async () => {
    const { joins } = recordServer(server);
    const bot = client({ channelsPerShard: 3, maxShardCount: 3, initialChannels: ['seed'] });
    await bot.start();

    const results = (await Promise.all(channelNames('rush', 10).map((channel) => bot.join(channel)))).flat();

    expect(results.filter((result) => result.joined)).toHaveLength(8);
    const errors = capacityErrors(results);
    expect(errors).toHaveLength(2);
    expect(errors[0]?.message).toContain('channelsPerShard is 3 and maxShardCount is 3, so at most 9 channels fit');
    expect(errors[0]).toMatchObject({ channelsPerShard: 3, maxShardCount: 3 });
    expect(shardLoads(bot)).toEqual({ 'shard-0': 3, 'shard-1': 3, 'shard-2': 3 });
    expect(joins.filter((event) => event.outcome === 'joined')).toHaveLength(9);
    expect(server.violations()).toEqual([]);
  });

  it('rejects start() with ShardCapacityError when the initial channels cannot fit, before connecting', async () => {
    const bot = client({ channelsPerShard: 2, maxShardCount: 2, initialChannels: channelNames('many', 5) });
    const failure = await bot.start().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(ShardCapacityError.isInstance(failure)).toBe(true);
    expect((failure as Error).message).toContain('at most 4 channels fit (5 channels were requested)');
    expect(bot.state).toBe('stopped');
    expect(server.stats().accounts[LOGIN]).toBeUndefined();
  });

  it('starts a new shard without blocking other joins and parts behind its login', async () => {
    const bot = client({ channelsPerShard: 1, maxShardCount: 3, initialChannels: ['first'] });
    await bot.start();

    server.refuseConnections(1_000_000);
    const joining = bot.join('second');
    await waitUntil(() => bot.shards.has('shard-1'), 2_000, 'the new shard');
    // The new shard cannot connect, yet the manager keeps serving other calls.
    await bot.part('first');
    expect(shardLoads(bot)).toEqual({ 'shard-0': 0, 'shard-1': 1 });
    expect(await bot.join('third')).toEqual([{ channel: 'third', joined: true }]);

    server.refuseConnections(0);
    expect(await joining).toEqual([{ channel: 'second', joined: true }]);
    expect(bot.shards.get('shard-1')?.status).toBe('ready');
  });

  it('sends through the channel’s own ready shard, else another ready shard, never a stopped one', async () => {
    const { privmsgs } = recordServer(server);
    const bot = client({ channelsPerShard: 2, initialChannels: ['a', 'b', 'c', 'd'] });
    await bot.start();
    const distributed = manager(bot);
    expect((await distributed.getSenderShard('c', LOGIN))?.id).toBe('shard-1');
    expect((await distributed.getSenderShard('a', LOGIN))?.id).toBe('shard-0');
    expect((await distributed.getSenderShard('elsewhere', LOGIN))?.id).toBe('shard-0');
    expect(await distributed.getSenderShard('c', 'anotherbot')).toBeUndefined();

    // shard-1 loses its connection and cannot get back for now: sends to its channel go through shard-0 at once.
    const ownerConnection = server.connections(LOGIN).find((connection) => connection.channels.includes('c'));
    server.refuseConnections(1_000_000);
    server.drop(ownerConnection?.id);
    await waitUntil(() => bot.shards.get('shard-1')?.status !== 'ready', 3_000, 'shard-1 to notice the drop');
    expect((await distributed.getSenderShard('c', LOGIN))?.id).toBe('shard-0');
    const sent = await bot.send('c', 'rerouted while shard-1 is away');
    expect(sent.shardId).toBe('shard-0');
    expect(privmsgs.filter((event) => event.text === 'rerouted while shard-1 is away').map((event) => event.outcome)).toEqual(['delivered']);
    server.refuseConnections(0);

    await bot.stop();
    expect(await distributed.getSenderShard('a', LOGIN)).toBeUndefined();
  });

  it('retires an extended shard whose only channel failed for good', async () => {
    server.setChannelState('forbidden', { banned: true });
    const bot = client({ channelsPerShard: 1, maxShardCount: 3, initialChannels: ['fine'] });
    await bot.start();

    expect(await bot.join('forbidden')).toEqual([{ channel: 'forbidden', joined: false, reason: 'banned' }]);
    await waitUntil(() => !bot.shards.has('shard-1'), 3_000, 'the empty extended shard to be retired');
    expect(shardLoads(bot)).toEqual({ 'shard-0': 1 });
    await waitUntil(() => server.connections(LOGIN).length === 1, 3_000, 'its socket to close');
  });

  it('removes an extended shard that failed, and frees its channels', async () => {
    const bot = client({ channelsPerShard: 1, maxShardCount: 3, initialChannels: ['fine'] });
    const errors: unknown[] = [];
    bot.on('error', (error) => void errors.push(error));
    await bot.start();
    // From now on the account's token is rejected: the extended shard opened for the next join fails for good.
    server.addAccount({ login: LOGIN, token: 'a-token-the-bot-does-not-have' });
    const [result] = await bot.join('later');
    expect(result).toMatchObject({ channel: 'later', joined: false });
    await waitUntil(() => !bot.shards.has('shard-1'), 3_000, 'the failed extended shard to be removed');
    expect(manager(bot).shardOf('later')).toBeUndefined();
    expect([...bot.shards.keys()]).toEqual(['shard-0']);
    expect(errors.length).toBeGreaterThan(0);
  });
});
