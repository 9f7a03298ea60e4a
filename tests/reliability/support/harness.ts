import { inspect } from 'node:util';
import {
  Client,
  SimpleTokenHandler,
  type BaseTokenHandler,
  type ClientEventName,
  type LogFields,
  type Logger,
  type RateLimitOverrides,
  type SecretToken,
} from '@tio/core';
import { IrcWsTransport, type IrcWsTransportOptions } from '@tio/irc-ws';
import { DistributedShardManager, type DistributedShardManagerOptions } from '@tio/shard-distributed';
import { MockTwitchServer, type MockAccountOptions, type MockTwitchServerOptions } from '@tio/testing';

/** The bot account of most scenarios. The token looks like a real one, so the secrets scan can find it anywhere. */
export const LOGIN = 'reliabot';
export const TOKEN = 'rl7q2xk9v4m1n8b3c6z5a0s2d4f6g8';
/** A second, independent account ("other logins unaffected"). */
export const OTHER_LOGIN = 'otherbot';
export const OTHER_TOKEN = 'ot3h5j7k9l1p2o4i6u8y0t1r3e5w7q';

/** Every token any scenario hands to a client; none may ever appear in a log line, error, event or inspect(). */
export const ALL_SECRETS = new Set<string>([TOKEN, OTHER_TOKEN]);

/** Registers another secret for the scan (a bad, revoked or refreshed token made up by a scenario). */
export function secret(token: string): string {
  ALL_SECRETS.add(token);
  return token;
}

/**
 * Twitch's limits (twitch-protocol.md §4.1, §4.4) with every window multiplied by `scale`, for the client; the mock
 * gets the same scale through `timeScale`, so both sides agree while tests run in a fraction of real time.
 */
export function scaledLimits(scale: number, safetyMargin = 0.2): RateLimitOverrides {
  return {
    login: { limit: 20, windowMs: Math.round(10_000 * scale) },
    join: { limit: 20, windowMs: Math.round(10_000 * scale) },
    messageUser: { limit: 20, windowMs: Math.round(30_000 * scale) },
    messageModerator: { limit: 100, windowMs: Math.round(30_000 * scale) },
    messagePerChannel: { limit: 1, windowMs: Math.round(1_000 * scale) },
    // The mock shares the test's event loop and reads a line late when the loop is busy; the margin absorbs that.
    safetyMargin,
  };
}

/** A started mock with the bot's account (and the other account), Twitch limits scaled by `timeScale`. */
export async function startServer(options: MockTwitchServerOptions & { readonly moderatorIn?: readonly string[] } = {}): Promise<MockTwitchServer> {
  const { moderatorIn, ...rest } = options;
  const accounts: MockAccountOptions[] = [
    { login: LOGIN, token: TOKEN, ...(moderatorIn === undefined ? {} : { moderatorIn }) },
    { login: OTHER_LOGIN, token: OTHER_TOKEN },
  ];
  const server = new MockTwitchServer({
    accounts,
    timeScale: 0.05,
    pingIntervalMs: 0,
    ...rest,
    limits: { privmsgPenaltyMs: 0, ...rest.limits },
  });
  await server.start();
  return server;
}

/** IrcWsTransport settings for loopback: quick reconnects, short close waits (as in the packages' e2e tests). */
export function fastTransportOptions(server: Pick<MockTwitchServer, 'url'>): IrcWsTransportOptions {
  return {
    url: server.url,
    joinTimeoutMs: 2_000,
    sendConfirmationTimeoutMs: 2_000,
    reconnectDelayMs: 50,
    maxReconnectDelayMs: 200,
    keepaliveIntervalMs: 30_000,
    keepaliveTimeoutMs: 2_000,
    closeTimeoutMs: 200,
    connectTimeoutMs: 2_000,
    loginTimeoutMs: 2_000,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Capture: every log line (debug included), event payload and error, for the secrets scan (scenario 9).

/** Everything a client said: log lines, serialised event payloads, errors. */
export interface Capture {
  readonly logs: string[];
  readonly events: string[];
  readonly errors: Error[];
  /** How many event payloads were serialised (not kept past `maxKept`). */
  eventCount: number;
}

export const EVENT_NAMES: readonly ClientEventName[] = [
  'message',
  'usernotice',
  'clearchat',
  'clearmsg',
  'roomstate',
  'userstate',
  'globaluserstate',
  'notice',
  'whisper',
  'join',
  'part',
  'joinFailure',
  'shardConnect',
  'shardReady',
  'shardDisconnect',
  'shardReconnect',
  'ready',
  'rateLimited',
  'error',
  'raw',
];

function replacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { ...value, name: value.name, message: value.message, stack: value.stack, cause: value.cause === undefined ? undefined : String(value.cause) };
  if (value instanceof Map) return [...value.entries()];
  if (value instanceof Set) return [...value.values()];
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'function') return undefined;
  return value;
}

/** JSON plus `util.inspect` of a value: what a user's logging of it could show. */
export function serialise(value: unknown): string {
  let json: string;
  try {
    json = JSON.stringify(value, replacer) ?? '';
  } catch (error) {
    json = `<unserialisable: ${String(error)}>`;
  }
  return `${json}\n${inspect(value, { depth: 8, showHidden: false, getters: true })}`;
}

