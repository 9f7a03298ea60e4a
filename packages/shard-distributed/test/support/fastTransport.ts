import type { IrcWsTransportOptions } from '@tio/irc-ws';
import type { MockTwitchServer } from '@tio/testing';

/**
 * IrcWsTransport settings for tests against the mock on loopback: quick reconnects and keepalive, short close waits,
 * so recovery scenarios take milliseconds instead of seconds.
 *
 * @param server - The running mock.
 * @returns The transport options.
 */
export function fastTransportOptions(server: MockTwitchServer): IrcWsTransportOptions {
  return {
    url: server.url,
    joinTimeoutMs: 2_000,
    sendConfirmationTimeoutMs: 2_000,
    reconnectDelayMs: 50,
    maxReconnectDelayMs: 200,
    // Not shortened: a keepalive PING answered within the same clock millisecond is taken for a dead link by
    // IrcWsConnection (reported bug), which would add spurious reconnects to tests that are not about keepalive.
    keepaliveIntervalMs: 30_000,
    keepaliveTimeoutMs: 2_000,
    closeTimeoutMs: 200,
  };
}
