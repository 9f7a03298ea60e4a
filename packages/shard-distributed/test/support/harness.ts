import { Client, SimpleTokenHandler, silentLogger, type Logger, type RateLimitOverrides, type SecretToken } from '@tio/core';
import { IrcWsTransport, type IrcWsTransportOptions } from '@tio/irc-ws';
import { MockTwitchServer, type JoinEvent, type MockTwitchServerOptions, type PrivmsgEvent } from '@tio/testing';
import { DistributedShardManager, type DistributedShardManagerOptions } from '../../src/index.js';
import { fastTransportOptions } from './fastTransport.js';

export const LOGIN = 'distbot';
export const TOKEN = 'disttoken0123456789abcdefghijk';

/**
 * Twitch's JOIN and login limits (20 per 10 s, twitch-protocol.md §4.4) and message limits (§4.1) with windows
 * scaled to 1/20, for the client; the mock applies the same scale with `timeScale`.
 */
export const SCALED_LIMITS: RateLimitOverrides = {
  login: { limit: 20, windowMs: 500 },
  join: { limit: 20, windowMs: 500 },
  messageUser: { limit: 20, windowMs: 1_500 },
  messageModerator: { limit: 100, windowMs: 1_500 },
  messagePerChannel: { limit: 1, windowMs: 50 },
  // The mock shares the test's event loop: 20 % of a 500 ms window (100 ms) absorbs its late reading of a line, which
  // the default 2 % (10 ms) does not at this scale.
  safetyMargin: 0.2,
};

/** A mock with the bot's account and Twitch's limits scaled to 1/20, no message penalty and no server PINGs. */
export async function startServer(options: MockTwitchServerOptions = {}): Promise<MockTwitchServer> {
  const server = new MockTwitchServer({
    accounts: [{ login: LOGIN, token: TOKEN }],
    timeScale: 0.05,
    pingIntervalMs: 0,
    ...options,
    limits: { privmsgPenaltyMs: 0, ...options.limits },
  });
  await server.start();
  return server;
}

/** What {@link createClient} accepts on top of the manager options. */
export interface TestClientOptions extends DistributedShardManagerOptions {
  readonly initialChannels?: readonly string[];
  readonly rateLimits?: RateLimitOverrides;
  readonly transportOptions?: IrcWsTransportOptions;
  readonly token?: string;
  readonly refreshToken?: (login: string) => Promise<string | SecretToken | null>;
  readonly logger?: Logger;
}

/** A Client with the DistributedShardManager and IrcWsTransport, pointed at `server`. */
export function createClient(server: MockTwitchServer, options: TestClientOptions = {}): Client<typeof IrcWsTransport, typeof DistributedShardManager> {
  const {
    initialChannels = [],
    rateLimits = SCALED_LIMITS,
    transportOptions = {},
    token = TOKEN,
    refreshToken,
    logger = silentLogger,
    ...managerOptions
  } = options;
  return new Client({
    tokenHandler: new SimpleTokenHandler({ login: LOGIN, token, ...(refreshToken === undefined ? {} : { refreshToken }) }),
    logger,
    transport: IrcWsTransport,
    transportOptions: { ...fastTransportOptions(server), ...transportOptions },
    shardManager: DistributedShardManager,
    initialChannels,
    rateLimits,
    ...managerOptions,
  });
}

/** Records the mock's JOIN answers and PRIVMSG outcomes. */
export function recordServer(server: MockTwitchServer): { joins: JoinEvent[]; privmsgs: PrivmsgEvent[] } {
  const joins: JoinEvent[] = [];
  const privmsgs: PrivmsgEvent[] = [];
  server.on('join', (event: JoinEvent) => joins.push(event));
  server.on('privmsg', (event: PrivmsgEvent) => privmsgs.push(event));
  return { joins, privmsgs };
}

/** Channel names `prefix0`, `prefix1`, … */
export function channelNames(prefix: string, count: number, from = 0): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix}${from + index}`);
}

/** Channel count per shard id, in shard order. */
export function shardLoads(client: Client<typeof IrcWsTransport, typeof DistributedShardManager>): Record<string, number> {
  return Object.fromEntries([...client.shards.values()].map((shard) => [shard.id, shard.channelCount]));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `predicate` on real time until it holds. */
export async function waitUntil(predicate: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}
