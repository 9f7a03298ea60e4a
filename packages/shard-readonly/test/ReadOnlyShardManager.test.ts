import { AnonymousTokenHandler, InvalidOptionError, SendError, ShardCapacityError } from '@tio/core';
import type { MockTwitchServer, PrivmsgEvent } from '@tio/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { LOGIN, channelNames, createClient, managerOf, startServer, waitUntil } from './support/harness.js';

let server: MockTwitchServer | undefined;
let client: ReturnType<typeof createClient> | undefined;

afterEach(async () => {
  await client?.stop();
  await server?.stop();
});

describe('ReadOnlyShardManager placement', () => {
  it('opens readers as they fill, fails past maxShardCount, and retires an emptied extended reader', async () => {
    server = await startServer();
    client = createClient(server, { channelsPerShard: 2, maxShardCount: 2, initialChannels: ['one'] });
    await client.start();
    const manager = managerOf(client);
    expect(manager.readerShards().map((shard) => shard.id)).toEqual(['reader-0']);

    const joined = await client.join(['two', 'three', 'four']);
    expect(joined.every((result) => result.joined)).toBe(true);
    expect(manager.readerShards().map((shard) => [shard.id, [...shard.channels].sort()])).toEqual([
      ['reader-0', ['one', 'two']],
      ['reader-1', ['four', 'three']],
    ]);
    const [full] = await client.join('five');
    expect(full?.joined).toBe(false);
    expect(full !== undefined && !full.joined && full.reason === 'assignFailed' && ShardCapacityError.isInstance(full.error)).toBe(true);

    await client.part(['three', 'four']);
    expect(manager.readerShards().map((shard) => shard.id)).toEqual(['reader-0']);
    expect(manager.isInitialReader('reader-0')).toBe(true);
    // Ids are never reused: the next reader is reader-2.
    await client.join(['five', 'six']);
    expect(manager.readerShards().map((shard) => shard.id)).toEqual(['reader-0', 'reader-2']);
    // The sender joined nothing all along.
    expect(manager.senderShards().map((shard) => shard.channelCount)).toEqual([0]);
    expect(server.stats().accounts[LOGIN]?.channels).toEqual([]);
    expect(server.violations()).toEqual([]);
  });

  it('replies to a message read anonymously through the default login, and sees the reply on the reader', async () => {
    server = await startServer();
    const privmsgs: PrivmsgEvent[] = [];
    server.on('privmsg', (event: PrivmsgEvent) => privmsgs.push(event));
    client = createClient(server, { initialChannels: ['lobby'] });
    const selfSeen: string[] = [];
    client.on('message', async (message) => {
      if (message.self) selfSeen.push(`${message.shardId}: ${message.text}`);
      else if (message.text === '!ping') await message.reply('pong');
    });
    await client.start();

    const ping = server.chat('lobby', { login: 'viewer', text: '!ping' });
    await waitUntil(() => selfSeen.length === 1, 5_000, 'the reply to come back on the reader');

    expect(privmsgs).toMatchObject([{ login: LOGIN, channel: 'lobby', text: 'pong', outcome: 'delivered', clientTags: { 'reply-parent-msg-id': ping.id } }]);
    expect(selfSeen).toEqual(['reader-0: pong']);
  });

  it('re-joins every channel after the anonymous connections drop, without the sender joining any', async () => {
    server = await startServer();
    const channels = channelNames('again', 12);
    client = createClient(server, { channelsPerShard: 5, initialChannels: channels });
    await client.start();
    const manager = managerOf(client);
    const joinsBefore = server.stats().connections.filter((connection) => connection.anonymous).length;
    expect(joinsBefore).toBe(3);

    for (const connection of server.connections().filter((info) => info.anonymous)) server.drop(connection.id);
    await waitUntil(
      () =>
        manager.readerShards().every((shard) => shard.status === 'ready' && shard.joinedChannels.size === shard.channelCount) &&
        new Set(server!.connections().flatMap((connection) => connection.channels)).size === channels.length,
      10_000,
      'the readers to re-join',
    );

    expect(server.stats().accounts[LOGIN]?.channels).toEqual([]);
    expect(manager.senderShards()[0]?.status).toBe('ready');
    expect(server.violations()).toEqual([]);
  });
});

describe('ReadOnlyShardManager without an account', () => {
  it('with anonymous credentials it only reads: no sender shard, and send() rejects with SendError anonymous', async () => {
    server = await startServer();
    client = createClient(server, { tokenHandler: new AnonymousTokenHandler(), initialChannels: ['quiet1', 'quiet2'] });
    await client.start();
    const manager = managerOf(client);

    expect(manager.senderShards()).toEqual([]);
    expect(manager.readerShards().map((shard) => shard.joinedChannels.size)).toEqual([2]);
    await expect(client.send('quiet1', 'hello')).rejects.toSatisfy((error: unknown) => SendError.isInstance(error) && error.reason === 'anonymous');
  });

  it('fails start() with InvalidOptionError naming senders or joinAs when the token handler has no token for a login', async () => {
    server = await startServer();
    for (const [options, option] of [
      [{ senders: [LOGIN, 'stranger'] }, 'senders'],
      [{ joinAs: { stranger: ['somewhere'] } }, 'joinAs'],
    ] as const) {
      client = createClient(server, options);
      const error = await client.start().catch((caught: unknown) => caught);
      expect(InvalidOptionError.isInstance(error) && error.option === option).toBe(true);
      expect((error as Error).message).toContain('stranger');
      expect(client.state).toBe('stopped');
    }
  });
});
