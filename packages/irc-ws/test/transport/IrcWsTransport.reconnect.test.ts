import { SendError, type PrivmsgMessage, type SentMessage } from '@tio/core';
import type { MockTwitchServer, PrivmsgEvent } from '@tio/testing';
import { createServer, type AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOGIN, createHarness, eventsNamed, sleep, startServer, waitUntil, type Harness } from './helpers.js';

let server: MockTwitchServer;
const harnesses: Harness[] = [];

function harness(options: Omit<Parameters<typeof createHarness>[0], 'url'> = {}): Harness {
  const created = createHarness({ url: server.url, ...options });
  harnesses.push(created);
  return created;
}

function numbersReceived(harness: Harness, channel: string): number[] {
  return harness.messages
    .filter((message): message is PrivmsgMessage => message.type === 'privmsg' && message.channel === channel)
    .map((message) => Number(message.text.replace('message ', '')));
}

function delivered(events: readonly PrivmsgEvent[], text: string): PrivmsgEvent[] {
  return events.filter((event) => event.text === text && event.outcome === 'delivered');
}

beforeEach(async () => {
  server = await startServer({ reconnectGraceMs: 1_500 });
});

afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((created) => created.transport.stop()));
  await server.stop();
});

describe('IrcWsTransport RECONNECT (make-before-break)', () => {
  it('delivers every message exactly once across the switch, within the limits', async () => {
    // One JOIN attempt: this test is about the overlap, not about retrying the unanswered JOIN.
    const created = harness({ options: { joinAttempts: 1 } });
    const { transport, events } = created;
    await transport.start();
    await transport.addChannels(['busy', 'quiet', 'fading']);
    // The replacement's JOIN of this channel gets no answer, so both sockets stay joined to #busy until the join
    // timeout: a long overlap in which every message arrives twice.
    server.setChannelState('fading', { nonexistent: true });

    const total = 300;
    let sent = 0;
    const producer = (async () => {
      for (; sent < total; sent++) {
        server.chat('busy', { login: 'viewer', text: `message ${sent}` });
        if (sent === 60) server.reconnect(LOGIN);
        await sleep(sent % 10 === 0 ? 10 : 0);
      }
    })();
    await producer;
    await waitUntil(() => numbersReceived(created, 'busy').length >= total, 5_000, 'all messages');
    await waitUntil(() => server.connections(LOGIN).length === 1, 5_000, 'old socket closed');
    await sleep(50);

    const numbers = numbersReceived(created, 'busy');
    expect(numbers).toHaveLength(total);
    expect(new Set(numbers).size).toBe(total);
    // Some lines did arrive on both sockets: the de-duplication was exercised.
    const rawLines = eventsNamed(events, 'raw').filter((event) => event[1].includes('PRIVMSG #busy'));
    expect(rawLines.length).toBeGreaterThan(total);
    expect(eventsNamed(events, 'joinFailure').map((event) => [event[1], event[2]])).toEqual([['fading', 'timeout']]);
    expect(eventsNamed(events, 'disconnect').map((event) => event[1])).toEqual([{ kind: 'reconnectRequested' }]);
    expect(eventsNamed(events, 'reconnect').map((event) => [event[1], event[2]])).toEqual([[1, 0]]);
    expect(transport.status).toBe('ready');
    expect([...transport.joinedChannels].sort()).toEqual(['busy', 'quiet']);
    expect(eventsNamed(events, 'part').map((event) => event[1])).toEqual(['fading']);
    const stats = server.stats();
    expect(stats.violations).toEqual([]);
    expect(stats.accounts[LOGIN]?.logins).toHaveLength(2);
    expect(stats.connections[0]?.channels).toEqual(['busy', 'quiet']);
    // The replacement was ready before the old socket went away: no status change at all.
    expect(eventsNamed(events, 'status').map((event) => event[1])).toEqual(['connecting', 'ready']);
  });

  it('drops a message the server sends twice', async () => {
    const created = harness();
    await created.transport.start();
    await created.transport.addChannels(['busy']);
    server.chat('busy', { login: 'viewer', text: 'message 1', id: 'same-id' });
    server.chat('busy', { login: 'viewer', text: 'message 1', id: 'same-id' });
    server.chat('busy', { login: 'viewer', text: 'message 2' });
    await waitUntil(() => numbersReceived(created, 'busy').includes(2), 2_000, 'second message');
    expect(numbersReceived(created, 'busy')).toEqual([1, 2]);
  });

  it('keeps sending through the switch, each message once', async () => {
    const { transport } = harness();
    await transport.start();
    await transport.addChannels(['chat']);
    const privmsgs: PrivmsgEvent[] = [];
    server.on('privmsg', (event) => privmsgs.push(event));
    const sends: Array<Promise<SentMessage>> = [];
    for (let index = 0; index < 20; index++) {
      sends.push(transport.send({ channel: 'chat', text: `note ${index}`, deadline: Date.now() + 10_000 }));
      if (index === 5) server.reconnect(LOGIN);
      await sleep(40);
    }
    const results = await Promise.all(sends);
    expect(results.every((result) => result.channel === 'chat')).toBe(true);
    for (let index = 0; index < 20; index++) expect(delivered(privmsgs, `note ${index}`)).toHaveLength(1);
    expect(server.stats().violations).toEqual([]);
  });
});

