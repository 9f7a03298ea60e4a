import { Socket } from 'node:net';
import { afterAll, beforeAll, expect } from 'vitest';

/**
 * Fails any TCP connection to anything but 127.0.0.1 while the calling test file runs, so a third-party client that
 * ignored its connection options cannot reach the real Twitch.
 *
 * @returns the list of refused destinations, to assert it stays empty
 */
export function loopbackOnly(): string[] {
  const refused: string[] = [];
  const original = Socket.prototype.connect;
  beforeAll(() => {
    Socket.prototype.connect = function connect(this: Socket, ...args: unknown[]) {
      // net.connect() passes its normalized arguments as one array.
      const list = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
      const first = list[0] as { host?: string; path?: string } | number | string;
      const host = typeof first === 'object' && first !== null ? (first.path !== undefined ? 'ipc' : first.host ?? 'localhost') : typeof list[1] === 'string' ? list[1] : 'localhost';
      if (host !== '127.0.0.1' && host !== 'ipc') {
        refused.push(host);
        throw new Error(`test network guard: connection to ${host} refused; only 127.0.0.1 is allowed`);
      }
      return (original as (...parameters: unknown[]) => Socket).apply(this, args);
    } as typeof Socket.prototype.connect;
  });
  afterAll(() => {
    Socket.prototype.connect = original;
    expect(refused).toEqual([]);
  });
  return refused;
}
