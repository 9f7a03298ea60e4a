import { vi } from 'vitest';
import {
  Client,
  SimpleTokenHandler,
  type BaseClientOptions,
  type BaseShardManager,
  type ClientOptions,
  type Logger,
  type ShardManagerClass,
  type ShardManagerOptionsOf,
} from '../../src/index.js';
import { FakeTransport, FakeTwitch, type FakeTwitchOptions } from './FakeTransport.js';
import { SingleShardManager } from './managers.js';

/** The token every test account uses; tests check it never leaks. */
export const SECRET = 'supersecrettoken123';

/** A logger that records every line and its fields. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const record = (level: string) => (message: string, fields?: Readonly<Record<string, unknown>>) => {
    lines.push(`${level} ${message} ${JSON.stringify(fields ?? {}, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value))}`);
  };
  return { lines, debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
}

/** Scaled-down limits so tests run quickly in fake time. */
export const FAST_LIMITS = {
  login: { limit: 20, windowMs: 100 },
  join: { limit: 20, windowMs: 100 },
  safetyMargin: 0,
} as const;

/** Builds a client over the fake transport. */
export function createTestClient<M extends ShardManagerClass<BaseShardManager<object>> = typeof SingleShardManager>(
  options: { readonly shardManager?: M; readonly twitch?: FakeTwitchOptions } & Partial<
    Omit<BaseClientOptions<typeof FakeTransport>, 'transport'>
  > &
    Partial<ShardManagerOptionsOf<M>> = {},
): { client: Client<typeof FakeTransport, M>; twitch: FakeTwitch } {
  const { twitch: twitchOptions, ...rest } = options;
  const twitch = new FakeTwitch(twitchOptions);
  const client = new Client({
    tokenHandler: new SimpleTokenHandler({ login: 'bot', token: SECRET }),
    transport: FakeTransport,
    transportOptions: { twitch },
    shardManager: SingleShardManager,
    rateLimits: FAST_LIMITS,
    ...rest,
  } as ClientOptions<typeof FakeTransport, M>);
  return { client, twitch };
}

/** Advances fake time in small steps until `promise` settles (or `maxMs` of fake time passed). */
export async function settle<T>(promise: Promise<T>, maxMs = 120_000): Promise<T> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  for (let elapsed = 0; !done && elapsed < maxMs; elapsed += 5) await vi.advanceTimersByTimeAsync(5);
  return promise;
}