describe('IrcWsTransport RECONNECT grace', () => {
  it('switches after reconnectGraceMs and keeps the old socket until the new one has joined', async () => {
    const created = harness({ options: { reconnectGraceMs: 200, joinTimeoutMs: 1_200, joinAttempts: 1 } });
    const { transport, events } = created;
    await transport.start();
    await transport.addChannels(['busy', 'fading']);
    server.setChannelState('fading', { nonexistent: true });
    server.reconnect(LOGIN, { graceMs: 5_000 });
    await waitUntil(() => eventsNamed(events, 'disconnect').length === 1, 2_000, 'switch');
    // Switched while the JOIN of #fading is still unanswered: the old socket stays open meanwhile.
    expect(eventsNamed(events, 'joinFailure')).toEqual([]);
    expect(server.connections(LOGIN)).toHaveLength(2);
    server.chat('busy', { login: 'viewer', text: 'message 1' });
    await waitUntil(() => eventsNamed(events, 'joinFailure').length === 1, 3_000, 'join timeout');
    await waitUntil(() => server.connections(LOGIN).length === 1, 2_000, 'old socket closed');
    server.chat('busy', { login: 'viewer', text: 'message 2' });
    await waitUntil(() => numbersReceived(created, 'busy').includes(2), 2_000, 'second message');
    expect(numbersReceived(created, 'busy')).toEqual([1, 2]);
    expect(eventsNamed(events, 'joinFailure').map((event) => [event[1], event[2]])).toEqual([['fading', 'timeout']]);
    expect([...transport.desiredChannels]).toEqual(['busy']);
    expect(server.stats().violations).toEqual([]);
  });
});

describe('IrcWsTransport RECONNECT fallback', () => {
  it('falls back to the replacement when the old socket closes before the switch', async () => {
    const created = harness();
    const { transport, events } = created;
    await transport.start();
    await transport.addChannels(['busy']);
    server.reconnect(LOGIN, { graceMs: 0 });
    await waitUntil(() => eventsNamed(events, 'disconnect').length === 1, 3_000, 'old socket gone');
    await waitUntil(() => transport.status === 'ready' && transport.joinedChannels.has('busy'), 3_000, 'back and rejoined');
    server.chat('busy', { login: 'viewer', text: 'message 7' });
    await waitUntil(() => numbersReceived(created, 'busy').includes(7), 2_000, 'message after the fallback');
    expect(server.connections(LOGIN)).toHaveLength(1);
    // Whether the replacement had logged in when the old socket closed depends on timing: either it took over at once
    // (status stays ready) or the shard was briefly reconnecting until its login completed.
    const statuses = eventsNamed(events, 'status').map((event) => event[1]);
    expect([
      ['connecting', 'ready'],
      ['connecting', 'ready', 'reconnecting', 'ready'],
    ]).toContainEqual(statuses);
    expect(eventsNamed(events, 'ready')).toHaveLength(statuses.length === 2 ? 1 : 2);
    expect(server.stats().accounts[LOGIN]?.logins).toHaveLength(2);
    expect(server.stats().violations).toEqual([]);
  });
});

