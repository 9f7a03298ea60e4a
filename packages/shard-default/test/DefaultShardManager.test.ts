import {
  AnonymousTokenHandler,
  Client,
  InvalidOptionError,
  NoSenderShardError,
  ShardAssignmentError,
  SimpleTokenHandler,
  type ShardManagerContext,
  type ChatMessageEvent,
} from '@tio/core';
import { IrcWsTransport } from '@tio/irc-ws';
import { MockTwitchServer } from '@tio/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SHARD_ID, DefaultShardManager } from '../src/index.js';
import { fastTransportOptions } from './support/fastTransport.js';

const LOGIN = 'defaultbot';
const TOKEN = 'defaulttoken0123456789abcdefgh';

let server: MockTwitchServer;
const clients: Client[] = [];

function createClient(options: Readonly<Record<string, unknown>> = {}): Client {
  const client = new Client({
    tokenHandler: new SimpleTokenHandler({ login: LOGIN, token: TOKEN }),
    transport: IrcWsTransport,
    transportOptions: fastTransportOptions(server),
    shardManager: DefaultShardManager,
    ...options,
  });
  clients.push(client);
  return client;
}

beforeEach(async () => {
  server = new MockTwitchServer({ accounts: [{ login: LOGIN, token: TOKEN }], timeScale: 0.05, pingIntervalMs: 0 });
  await server.start();
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.stop()));
  await server.stop();
});

describe('DefaultShardManager', () => {
  it('runs one shard, shard-0, of the default login, for the initial and the joined channels', async () => {
    const client = createClient({ initialChannels: ['#One', 'two'] });
    await client.start();
    expect(await client.join(['three', 'four'])).toEqual([
      { channel: 'three', joined: true },
      { channel: 'four', joined: true },
    ]);

    expect([...client.shards.keys()]).toEqual([DEFAULT_SHARD_ID]);
    const shard = client.shards.get(DEFAULT_SHARD_ID);
    expect(shard?.login).toBe(LOGIN);
    expect(shard?.status).toBe('ready');
    expect([...(shard?.channels ?? [])].sort()).toEqual(['four', 'one', 'three', 'two']);
    expect((client.shardManager as DefaultShardManager).shard).toBe(shard);
    // One connection to the server holds every channel.
    expect(server.connections(LOGIN).map((connection) => connection.channels)).toEqual([['four', 'one', 'three', 'two']]);
  });

  it('takes no options: the Client rejects a manager option with a hint', () => {
    let thrown: unknown;
    try {
      createClient({ channelsPerShard: 10 });
    } catch (error) {
      thrown = error;
    }
    expect(InvalidOptionError.isInstance(thrown)).toBe(true);
    expect((thrown as InvalidOptionError).unknownOptions).toEqual(['channelsPerShard']);
    expect((thrown as Error).message).toContain('DefaultShardManager');
    expect(DefaultShardManager.optionKeys).toEqual([]);
  });

  it('has no sender for another login, and none once stopped', async () => {
    const client = createClient({ initialChannels: ['room'] });
    await client.start();
    await expect(client.send('room', 'hello', { as: 'someoneelse' })).rejects.toSatisfy((error: unknown) =>
      NoSenderShardError.isInstance(error),
    );
    const manager = client.shardManager as DefaultShardManager;
    expect(await manager.getSenderShard('room', LOGIN.toUpperCase())).toBe(manager.shard);

    await client.stop();
    expect(manager.shard?.status).toBe('stopped');
    expect(await manager.getSenderShard('room', LOGIN)).toBeUndefined();
  });

  it('throws ShardAssignmentError when assignShard runs before setup()', async () => {
    const client = createClient();
    const context = { client, tokenHandler: client.tokenHandler, initialChannels: [], options: {} } as unknown as ShardManagerContext;
    const manager = new DefaultShardManager(context);
    const error = await manager.assignShard('early').catch((caught: unknown) => caught);
    expect(ShardAssignmentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('DefaultShardManager could not place #early: setup() has not run yet');
  });

  it('reads chat anonymously when the token handler is anonymous', async () => {
    const client = new Client({
      tokenHandler: new AnonymousTokenHandler(),
      transport: IrcWsTransport,
      transportOptions: fastTransportOptions(server),
      shardManager: DefaultShardManager,
      initialChannels: ['lurked'],
    });
    clients.push(client);
    const received: ChatMessageEvent[] = [];
    client.on('message', (message) => {
      received.push(message);
    });
    await client.start();

    expect(client.shards.get(DEFAULT_SHARD_ID)?.login).toBeNull();
    server.chat('lurked', { login: 'viewer', text: 'hi lurkers' });
    await client.waitFor('message', { timeoutMs: 5_000 });
    expect(received.map((message) => [message.channel, message.text])).toEqual([['lurked', 'hi lurkers']]);
  });

  it('is what a Client loads when it is given no shardManager', async () => {
    const client = new Client({
      tokenHandler: new SimpleTokenHandler({ login: LOGIN, token: TOKEN }),
      transport: IrcWsTransport,
      transportOptions: fastTransportOptions(server),
      initialChannels: ['auto'],
      // The published default is '@tio/shard-default'; point at this package's source so the test needs no build.
      defaultShardManagerSpecifier: new URL('../src/index.ts', import.meta.url).href,
    });
    clients.push(client);
    await client.start();

    expect(client.shardManager).toBeInstanceOf(DefaultShardManager);
    expect([...client.shards.keys()]).toEqual([DEFAULT_SHARD_ID]);
    expect(server.stats().accounts[LOGIN]?.channels).toEqual(['auto']);
  });
});
