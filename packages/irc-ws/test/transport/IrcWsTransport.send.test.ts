import { SendError } from '@tio/core';
import type { MockTwitchServer, PrivmsgEvent } from '@tio/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOGIN, createHarness, startServer, waitUntil, type Harness } from './helpers.js';

let server: MockTwitchServer;
const harnesses: Harness[] = [];

function harness(options: Omit<Parameters<typeof createHarness>[0], 'url'> = {}): Harness {
  const created = createHarness({ url: server.url, ...options });
  harnesses.push(created);
  return created;
}

async function failureOf(promise: Promise<unknown>): Promise<SendError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!SendError.isInstance(error)) throw new Error(`expected a SendError, got ${String(error)}`);
  return error;
}

const later = (): number => Date.now() + 10_000;

beforeEach(async () => {
  server = await startServer({
    channels: { followers: { followersOnly: 10 }, subs: { subsOnly: true }, emotes: { emoteOnly: true } },
  });
});

afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((created) => created.transport.stop()));
  await server.stop();
});

describe('IrcWsTransport send', () => {
  it('sends once with a client nonce and resolves with the id from USERSTATE', async () => {
    const { transport } = harness();
    await transport.start();
    await transport.addChannels(['chat']);
    const privmsgs: PrivmsgEvent[] = [];
    server.on('privmsg', (event) => privmsgs.push(event));
    const sent = await transport.send({ channel: 'chat', text: 'hello there', deadline: later() });
    expect(sent).toMatchObject({ channel: 'chat', text: 'hello there', shardId: 'shard-0' });
    expect(privmsgs).toHaveLength(1);
    expect(sent.messageId).toBe(privmsgs[0]?.id);
    expect(privmsgs[0]?.clientTags['client-nonce']).toMatch(/^[0-9a-f]{32}$/);
  });

  it('queues sends to many channels at once without a MaxListenersExceededWarning', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const { transport } = harness();
      // Queued before login: once ready, every channel's lane waits on the limiter at the same time.
      const sends = Array.from({ length: 15 }, (_, index) => transport.send({ channel: `lane${index}`, text: `hello ${index}`, deadline: later() }));
      await transport.start();
      await Promise.all(sends);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('sends replies with the reply-parent tag', async () => {
    const { transport } = harness();
    await transport.start();
    await transport.addChannels(['chat']);
    const parent = server.chat('chat', { login: 'viewer', text: 'question?' });
    const privmsgs: PrivmsgEvent[] = [];
    server.on('privmsg', (event) => privmsgs.push(event));
    await transport.send({ channel: 'chat', text: 'answer', replyParentMessageId: parent.id, deadline: later() });
    expect(privmsgs[0]?.clientTags['reply-parent-msg-id']).toBe(parent.id);
  });

  it('maps refusing NOTICEs to reasons', async () => {
    const { transport } = harness();
    await transport.start();
    expect((await failureOf(transport.send({ channel: 'followers', text: 'hi', deadline: later() }))).reason).toBe('followersOnly');
    expect((await failureOf(transport.send({ channel: 'subs', text: 'hi', deadline: later() }))).reason).toBe('subsOnly');
    expect((await failureOf(transport.send({ channel: 'emotes', text: 'hi', deadline: later() }))).reason).toBe('emoteOnly');
    await transport.send({ channel: 'chat', text: 'same text', deadline: later() });
    const duplicate = await failureOf(transport.send({ channel: 'chat', text: 'same text', deadline: later() }));
    expect(duplicate.reason).toBe('duplicate');
    expect(duplicate.channel).toBe('chat');
  });

  it('matches a confirmation by client-nonce when the server echoes it, else the oldest send', async () => {
    const { transport } = harness();
    await transport.start();
    server.setChannelState('void', { nonexistent: true }); // Twitch answers nothing here: we answer by hand
    const first = failureOf(transport.send({ channel: 'void', text: 'first', deadline: later() }));
    const second = transport.send({ channel: 'void', text: 'second', deadline: later() });
    const lines = (): string[] => server.receivedLines(LOGIN).filter((line) => line.includes('PRIVMSG #void'));
    await waitUntil(() => lines().length === 2, 2_000, 'both written');
    const nonce = /client-nonce=([0-9a-f]+)/.exec(lines()[1] ?? '')?.[1];
    expect(nonce).toMatch(/^[0-9a-f]{32}$/);
    server.send(`@client-nonce=${nonce ?? ''};id=id-of-second;mod=0 :tmi.twitch.tv USERSTATE #void`, LOGIN);
    expect((await second).messageId).toBe('id-of-second');
    server.send('@msg-id=msg_slowmode :tmi.twitch.tv NOTICE #void :This room is in slow mode.', LOGIN);
    expect((await first).reason).toBe('slowMode');
  });

  it('keeps order within a channel under the per-channel limit', async () => {
    const { transport } = harness();
    await transport.start();
    const privmsgs: PrivmsgEvent[] = [];
    server.on('privmsg', (event) => privmsgs.push(event));
    await Promise.all(
      Array.from({ length: 8 }, (_, index) => transport.send({ channel: 'chat', text: `line ${index}`, deadline: later() })),
    );
    expect(privmsgs.map((event) => event.text)).toEqual(Array.from({ length: 8 }, (_, index) => `line ${index}`));
    expect(privmsgs.every((event) => event.outcome === 'delivered')).toBe(true);
    expect(server.stats().violations).toEqual([]);
  });

  it('refuses sends on anonymous shards, over the queue bound, past the deadline and invalid text', async () => {
    const anonymous = harness({ credentials: { login: 'justinfan5555', anonymous: true, token: null } });
    expect((await failureOf(anonymous.transport.send({ channel: 'chat', text: 'hi', deadline: later() }))).reason).toBe('anonymous');

    const { transport } = harness({ options: { sendQueueSize: 2 } });
    // Not started: messages wait in the queue.
    const first = transport.send({ channel: 'chat', text: 'one', deadline: later() });
    const second = transport.send({ channel: 'chat', text: 'two', deadline: Date.now() + 50 });
    expect((await failureOf(transport.send({ channel: 'chat', text: 'three', deadline: later() }))).reason).toBe('queueFull');
    expect((await failureOf(second)).reason).toBe('timeout');
    expect((await failureOf(transport.send({ channel: 'chat', text: 'bad\r\nPRIVMSG #x :y', deadline: later() }))).reason).toBe(
      'other',
    );
    const controller = new AbortController();
    const withdrawn = transport.send({ channel: 'chat', text: 'withdrawn', deadline: later(), signal: controller.signal });
    controller.abort();
    expect((await failureOf(withdrawn)).reason).toBe('aborted');

    await transport.start();
    await first;
    const lines = server.receivedLines(LOGIN).filter((line) => line.includes('PRIVMSG'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/ :one$/);
  });

  it('fails with unconfirmed (not timeout) when a written message is never confirmed', async () => {
    const { transport } = harness({ options: { sendConfirmationTimeoutMs: 200 } });
    await transport.start();
    server.setChannelState('void', { nonexistent: true });
    const error = await failureOf(transport.send({ channel: 'void', text: 'anyone?', deadline: later() }));
    expect(error.reason).toBe('unconfirmed');
    expect(error.message).toContain('may have been delivered');
    expect(server.receivedLines(LOGIN).filter((line) => line.endsWith(':anyone?'))).toHaveLength(1);
  });

  it('settles queued sends with stopped on stop()', async () => {
    const { transport } = harness();
    const pending = transport.send({ channel: 'chat', text: 'never', deadline: later() });
    await transport.stop();
    expect((await failureOf(pending)).reason).toBe('stopped');
    expect((await failureOf(transport.send({ channel: 'chat', text: 'late', deadline: later() }))).reason).toBe('stopped');
  });
});