describe('IrcWsTransport unplanned disconnects', () => {
  it('reports why connecting failed (here ECONNREFUSED) as an error event on every attempt, and keeps retrying', async () => {
    // A port nobody listens on: bind one, note it, close it.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    const created = createHarness({ url: `ws://127.0.0.1:${port}` });
    harnesses.push(created);
    const starting = created.transport.start().catch((error: unknown) => error);
    await waitUntil(() => created.errors.length >= 2, 5_000, 'two connect errors');
    expect(created.errors[0]?.message).toMatch(/ECONNREFUSED/);
    expect(eventsNamed(created.events, 'reconnect').length).toBeGreaterThanOrEqual(1);
    expect(created.transport.status).not.toBe('failed');
    expect(created.logs.some((line) => line.level === 'warn' && /connecting failed/.test(line.message))).toBe(true);
    await created.transport.stop();
    await starting;
  });

  it('resets the backoff after a stable session', async () => {
    const { transport, events } = harness({ options: { stableSessionMs: 200 } });
    await transport.start();
    server.refuseConnections(2);
    server.drop(LOGIN);
    await waitUntil(() => eventsNamed(events, 'ready').length === 2, 5_000, 'second ready');
    expect(eventsNamed(events, 'reconnect').map((event) => event[1])).toEqual([1, 2, 3]);
    // Up for less than stableSessionMs: the next drop continues the backoff.
    server.drop(LOGIN);
    await waitUntil(() => eventsNamed(events, 'ready').length === 3, 5_000, 'third ready');
    expect(eventsNamed(events, 'reconnect').map((event) => event[1])).toEqual([1, 2, 3, 4]);
    // Up longer than stableSessionMs: it starts over at attempt 1.
    await sleep(300);
    server.drop(LOGIN);
    await waitUntil(() => eventsNamed(events, 'ready').length === 4, 5_000, 'fourth ready');
    expect(eventsNamed(events, 'reconnect').map((event) => event[1])).toEqual([1, 2, 3, 4, 1]);
    for (const [, , delayMs] of eventsNamed(events, 'reconnect')) expect(delayMs).toBeLessThanOrEqual(200);
  });

  it('comes back after a drop, rejoins, and sends what was queued exactly once', async () => {
    const { transport, events } = harness();
    await transport.start();
    await transport.addChannels(['alpha', 'beta']);
    const privmsgs: PrivmsgEvent[] = [];
    server.on('privmsg', (event) => privmsgs.push(event));

    server.refuseConnections(2);
    server.drop(LOGIN);
    await waitUntil(() => transport.status === 'reconnecting', 2_000, 'reconnecting');
    const sends = [
      transport.send({ channel: 'alpha', text: 'queued one', deadline: Date.now() + 10_000 }),
      transport.send({ channel: 'beta', text: 'queued two', deadline: Date.now() + 10_000 }),
      transport.send({ channel: 'alpha', text: 'queued three', deadline: Date.now() + 10_000 }),
    ];
    const results = await Promise.all(sends);

    expect(results.map((result) => result.messageId)).toEqual([expect.any(String), expect.any(String), expect.any(String)]);
    for (const text of ['queued one', 'queued two', 'queued three']) expect(delivered(privmsgs, text)).toHaveLength(1);
    expect(transport.status).toBe('ready');
    expect([...transport.joinedChannels].sort()).toEqual(['alpha', 'beta']);
    const reconnects = eventsNamed(events, 'reconnect');
    expect(reconnects.length).toBeGreaterThanOrEqual(3);
    expect(reconnects.map((event) => event[1])).toEqual(reconnects.map((_, index) => index + 1));
    expect(eventsNamed(events, 'disconnect')[0]?.[1]).toMatchObject({ kind: 'closed', code: 1006 });
    expect(server.stats().violations).toEqual([]);
  });

  it('detects a stalled link with its own PING, reconnects, rejoins and sends queued messages once', async () => {
    const { transport, events } = harness({ options: { keepaliveIntervalMs: 150, keepaliveTimeoutMs: 150 } });
    await transport.start();
    await transport.addChannels(['alpha']);
    const privmsgs: PrivmsgEvent[] = [];
    server.on('privmsg', (event) => privmsgs.push(event));

    server.stall(LOGIN);
    await waitUntil(() => eventsNamed(events, 'disconnect').length === 1, 3_000, 'keepalive disconnect');
    expect(eventsNamed(events, 'disconnect')[0]?.[1]).toEqual({ kind: 'keepaliveTimeout' });
    const result = await transport.send({ channel: 'alpha', text: 'after the stall', deadline: Date.now() + 10_000 });

    expect(result.messageId).toEqual(expect.any(String));
    expect(delivered(privmsgs, 'after the stall')).toHaveLength(1);
    expect(transport.joinedChannels.has('alpha')).toBe(true);
    expect(server.stats().violations).toEqual([]);
  });

  it('does not resend a message written to a socket that died before confirming it', async () => {
    const { transport, events } = harness({ options: { keepaliveIntervalMs: 150, keepaliveTimeoutMs: 150 } });
    await transport.start();
    await transport.addChannels(['alpha']);
    server.stall(LOGIN);
    const error = await transport.send({ channel: 'alpha', text: 'into the void', deadline: Date.now() + 10_000 }).catch((reason: unknown) => reason);
    // Written, never confirmed: rejected as unconfirmed (like a confirmation timeout), and never written again.
    expect(SendError.isInstance(error) && error.reason).toBe('unconfirmed');
    await waitUntil(() => eventsNamed(events, 'ready').length === 2, 3_000, 'back');
    await sleep(100);
    expect(server.receivedLines(LOGIN).filter((line) => line.endsWith(':into the void'))).toEqual([]);
  });
});
