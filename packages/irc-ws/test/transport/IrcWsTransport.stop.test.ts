import { StoppedError } from '@tio/core';
import type { MockTwitchServer } from '@tio/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LOGIN, createHarness, createLimiter, eventsNamed, startServer } from './helpers.js';

let server: MockTwitchServer;

beforeEach(async () => {
  server = await startServer();
  // Sockets stay real; only timers and Date are faked, so every transport timer is visible to getTimerCount().
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
});

afterEach(async () => {
  vi.useRealTimers();
  await server.stop();
});

function settled(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => 'resolved',
    (error: unknown) => error,
  );
}

describe('IrcWsTransport stop', () => {
  it('stops mid-connect: resolves, clears every timer, rejects start() with StoppedError', async () => {
    const { transport, events } = createHarness({ url: server.url });
    const started = settled(transport.start());
    const joins = transport.addChannels(['somewhere']);
    expect(transport.status).toBe('connecting');
    await transport.stop();

    expect(transport.status).toBe('stopped');
    expect(StoppedError.isInstance(await started)).toBe(true);
    expect(await joins).toEqual([{ channel: 'somewhere', joined: false, reason: 'stopped' }]);
    expect(vi.getTimerCount()).toBe(0);
    await transport.exited;
    expect(eventsNamed(events, 'status').map((event) => event[1])).toEqual(['connecting', 'stopped']);
    await transport.stop(); // idempotent
  });

  it('stops mid-backoff', async () => {
    server.refuseConnections(10);
    let onReconnect!: () => void;
    const reconnecting = new Promise<void>((resolve) => {
      onReconnect = resolve;
    });
    const { transport } = createHarness({ url: server.url, sink: { reconnect: () => onReconnect() } });
    const started = settled(transport.start());
    await reconnecting;
    expect(transport.status).toBe('reconnecting');
    expect(vi.getTimerCount()).toBeGreaterThan(0); // the backoff timer
    await transport.stop();
    expect(vi.getTimerCount()).toBe(0);
    expect(StoppedError.isInstance(await started)).toBe(true);
    expect(transport.status).toBe('stopped');
  });

  it('stops while waiting for the login limiter', async () => {
    const limiter = createLimiter();
    // Use up the login budget so the transport's PASS/NICK must wait.
    for (let index = 0; index < 20; index++) await limiter.acquireLogin();
    let onConnect!: () => void;
    const connected = new Promise<void>((resolve) => {
      onConnect = resolve;
    });
    const { transport } = createHarness({ url: server.url, limiter, sink: { connect: () => onConnect() } });
    const started = settled(transport.start());
    await connected;
    await vi.advanceTimersByTimeAsync(10);
    expect(server.receivedLines().some((line) => line.startsWith('NICK'))).toBe(false);
    await transport.stop();
    expect(vi.getTimerCount()).toBe(0);
    expect(StoppedError.isInstance(await started)).toBe(true);
  });

  it('stops a ready shard with joins and queued sends, leaving no timer and no socket', async () => {
    const { transport, events } = createHarness({ url: server.url });
    await transport.start();
    await transport.addChannels(['alpha']);
    server.stall(LOGIN); // nothing is confirmed any more
    const written = settled(transport.send({ channel: 'alpha', text: 'written', deadline: Date.now() + 60_000 }));
    const queued = settled(transport.send({ channel: 'alpha', text: 'queued', deadline: Date.now() + 60_000 }));
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBeGreaterThan(0); // keepalive, confirmation and deadline timers
    await transport.stop();

    expect(vi.getTimerCount()).toBe(0);
    expect(await written).toMatchObject({ reason: 'unconfirmed' }); // written, outcome unknown
    expect(await queued).toMatchObject({ reason: 'stopped' });
    expect(eventsNamed(events, 'disconnect').at(-1)?.[1]).toEqual({ kind: 'stopped' });
    expect(transport.joinedChannels.size).toBe(0);
  });
});
