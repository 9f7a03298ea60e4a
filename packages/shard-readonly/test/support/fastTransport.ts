import type { IrcWsTransportOptions } from '@tio/irc-ws';
import type { MockTwitchServer } from '@tio/testing';

/**
 * IrcWsTransport options for the mock on loopback: short join and send confirmations, reconnects within a few hundred
 * milliseconds and quick closes, so drop-and-recover tests finish fast.
 *
 * @param server - The running mock.
 * @returns The options.
 */
export function fastTransportOptions(server: MockTwitchServer): IrcWsTransportOptions {
  return {
    url: server.url,
    joinTimeoutMs: 2_000,
    sendConfirmationTimeoutMs: 2_000,
    reconnectDelayMs: 50,
    maxReconnectDelayMs: 200,
    // Left at 30 s: IrcWsConnection mistakes a keepalive PONG that arrives in the same clock millisecond for a dead
    // link (reported to the irc-ws owner), which would add reconnects unrelated to what these tests check.
    keepaliveIntervalMs: 30_000,
    keepaliveTimeoutMs: 2_000,
    closeTimeoutMs: 200,
  };
}