export function createCapture(): Capture {
  return { logs: [], events: [], errors: [], eventCount: 0 };
}

/** A debug-level logger that records every line with its fields serialised. */
export function capturingLogger(capture: Capture): Logger {
  const record =
    (level: string) =>
    (message: string, fields?: LogFields): void => {
      capture.logs.push(`${level} ${message} ${fields === undefined ? '' : serialise(fields)}`);
    };
  return { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
}

/** Subscribes to every client event and keeps the serialised payloads (at most `maxKept`; counts all). */
export function captureEvents(client: Client<never, never> | AnyClient, capture: Capture, options: { readonly maxKept?: number; readonly skip?: readonly ClientEventName[] } = {}): void {
  const maxKept = options.maxKept ?? 20_000;
  for (const name of EVENT_NAMES) {
    if (options.skip?.includes(name)) continue;
    (client as AnyClient).on(name, (...args: unknown[]) => {
      capture.eventCount++;
      if (name === 'error' && args[0] instanceof Error) capture.errors.push(args[0]);
      if (capture.events.length < maxKept) capture.events.push(`${name} ${serialise(args)}`);
    });
  }
}

/** The secrets found in `texts` (empty when none leaked). */
export function findSecrets(texts: Iterable<string>): string[] {
  const found = new Set<string>();
  for (const text of texts) for (const token of ALL_SECRETS) if (text.includes(token)) found.add(token.slice(0, 4) + '…');
  return [...found];
}

/** Texts to scan for a capture: logs, events and errors (message, stack, cause, inspect). */
export function captureTexts(capture: Capture): string[] {
  return [...capture.logs, ...capture.events, ...capture.errors.map((error) => serialise(error))];
}

// ---------------------------------------------------------------------------------------------------------------
// Clients

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyClient = Client<typeof IrcWsTransport, any>;

export interface ReliabilityClientOptions extends DistributedShardManagerOptions {
  readonly initialChannels?: readonly string[];
  readonly rateLimits?: RateLimitOverrides;
  readonly transportOptions?: IrcWsTransportOptions;
  readonly login?: string;
  readonly token?: string;
  readonly refreshToken?: (login: string) => Promise<string | SecretToken | null>;
  readonly tokenHandler?: BaseTokenHandler;
  /** Records logs and events for the secrets scan. @defaultValue a fresh capture */
  readonly capture?: Capture | null;
  readonly sendTimeoutMs?: number;
  readonly botLevel?: 'regular' | 'verified';
}

/** A Client with DistributedShardManager and IrcWsTransport pointed at `server`, logging at debug into a capture. */
export function createClient(server: Pick<MockTwitchServer, 'url'>, options: ReliabilityClientOptions = {}): { client: Client<typeof IrcWsTransport, typeof DistributedShardManager>; capture: Capture } {
  const {
    initialChannels = [],
    rateLimits = scaledLimits(0.05),
    transportOptions = {},
    login = LOGIN,
    token = TOKEN,
    refreshToken,
    tokenHandler,
    capture = createCapture(),
    sendTimeoutMs,
    botLevel,
    ...managerOptions
  } = options;
  const effectiveCapture = capture ?? createCapture();
  const client = new Client({
    tokenHandler: tokenHandler ?? new SimpleTokenHandler({ login, token, ...(refreshToken === undefined ? {} : { refreshToken }) }),
    logger: capture === null ? silentDebugLogger : capturingLogger(effectiveCapture),
    transport: IrcWsTransport,
    transportOptions: { ...fastTransportOptions(server), ...transportOptions },
    shardManager: DistributedShardManager,
    initialChannels,
    rateLimits,
    ...(sendTimeoutMs === undefined ? {} : { sendTimeoutMs }),
    ...(botLevel === undefined ? {} : { botLevel }),
    ...managerOptions,
  });
  if (capture !== null) captureEvents(client, effectiveCapture, { skip: ['raw'] });
  return { client, capture: effectiveCapture };
}

/** A logger that formats every debug line (so the cost of debug logging is paid) but keeps nothing. */
export const silentDebugLogger: Logger = {
  debug: (message, fields) => void (fields === undefined ? message : JSON.stringify(fields, replacer)),
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

// ---------------------------------------------------------------------------------------------------------------
// Time and randomness

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `predicate` on real time until it holds. */
export async function waitUntil(predicate: () => boolean, timeoutMs = 5_000, what = 'condition', intervalMs = 10): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/** mulberry32: a small seeded PRNG, so every fault schedule can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Channel names `prefix0`, `prefix1`, … */
export function channelNames(prefix: string, count: number, from = 0): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix}${from + index}`);
}

/** Every shard ready with all its desired channels joined, and the mock holding exactly those channels on live sockets. */
export function fullyRecovered(client: AnyClient, server: MockTwitchServer, login: string, channels: readonly string[]): boolean {
  const shards = [...client.shards.values()];
  if (!shards.every((shard) => shard.status === 'ready' && shard.joinedChannels.size === shard.channels.size)) return false;
  const live = server.connections(login).filter((connection) => !connection.stalled);
  if (live.length !== shards.length) return false;
  const held = new Set(live.flatMap((connection) => connection.channels));
  return channels.every((channel) => held.has(channel));
}
