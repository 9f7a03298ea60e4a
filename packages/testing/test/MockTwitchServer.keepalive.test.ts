import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MockTwitchServer } from '../src/index.js';
import { RawClient } from './helpers/RawClient.js';
import { trackClients } from './helpers/setup.js';

const track = trackClients();
let server: MockTwitchServer;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  server = new MockTwitchServer({ accounts: [{ login: 'mybot', token: 'secret' }], pingIntervalMs: 60_000, pongTimeoutMs: 5_000 });
  await server.start();
});
afterEach(async () => {
  await server.stop();
  vi.useRealTimers();
});

describe('keepalive', () => {
  it('sends PING :tmi.twitch.tv at the interval, even before login, and keeps a connection that answers', async () => {
    const client = track(await RawClient.connect(server.url));
    await vi.advanceTimersByTimeAsync(59_999);
    expect(client.lines).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(await client.waitFor((line) => line.startsWith('PING'))).toBe('PING :tmi.twitch.tv');
    client.send('PONG :tmi.twitch.tv');
    await server.waitFor('line', (event) => event.line.startsWith('PONG'));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(server.connections()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(50_000);
    expect(client.lines.filter((line) => line.startsWith('PING'))).toHaveLength(2);
  });

  it('closes a connection that does not PONG in time', async () => {
    const client = track(await RawClient.login(server.url, 'mybot', 'secret'));
    const disconnect = server.waitFor('disconnect', () => true, { timeoutMs: 600_000 });
    await vi.advanceTimersByTimeAsync(60_000);
    await client.waitFor((line) => line === 'PING :tmi.twitch.tv');
    await vi.advanceTimersByTimeAsync(4_999);
    expect(server.connections()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await disconnect).toMatchObject({ login: 'mybot', reason: 'pingTimeout' });
    await client.closed;
  });

  it.each([
    ['PING', 'PONG :tmi.twitch.tv'],
    ['PING asd', ':tmi.twitch.tv PONG tmi.twitch.tv :asd'],
    ['PING :asd def', ':tmi.twitch.tv PONG tmi.twitch.tv :asd def'],
    ['PING asd def', ':tmi.twitch.tv PONG tmi.twitch.tv :asd'],
    ['PING :tmi.twitch.tv', ':tmi.twitch.tv PONG tmi.twitch.tv :tmi.twitch.tv'],
  ])('answers a client %j with %j', async (ping, pong) => {
    const client = track(await RawClient.login(server.url, 'mybot', 'secret'));
    client.send(ping);
    expect(await client.next((line) => line.includes('PONG'))).toBe(pong);
  });

  it('sends RECONNECT and closes after the grace period', async () => {
    const client = track(await RawClient.login(server.url, 'mybot', 'secret'));
    const plain = track(await RawClient.login(server.url, 'mybot', 'secret', ''));
    expect(server.reconnect('mybot', { graceMs: 1_000 })).toBe(2);
    expect(await client.next((line) => line.includes('RECONNECT'))).toBe(':tmi.twitch.tv RECONNECT');
    await vi.advanceTimersByTimeAsync(999);
    expect(server.connections()).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    await Promise.all([client.closed, plain.closed]);
    // RECONNECT needs the commands capability (§1.3).
    expect(plain.lines.some((line) => line.includes('RECONNECT'))).toBe(false);
  });

  it('uses the reconnectGraceMs default of 30 s and stop() clears pending timers', async () => {
    const client = track(await RawClient.login(server.url, 'mybot', 'secret'));
    server.reconnect();
    await client.next((line) => line.includes('RECONNECT'));
    await vi.advanceTimersByTimeAsync(29_999);
    expect(server.connections()).toHaveLength(1);
    await server.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
