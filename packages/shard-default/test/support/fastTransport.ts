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
    keepaliveIntervalMs: 5_000,
    keepaliveTimeoutMs: 2_000,
    closeTimeoutMs: 200,
  };
}
