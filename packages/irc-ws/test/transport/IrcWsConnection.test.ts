import { silentLogger, systemClock, type DisconnectReason } from '@tio/core';
import type { MockTwitchServer } from '@tio/testing';
import WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IrcWsConnection } from '../../src/transport/IrcWsConnection.js';
import { startServer } from './helpers.js';

const KEEPALIVE_INTERVAL_MS = 1_000;
const KEEPALIVE_TIMEOUT_MS = 500;

let server: MockTwitchServer;
let connection: IrcWsConnection | undefined;

beforeEach(async () => {
  server = await startServer();
  // Sockets stay real; timers and Date are faked, so Date.now() does not move between our PING and the mock's PONG:
  // the PONG arrives "in the same millisecond", as it often does on loopback.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
});

afterEach(async () => {
  await connection?.close({ kind: 'stopped' });
  connection = undefined;
  vi.useRealTimers();
  await server.stop();
});

describe('IrcWsConnection keepalive', () => {
  it('counts a PONG that arrives in the same millisecond as the PING as traffic (no keepaliveTimeout)', async () => {
    const lines: string[] = [];
    const closes: DisconnectReason[] = [];
    let onLine: ((line: string) => void) | undefined;
    const opened = new Promise<void>((resolve) => {
      connection = new IrcWsConnection(
        {
          id: 'test#1',
          url: server.url,
          webSocketConstructor: WebSocket,
          clock: systemClock,
          logger: silentLogger,
          connectTimeoutMs: 5_000,
          keepaliveIntervalMs: KEEPALIVE_INTERVAL_MS,
          keepaliveTimeoutMs: KEEPALIVE_TIMEOUT_MS,
          closeTimeoutMs: 200,
        },
        {
          open: () => resolve(),
          line: (line) => {
            lines.push(line);
            onLine?.(line);
          },
          error: () => undefined,
          close: (reason) => closes.push(reason),
        },
      );
      connection.open();
    });
    await opened;
    const nextPong = (): Promise<number> =>
      new Promise<number>((resolve) => {
        onLine = (line) => {
          if (line.includes('PONG')) resolve(Date.now());
        };
      });

    // Round 1: silence for a whole interval. Round 2: the check that accepted the first PONG re-armed the timer for
    // one interval after that PONG, i.e. half an interval (the keepalive timeout) later.
    for (const untilPingMs of [KEEPALIVE_INTERVAL_MS, KEEPALIVE_INTERVAL_MS - KEEPALIVE_TIMEOUT_MS]) {
      const pong = nextPong();
      const pingAt = Date.now() + untilPingMs;
      // The connection writes its own PING, which the mock answers over the real socket.
      await vi.advanceTimersByTimeAsync(untilPingMs);
      expect(await pong).toBe(pingAt); // the same (fake) millisecond as the PING
      // The keepalive timeout passes with no traffic after that PONG: the link answered, so it must stay open.
      await vi.advanceTimersByTimeAsync(KEEPALIVE_TIMEOUT_MS);
      expect(closes).toEqual([]);
      expect(connection?.isOpen).toBe(true);
    }
    expect(lines.filter((line) => line.includes('PONG'))).toHaveLength(2);
  });
});
