import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AnonymousTokenHandler,
  ClientStateError,
  InvalidChannelError,
  InvalidMessageError,
  NoSenderShardError,
  SendError,
  SimpleTokenHandler,
  type ChatMessageEvent,
} from '../../src/index.js';
import { privmsg } from '../support/FakeTransport.js';
import { MultiAccountManager } from '../support/managers.js';
import { createTestClient, SECRET, settle } from '../support/testClient.js';

describe('Client.send', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('validates text and channel before anything else, even before start', async () => {
    const { client } = createTestClient();
    await expect(client.send('chan', 'a\nb')).rejects.toSatisfy((error) => InvalidMessageError.isInstance(error));
    await expect(client.send('chan', 'x'.repeat(501))).rejects.toSatisfy(
      (error) => InvalidMessageError.isInstance(error) && error.problem === 'tooLong',
    );
    await expect(client.send('bad channel', 'hi')).rejects.toSatisfy((error) => InvalidChannelError.isInstance(error));
    await expect(client.send('chan', 'hi')).rejects.toSatisfy((error) => ClientStateError.isInstance(error));
  });

  it('sends through the sender shard and resolves with the sent message', async () => {
    const { client, twitch } = createTestClient();
    await settle(client.start());
    const sent = await settle(client.send('#Chan', 'hello'));
    expect(sent).toMatchObject({ channel: 'chan', text: 'hello', shardId: 'main' });
    expect(twitch.sent).toMatchObject([{ channel: 'chan', text: 'hello', login: 'bot' }]);
    await client.stop();
  });

  it('rejects with SendError carrying the reason the transport reports', async () => {
    const { client } = createTestClient({ twitch: { sendFailures: new Map([['slow', 'slowMode']]) } });
    await settle(client.start());
    const error = await settle(client.send('slow', 'hi')).catch((caught: unknown) => caught);
    expect(SendError.isInstance(error) && error.reason === 'slowMode').toBe(true);
    await client.stop();
  });

  it('queues on a shard that is not ready and drops the message at its deadline', async () => {
    const { client } = createTestClient({ twitch: { hangOnConnect: true }, sendTimeoutMs: 5_000 });
    const start = client.start().catch(() => undefined);
    await vi.advanceTimersByTimeAsync(20);
    const sending = client.send('chan', 'late').catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(5_000);
    const error = await sending;
    expect(SendError.isInstance(error) && error.reason === 'timeout').toBe(true);
    await client.stop();
    await start;
  });

  it('waits for the transport past the deadline: a message confirmed 5 s after its deadline resolves, not timeout', async () => {
    const { client, twitch } = createTestClient();
    await settle(client.start());
    const connection = twitch.connection('main');
    // A message written right at its deadline whose confirmation comes 5 s later, within the transport's confirmation
    // wait: the client's safety net must not reject it first (users who retry would post it twice).
    connection.send = (request) =>
      new Promise((resolve) => {
        setTimeout(
          () => resolve({ channel: request.channel, text: request.text, shardId: 'main', sentAt: request.deadline, messageId: 'late-id' }),
          request.deadline - Date.now() + 5_000,
        );
      });
    const sending = client.send('chan', 'slow confirmation', { timeoutMs: 1_000 }).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(6_500);
    expect(await sending).toMatchObject({ messageId: 'late-id' });
    await client.stop();
  });

  it('settles pending sends with stopped when the client stops', async () => {
    const { client } = createTestClient({ twitch: { hangOnConnect: true } });
    const start = client.start().catch(() => undefined);
    await vi.advanceTimersByTimeAsync(20);
    const sending = client.send('chan', 'never').catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(0);
    await client.stop();
    const error = await sending;
    expect(SendError.isInstance(error) && error.reason === 'stopped').toBe(true);
    await start;
    expect(vi.getTimerCount()).toBe(0);
  });

  it('sends as another login with { as }, and fails typed when that login has no shard', async () => {
    const { client, twitch } = createTestClient({
      tokenHandler: new SimpleTokenHandler({ accounts: [{ login: 'one', token: SECRET }, { login: 'two', token: SECRET }] }),
      shardManager: MultiAccountManager,
      logins: ['one', 'two'],
    });
    await settle(client.start());
    await settle(client.send('chan', 'from default'));
    await settle(client.send('chan', 'from two', { as: 'Two' }));
    expect(twitch.sent.map((entry) => [entry.shardId, entry.login])).toEqual([
      ['shard-one', 'one'],
      ['shard-two', 'two'],
    ]);
    const error = await client.send('chan', 'x', { as: 'three' }).catch((caught: unknown) => caught);
    expect(NoSenderShardError.isInstance(error)).toBe(true);
    expect((error as NoSenderShardError).login).toBe('three');
    // The shared limiter is per login: two accounts, two limiters; the anonymous reader has its own.
    expect(twitch.connection('shard-one').context.limiter).not.toBe(twitch.connection('shard-two').context.limiter);
    expect(twitch.connection('reader').context.limiter.anonymous).toBe(true);
    await client.stop();
  });

  it('refuses to send when the default login is anonymous', async () => {
    const { client } = createTestClient({ tokenHandler: new AnonymousTokenHandler() });
    await settle(client.start());
    expect(client.defaultLogin).toBeNull();
    expect(client.shards.get('main')?.login).toBeNull();
    const error = await client.send('chan', 'hi').catch((caught: unknown) => caught);
    expect(SendError.isInstance(error) && error.reason === 'anonymous').toBe(true);
    await client.stop();
  });

  it('delivers messages with shardId, a self flag and reply()', async () => {
    const { client, twitch } = createTestClient({ initialChannels: ['chan'] });
    await settle(client.start());
    const messages: ChatMessageEvent[] = [];
    client.on('message', (message) => void messages.push(message));
    twitch.connection('main').receive(privmsg('chan', 'viewer', '!ping', 'parent-1'));
    twitch.connection('main').receive(privmsg('chan', 'bot', 'echo of my own message', 'own-1'));
    expect(messages.map((message) => [message.text, message.self, message.shardId])).toEqual([
      ['!ping', false, 'main'],
      ['echo of my own message', true, 'main'],
    ]);
    const first = messages[0] as ChatMessageEvent;
    expect(first.userLogin).toBe('viewer');
    expect(typeof first.reply).toBe('function');
    const sent = await settle(first.reply('pong'));
    expect(sent.text).toBe('pong');
    expect(twitch.sent.at(-1)).toMatchObject({ channel: 'chan', text: 'pong', replyParentMessageId: 'parent-1' });
    await expect(first.reply('a\rb')).rejects.toSatisfy((error) => InvalidMessageError.isInstance(error));
    await client.stop();
  });

  it('wraps frozen decoded messages without breaking JSON or property access', async () => {
    const { client, twitch } = createTestClient({ initialChannels: ['chan'] });
    await settle(client.start());
    const messages: ChatMessageEvent[] = [];
    client.on('message', (message) => void messages.push(message));
    twitch.connection('main').receive(Object.freeze(privmsg('chan', 'viewer', 'frozen')));
    twitch.connection('main').receive(privmsg('chan', 'viewer', 'plain'));
    const [frozen, plain] = messages as [ChatMessageEvent, ChatMessageEvent];
    expect(frozen.text).toBe('frozen');
    expect(frozen.shardId).toBe('main');
    expect(JSON.parse(JSON.stringify(frozen)).text).toBe('frozen');
    expect(JSON.parse(JSON.stringify(plain))).toMatchObject({ text: 'plain', shardId: 'main', self: false });
    expect(frozen.decoded.text).toBe('frozen');
    expect(frozen.replyParent).toBeUndefined();
    await client.stop();
  });

  it('emits rateLimited when sends wait for the account bucket', async () => {
    const { client } = createTestClient({
      rateLimits: { messageUser: { limit: 1, windowMs: 1_000 }, safetyMargin: 0 },
    });
    await settle(client.start());
    const events: unknown[] = [];
    client.on('rateLimited', (event) => void events.push(event));
    await settle(Promise.all([client.send('a', 'one'), client.send('b', 'two')]));
    expect(events).toEqual([{ login: 'bot', bucket: 'messageUser', channel: 'b', waitMs: 1_000 }]);
    await client.stop();
  });
});
