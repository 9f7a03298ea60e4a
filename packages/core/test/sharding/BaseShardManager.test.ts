import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BaseShardManager,
  DuplicateShardError,
  ShardAssignmentError,
  ShardCapacityError,
  ShardStartError,
  StoppedError,
  type ChannelJoinResult,
} from '../../src/index.js';
import { userstate } from '../support/FakeTransport.js';
import { CapacityManager, SingleShardManager } from '../support/managers.js';
import { createTestClient, settle } from '../support/testClient.js';

describe('BaseShardManager', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('makes assignment idempotent under concurrent joins of the same channel', async () => {
    const { client } = createTestClient({ shardManager: CapacityManager, channelsPerShard: 2 });
    await settle(client.start());
    const results = await settle(Promise.all([client.join('dup'), client.join('#DUP'), client.join(['dup', 'Dup'])]));
    expect(results.flat()).toEqual([
      { channel: 'dup', joined: true },
      { channel: 'dup', joined: true },
      { channel: 'dup', joined: true },
    ]);
    const manager = client.shardManager!;
    expect(manager.assignCalls).toEqual([{ channel: 'dup', initial: false }]);
    const holders = [...manager.shards.values()].filter((shard) => shard.channels.has('dup'));
    expect(holders).toHaveLength(1);
    expect(manager.shardOf('dup')).toBe(holders[0]);
    await client.stop();
  });

  it('serialises concurrent joins that cross a capacity boundary, then fails typed when full', async () => {
    const { client } = createTestClient({ shardManager: CapacityManager, channelsPerShard: 2, maxShardCount: 3 });
    await settle(client.start());
    const channels = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'];
    const results = (await settle(Promise.all(channels.map((channel) => client.join(channel))))).flat();
    const manager = client.shardManager!;
    expect(manager.shards.size).toBe(3);
    for (const shard of manager.shards.values()) expect(shard.channelCount).toBe(2);
    const failed = results.find((result) => !result.joined) as Extract<ChannelJoinResult, { reason: 'assignFailed' }>;
    expect(failed.channel).toBe('c7');
    expect(failed.reason).toBe('assignFailed');
    expect(ShardCapacityError.isInstance(failed.error)).toBe(true);
    expect(failed.error.message).toContain('channelsPerShard is 2 and maxShardCount is 3, so at most 6 channels fit');
    expect(results.filter((result) => result.joined)).toHaveLength(6);
    await client.stop();
  });

  it('routes parts through releaseChannel and frees the place', async () => {
    const { client } = createTestClient({ shardManager: CapacityManager, channelsPerShard: 2, initialChannels: ['a', 'b'] });
    const parts: string[] = [];
    client.on('part', (channel) => void parts.push(channel));
    await settle(client.start());
    const manager = client.shardManager!;
    const shard = manager.shardOf('a')!;
    expect(shard.joinedChannels.has('a')).toBe(true);
    await settle(client.part(['#A', 'unknown']));
    expect(manager.releaseCalls).toEqual(['a']);
    expect(manager.shardOf('a')).toBeUndefined();
    expect(shard.channels.has('a')).toBe(false);
    expect(shard.joinedChannels.has('a')).toBe(false);
    expect(parts).toEqual(['a']);
    expect(client.limiters.get('bot').roomCount).toBe(1);
    // The freed place is reused by the next join on the same shard.
    await settle(client.join('c'));
    expect(manager.shardOf('c')).toBe(shard);
    await client.stop();
  });

  it('rejects duplicate shard ids', async () => {
    const { client } = createTestClient();
    await settle(client.start());
    const manager = client.shardManager!;
    expect(() => manager.addShard('main', 'bot')).toThrow(DuplicateShardError);
    expect(() => manager.addShard('main', 'bot')).toThrow(/"main" already exists/);
    await client.stop();
  });

  it('waitUntilExit includes shards added later and does not hang on a failed shard', async () => {
    const { client, twitch } = createTestClient({ shardManager: CapacityManager });
    await settle(client.start());
    const manager = client.shardManager!;
    let exited = false;
    const waiting = manager.waitUntilExit().then(() => (exited = true));
    const late = manager.addShard('late', 'bot');
    void late.start();
    await vi.advanceTimersByTimeAsync(100);
    expect(late.status).toBe('ready');
    // A shard whose login is refused fails; waiting still completes once the others stop.
    const doomed = manager.addShard('doomed', 'nobody');
    await settle(doomed.start());
    expect(doomed.status).toBe('failed');
    await manager.shards.get('shard-0')!.stop();
    await vi.advanceTimersByTimeAsync(10);
    expect(exited).toBe(false);
    await late.stop();
    await waiting;
    expect(exited).toBe(true);
    expect(twitch.connections).toHaveLength(3);
    await client.stop();
  });

  it('shares one limiter between shards of one login, and learns moderator status from USERSTATE', async () => {
    const { client, twitch } = createTestClient({
      shardManager: CapacityManager,
      channelsPerShard: 1,
      initialChannels: ['modded', 'plain'],
      twitch: { moderatorIn: new Set(['modded']) },
    });
    await settle(client.start());
    const [first, second] = twitch.connections;
    expect(first?.context.limiter).toBe(second?.context.limiter);
    const limiter = client.limiters.get('bot');
    expect(limiter.isPrivileged('modded')).toBe(true);
    expect(limiter.isPrivileged('plain')).toBe(false);
    // A privileged room does not count against the room cap.
    expect(limiter.roomCount).toBe(1);
    twitch.connection(client.shardManager!.shardOf('modded')!.id).receive(userstate('modded', false));
    expect(limiter.isPrivileged('modded')).toBe(false);
    await client.stop();
  });

  it('exposes read-only shard state and state-based, idempotent start and stop', async () => {
    const { client, twitch } = createTestClient({ initialChannels: ['a'] });
    await settle(client.start());
    const shard = client.shardManager!.shards.get('main')!;
    expect(shard.id).toBe('main');
    expect(shard.login).toBe('bot');
    expect(shard.channelCount).toBe(1);
    expect((shard.channels as unknown as { add?: unknown }).add).toBeUndefined();
    await shard.start();
    await shard.start({ block: false });
    expect(twitch.connections).toHaveLength(1);
    expect(twitch.logins).toHaveLength(1);
    await shard.stop();
    await shard.stop();
    await shard.start({ block: true });
    expect(shard.status).toBe('stopped');
    await expect(shard.exited).resolves.toBeUndefined();
    expect(inspect(shard)).toContain("status: 'stopped'");
    expect(inspect(client.shardManager)).toContain("shards: ['main']");
    await client.stop();
  });

  it('resolveLogin returns the default login (G5), or null for anonymous credentials', async () => {
    const { client } = createTestClient();
    await settle(client.start());
    const manager = client.shardManager as SingleShardManager;
    await expect(manager.resolveLogin()).resolves.toBe('bot');
    await client.stop();
  });

  it('reports an assignShard failure for an initial channel as an error event and continues', async () => {
    const { client } = createTestClient({ shardManager: CapacityManager, channelsPerShard: 1, maxShardCount: 1, initialChannels: ['a', 'b'] });
    const errors: Array<[string, string | undefined]> = [];
    client.on('error', (error, details) => void errors.push([error.name, details.channel]));
    await settle(client.start());
    expect(errors).toEqual([['ShardCapacityError', 'b']]);
    expect(client.shardManager!.shardOf('a')).toBeDefined();
    await client.stop();
  });

  it('enforces the account room cap across shards: the third non-moderator room fails typed, a moderator room is free', async () => {
    const { client } = createTestClient({
      shardManager: CapacityManager,
      channelsPerShard: 1,
      maxShardCount: 5,
      initialChannels: ['one', 'modroom', 'two', 'three'],
      rateLimits: { concurrentRooms: 2, safetyMargin: 0 },
      twitch: { moderatorIn: new Set(['modroom']) },
    });
    const failures: Array<[string, string]> = [];
    client.on('joinFailure', (channel, reason) => void failures.push([channel, reason]));
    await settle(client.start());
    expect(failures).toEqual([['three', 'concurrentRoomCap']]);
    expect(client.shardManager!.shardOf('three')).toBeUndefined();
    expect(client.limiters.get('bot').roomCount).toBe(2);
    await client.stop();
  });

  it('client.join() resolves a join the room cap refused with concurrentRoomCap, not assignFailed', async () => {
    // The refusal settles (and the shard drops the channel) before assignShard() returns: the result must still be
    // the join's own, not "assignShard() returned without placing #three".
    const { client, twitch } = createTestClient({
      shardManager: CapacityManager,
      channelsPerShard: 5,
      initialChannels: ['one', 'two'],
      rateLimits: { concurrentRooms: 2, safetyMargin: 0 },
    });
    const failures: Array<[string, string]> = [];
    client.on('joinFailure', (channel, reason) => void failures.push([channel, reason]));
    await settle(client.start());
    const results = await settle(client.join('three'));
    expect(results).toEqual([{ channel: 'three', joined: false, reason: 'concurrentRoomCap' }]);
    expect(failures).toEqual([['three', 'concurrentRoomCap']]);
    expect(client.shardManager!.shardOf('three')).toBeUndefined();
    expect(twitch.joins.map((join) => join.channel)).not.toContain('three');
    await client.stop();
  });

  it('forwards shard lifecycle events with the shard id', async () => {
    const { client, twitch } = createTestClient();
    const events: string[] = [];
    client.on('shardConnect', (shardId) => void events.push(`connect:${shardId}`));
    client.on('shardReady', (shardId) => void events.push(`ready:${shardId}`));
    client.on('shardDisconnect', (shardId, reason) => void events.push(`disconnect:${shardId}:${reason.kind}`));
    client.on('shardReconnect', (shardId, attempt, delayMs) => void events.push(`reconnect:${shardId}:${attempt}:${delayMs}`));
    await settle(client.start());
    twitch.connection('main').dropAndReconnect();
    expect(events).toEqual(['connect:main', 'ready:main', 'disconnect:main:closed', 'reconnect:main:1:0', 'ready:main']);
    expect(client.shards.get('main')?.status).toBe('ready');
    await client.stop();
  });

  it('settles a join waiting for a re-join when the channel is parted meanwhile (no hang until stop)', async () => {
    const { client, twitch } = createTestClient({ initialChannels: ['x'] });
    await settle(client.start());
    // As after a dropped connection: the channel is still desired but no longer joined, and no join is pending.
    (twitch.connection('main').joinedChannels as Set<string>).delete('x');
    let result: unknown = 'pending';
    const joining = client.join('x').then((value) => (result = value));
    await vi.advanceTimersByTimeAsync(1);
    expect(result).toBe('pending');
    await settle(client.part('x'));
    await vi.advanceTimersByTimeAsync(1);
    expect(result).toEqual([{ channel: 'x', joined: false, reason: 'stopped' }]);
    await joining;
    await client.stop();
  });

  it('client.stop() waits for an assignShard in flight, and a shard it adds afterwards never connects', async () => {
    class LazyManager extends BaseShardManager {
      added: unknown = 'not yet';
      override async setup(): Promise<void> {
        this.addShard('s0', await this.resolveLogin());
      }
      override async assignShard(channel: string): Promise<void> {
        const login = await this.resolveLogin();
        await new Promise((resolve) => setTimeout(resolve, 50));
        try {
          const shard = this.addShard('s1', login);
          this.added = shard;
          void shard.start();
          await shard.addChannels([channel]);
        } catch (error) {
          this.added = error;
          throw error;
        }
      }
    }
    const { client, twitch } = createTestClient({ shardManager: LazyManager });
    await settle(client.start());
    const joining = client.join('b');
    await vi.advanceTimersByTimeAsync(5);
    const stopped = client.stop();
    let stopResolved = false;
    void stopped.then(() => (stopResolved = true));
    await vi.advanceTimersByTimeAsync(10);
    // The manager's stop waits for the assignment, which is still sleeping.
    expect(stopResolved).toBe(false);
    await settle(stopped);
    const manager = client.shardManager!;
    expect(StoppedError.isInstance(manager.added)).toBe(true);
    const [result] = await joining;
    expect(result).toMatchObject({ channel: 'b', joined: false, reason: 'assignFailed' });
    expect([...client.shards.values()].map((shard) => `${shard.id}:${shard.status}`)).toEqual(['s0:stopped']);
    expect(twitch.connections.map((connection) => connection.context.shardId)).toEqual(['s0']);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(twitch.logins.map((login) => login.shardId)).toEqual(['s0']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a shard started after client.stop() was called is stopped instead of connecting', async () => {
    const { client, twitch } = createTestClient();
    await settle(client.start());
    const manager = client.shardManager!;
    const late = manager.addShard('late', 'bot');
    const stopping = client.stop();
    await late.start();
    expect(late.status).toBe('stopped');
    await settle(stopping);
    expect(twitch.logins.map((login) => login.shardId)).toEqual(['main']);
    expect(() => manager.addShard('later', 'bot')).toThrowError(StoppedError);
  });

  it('a failed shard stops owning its channels, so a later join() places them on a running shard', async () => {
    class ReplacingManager extends BaseShardManager {
      next = 0;
      override async setup(): Promise<void> {
        this.addShard(`shard-${this.next++}`, await this.resolveLogin(), { initialChannels: this.initialChannels });
      }
      override async assignShard(channel: string): Promise<void> {
        let shard = [...this.shards.values()].find((candidate) => candidate.status !== 'failed' && candidate.status !== 'stopped');
        if (shard === undefined) {
          shard = this.addShard(`shard-${this.next++}`, await this.resolveLogin());
          void shard.start();
        }
        await shard.addChannels([channel]);
      }
    }
    const { client, twitch } = createTestClient({ shardManager: ReplacingManager, initialChannels: ['a'] });
    client.on('error', () => undefined);
    await settle(client.start());
    const manager = client.shardManager!;
    const first = manager.shardOf('a')!;
    // The transport gives up for good (as after a token rejected even after its refresh).
    twitch.connection(first.id).context.events.status('failed');
    await settle(first.exited);
    expect(first.status).toBe('failed');
    expect(manager.shardOf('a')).toBeUndefined();
    const [result] = await settle(client.join('a'));
    expect(result).toEqual({ channel: 'a', joined: true });
    expect(manager.shardOf('a')?.id).toBe('shard-1');
    await client.stop();
  });

  it('reports an assignShard that placed nothing as ShardAssignmentError, and a silent start failure as ShardStartError', async () => {
    class NowhereManager extends BaseShardManager {
      override async setup(): Promise<void> {
        this.addShard('main', await this.resolveLogin());
      }
      override async assignShard(): Promise<void> {
        // Forgets to place the channel.
      }
    }
    const { client } = createTestClient({ shardManager: NowhereManager });
    await settle(client.start());
    const [result] = await settle(client.join('lost'));
    const error = (result as Extract<ChannelJoinResult, { reason: 'assignFailed' }>).error;
    expect(ShardAssignmentError.isInstance(error)).toBe(true);
    expect(error.message).toContain('NowhereManager could not place #lost: assignShard() returned without placing it on a shard');
    await client.stop();

    const { client: failing, twitch } = createTestClient({ twitch: { hangOnConnect: true } });
    const starting = failing.start().catch((caught: unknown) => caught);
    await vi.advanceTimersByTimeAsync(20);
    // The transport gives up without an error of its own.
    twitch.connection('main').context.events.status('failed');
    const startError = await settle(starting);
    expect(ShardStartError.isInstance(startError)).toBe(true);
    expect((startError as ShardStartError).shardId).toBe('main');
  });

  it('removeShard stops the shard and forgets its channels', async () => {
    const { client } = createTestClient({ shardManager: CapacityManager, channelsPerShard: 1, initialChannels: ['a', 'b'] });
    await settle(client.start());
    const manager = client.shardManager!;
    const holder = manager.shardOf('b')!;
    await manager.removeShard(holder.id);
    expect(holder.status).toBe('stopped');
    expect(manager.shards.has(holder.id)).toBe(false);
    expect(manager.shardOf('b')).toBeUndefined();
    await manager.removeShard('unknown');
    await client.stop();
  });
});
