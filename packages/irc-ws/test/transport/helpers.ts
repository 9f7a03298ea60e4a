import { AccountRateLimiter, SecretToken, systemClock } from '@tio/core';
import type {
  AccountLimiter,
  IrcCredentials,
  Logger,
  TransportContext,
  TransportEventSink,
  TwitchMessage,
} from '@tio/core';
import { MockTwitchServer, type MockTwitchServerOptions } from '@tio/testing';
import { IrcWsTransport } from '../../src/transport/IrcWsTransport.js';
import type { IrcWsTransportOptions } from '../../src/transport/IrcWsTransportOptions.js';

export const LOGIN = 'tiobot';
export const TOKEN = 'abcdefghijklmnopqrstuvwxyz0123';

/** Fast transport settings for tests against the mock on loopback. */
export const FAST_OPTIONS = {
  joinTimeoutMs: 1_000,
  sendConfirmationTimeoutMs: 2_000,
  reconnectDelayMs: 50,
  maxReconnectDelayMs: 200,
  keepaliveIntervalMs: 5_000,
  keepaliveTimeoutMs: 2_000,
  closeTimeoutMs: 200,
} as const satisfies IrcWsTransportOptions;

/** Limits scaled down 10x so tests run fast while the mock still enforces its (scaled) limits. */
export function createLimiter(login = LOGIN, overrides: { concurrentRooms?: number; anonymous?: boolean } = {}): AccountRateLimiter {
  return new AccountRateLimiter({
    login,
    anonymous: overrides.anonymous ?? false,
    limits: {
      login: { limit: 20, windowMs: 1_000 },
      join: { limit: 20, windowMs: 1_000 },
      messageUser: { limit: 20, windowMs: 3_000 },
      messageModerator: { limit: 100, windowMs: 3_000 },
      messagePerChannel: { limit: 1, windowMs: 100 },
      concurrentRooms: overrides.concurrentRooms ?? 100,
      // 50 ms on the 100 ms per-channel window. The mock shares the event loop with the client, so a pause of a few
      // tens of ms (GC, the type checker starting) between writing a line and the mock reading it shrinks the gap the
      // mock measures; real deployments see the same effect from network jitter.
      safetyMargin: 0.5,
    },
  });
}

/** A mock server with the test account, and the same limits as {@link createLimiter} (timeScale 0.1). */
export async function startServer(options: MockTwitchServerOptions = {}): Promise<MockTwitchServer> {
  const server = new MockTwitchServer({
    accounts: [{ login: LOGIN, token: TOKEN }],
    timeScale: 0.1,
    pingIntervalMs: 0,
    ...options,
  });
  await server.start();
  return server;
}

export type RecordedEvent = { readonly [K in keyof TransportEventSink]: [K, ...Parameters<TransportEventSink[K]>] }[keyof TransportEventSink];

export interface LogLine {
  readonly level: string;
  readonly message: string;
  readonly fields: unknown;
}

export interface Harness {
  readonly transport: IrcWsTransport;
  readonly context: TransportContext;
  readonly events: RecordedEvent[];
  readonly logs: LogLine[];
  readonly messages: TwitchMessage[];
  readonly errors: Error[];
  readonly refreshCalls: IrcCredentials[];
  readonly limiter: AccountLimiter;
}

export interface HarnessOptions {
  readonly url: string;
  readonly credentials?: IrcCredentials;
  readonly refresh?: (rejected: IrcCredentials) => Promise<IrcCredentials | null>;
  readonly limiter?: AccountLimiter;
  readonly options?: IrcWsTransportOptions;
  readonly sink?: Partial<TransportEventSink>;
  readonly login?: string | null;
}

export function credentialsFor(token = TOKEN, login = LOGIN): IrcCredentials {
  return { login, anonymous: false, token: new SecretToken(token) };
}

export function createHarness(options: HarnessOptions): Harness {
  const events: RecordedEvent[] = [];
  const logs: LogLine[] = [];
  const messages: TwitchMessage[] = [];
  const errors: Error[] = [];
  const refreshCalls: IrcCredentials[] = [];
  const credentials = options.credentials ?? credentialsFor();
  const limiter = options.limiter ?? createLimiter(credentials.login, { anonymous: credentials.anonymous });
  const logger: Logger = {
    debug: (message, fields) => logs.push({ level: 'debug', message, fields }),
    info: (message, fields) => logs.push({ level: 'info', message, fields }),
    warn: (message, fields) => logs.push({ level: 'warn', message, fields }),
    error: (message, fields) => logs.push({ level: 'error', message, fields }),
  };
  const record =
    <K extends keyof TransportEventSink>(name: K) =>
    (...args: Parameters<TransportEventSink[K]>): void => {
      events.push([name, ...args] as unknown as RecordedEvent);
      if (name === 'message') messages.push(args[0] as TwitchMessage);
      if (name === 'error') errors.push(args[0] as Error);
      const custom = options.sink?.[name] as ((...values: Parameters<TransportEventSink[K]>) => void) | undefined;
      custom?.(...args);
    };
  const sink: TransportEventSink = {
    status: record('status'),
    connect: record('connect'),
    ready: record('ready'),
    disconnect: record('disconnect'),
    reconnect: record('reconnect'),
    message: record('message'),
    raw: record('raw'),
    join: record('join'),
    joinFailure: record('joinFailure'),
    part: record('part'),
    error: record('error'),
  };
  const context: TransportContext = {
    shardId: 'shard-0',
    login: options.login === undefined ? (credentials.anonymous ? null : credentials.login) : options.login,
    getCredentials: () => Promise.resolve(credentials),
    refreshCredentials: (rejected) => {
      refreshCalls.push(rejected);
      return options.refresh === undefined ? Promise.resolve(null) : options.refresh(rejected);
    },
    limiter,
    clock: systemClock,
    logger,
    events: sink,
  };
  const transport = new IrcWsTransport(context, { url: options.url, ...FAST_OPTIONS, ...options.options });
  return { transport, context, events, logs, messages, errors, refreshCalls, limiter };
}

/** Polls `predicate` on real time until it holds. */
export async function waitUntil(predicate: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export function eventsNamed<K extends RecordedEvent[0]>(events: readonly RecordedEvent[], name: K): Extract<RecordedEvent, [K, ...unknown[]]>[] {
  return events.filter((event): event is Extract<RecordedEvent, [K, ...unknown[]]> => event[0] === name);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
