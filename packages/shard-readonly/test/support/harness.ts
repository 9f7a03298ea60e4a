import {
  Client,
  SimpleTokenHandler,
  silentLogger,
  type BaseTokenHandler,
  type ClientOptions,
  type RateLimitOverrides,
} from '@tio/core';
import { IrcWsTransport, type IrcWsTransportOptions } from '@tio/irc-ws';
import { MockTwitchServer, type MockTwitchServerOptions } from '@tio/testing';
import { ReadOnlyShardManager, type ReadOnlyShardManagerOptions } from '../../src/index.js';
import { fastTransportOptions } from './fastTransport.js';

export const LOGIN = 'readbot';
export const TOKEN = 'readbottoken0123456789abcdefgh';
export const OTHER_LOGIN = 'helperbot';
export const OTHER_TOKEN = 'helperbottoken0123456789abcdef';

/** Every window of Twitch's limits (§4.1, §4.4) is scaled to 1/20 on both sides: the mock's `timeScale`, and these. */
export const TIME_SCALE = 0.05;

/**
 * The client's limits for the authenticated accounts: Twitch's, windows scaled to 1/20. The mock shares the test's
 * event loop, so a 20 % margin absorbs its late reading of a line at this scale (the default 2 % of 500 ms is 10 ms).
 */
export const SCALED_LIMITS: RateLimitOverrides = {
  login: { limit: 20, windowMs: 10_000 * TIME_SCALE },
  join: { limit: 20, windowMs: 10_000 * TIME_SCALE },
  messageUser: { limit: 20, windowMs: 30_000 * TIME_SCALE },
  messageModerator: { limit: 100, windowMs: 30_000 * TIME_SCALE },
  messagePerChannel: { limit: 1, windowMs: 1_000 * TIME_SCALE },
  safetyMargin: 0.2,
};

/** A mock with both bot accounts, Twitch's limits scaled to 1/20, no hour-long message penalty and no server PINGs. */
export async function startServer(options: MockTwitchServerOptions = {}): Promise<MockTwitchServer> {
  const server = new MockTwitchServer({
    accounts: [
      { login: LOGIN, token: TOKEN },
      { login: OTHER_LOGIN, token: OTHER_TOKEN },
    ],
    timeScale: TIME_SCALE,
    pingIntervalMs: 0,
    ...options,
    limits: { privmsgPenaltyMs: 0, ...options.limits },
  });
  await server.start();
  return server;
}

/** A token handler with both accounts, `LOGIN` the default. */
export function bothAccounts(): SimpleTokenHandler {
  return new SimpleTokenHandler({
    accounts: [
      { login: LOGIN, token: TOKEN },
      { login: OTHER_LOGIN, token: OTHER_TOKEN },
    ],
  });
}

/** What {@link createClient} accepts on top of the manager options. */
export interface TestClientOptions extends ReadOnlyShardManagerOptions {
  readonly tokenHandler?: BaseTokenHandler;
  readonly initialChannels?: readonly string[];
  readonly rateLimits?: RateLimitOverrides;
  readonly transportOptions?: IrcWsTransportOptions;
  readonly extra?: Partial<ClientOptions<typeof IrcWsTransport, typeof ReadOnlyShardManager>>;
}

/** A Client with the ReadOnlyShardManager and IrcWsTransport, pointed at `server`. */
export function createClient(server: MockTwitchServer, options: TestClientOptions = {}): Client<typeof IrcWsTransport, typeof ReadOnlyShardManager> {
  const {
    tokenHandler = new SimpleTokenHandler({ login: LOGIN, token: TOKEN }),
    initialChannels = [],
    rateLimits = SCALED_LIMITS,
    transportOptions = {},
    extra = {},
    ...managerOptions
  } = options;
  return new Client({
    tokenHandler,
    logger: silentLogger,
    transport: IrcWsTransport,
    transportOptions: { ...fastTransportOptions(server), ...transportOptions },
    shardManager: ReadOnlyShardManager,
    initialChannels,
    rateLimits,
    ...managerOptions,
    ...extra,
  });
}

/** The client's manager, which exists once `start()` was called. */
export function managerOf(client: Client<typeof IrcWsTransport, typeof ReadOnlyShardManager>): ReadOnlyShardManager {
  const manager = client.shardManager;
  if (manager === undefined) throw new Error('the client has not started');
  return manager;
}

/** Channel names `prefix0`, `prefix1`, … */
export function channelNames(prefix: string, count: number, from = 0): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix}${from + index}`);
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
