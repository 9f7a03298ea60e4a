import { AuthenticationError, BaseTokenHandler, SecretToken, TioError, TokenHandlerError, type IrcCredentials, type SentMessage } from '@tio/core';
import type { LoginEvent, MockTwitchServer } from '@tio/testing';
import { afterAll, afterEach, expect, it } from 'vitest';
import {
  LOGIN,
  TOKEN,
  OTHER_LOGIN,
  OTHER_TOKEN,
  channelNames,
  createClient,
  fullyRecovered,
  secret,
  sleep,
  startServer,
  waitUntil,
  type Capture,
} from '../support/harness.js';
import { recordFigures, round } from '../support/report.js';
import { expectNoSecretsIn } from '../support/secrets.js';

// Scenario 4 (issue #6): a rejected token (twitch-protocol.md §1.5: "Login authentication failed", then the server
// closes) must give a typed error, at most one refresh per failure for the account, no retry loop (B3), and must not
// disturb another login of the same process.
const SHARDS = 3;
const CHANNELS = channelNames('authroom', SHARDS);
const OTHER_CHANNELS = channelNames('otherroom', 5);
// How long after a failure the mock is watched for further login attempts (a storm would show here): 20 windows.
const QUIET_MS = 1_000;

let server: MockTwitchServer | undefined;
const clients: Array<{ stop(): Promise<void> }> = [];
const captures: Capture[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) await client.stop();
  await server?.stop();
});

afterAll(() => expectNoSecretsIn(4, captures));

function recordLogins(mock: MockTwitchServer): LoginEvent[] {
  const logins: LoginEvent[] = [];
  mock.on('login', (event: LoginEvent) => logins.push(event));
  return logins;
}

/** A second login chatting on its own client throughout: it must be untouched by the first login's failures. */
async function startOtherLogin(mock: MockTwitchServer): Promise<{ sends: Array<Promise<SentMessage>>; stop: () => void; disconnects: () => number }> {
  const other = createClient(mock, { login: OTHER_LOGIN, token: OTHER_TOKEN, initialChannels: OTHER_CHANNELS });
  clients.push(other.client);
  captures.push(other.capture);
  let disconnects = 0;
  other.client.on('shardDisconnect', () => disconnects++);
  await other.client.start();
  const sends: Array<Promise<SentMessage>> = [];
  let count = 0;
  const timer = setInterval(() => {
    sends.push(other.client.send(OTHER_CHANNELS[count % OTHER_CHANNELS.length]!, `other ${count++}`));
  }, 40);
  return { sends, stop: () => clearInterval(timer), disconnects: () => disconnects };
}

async function expectOtherLoginUnaffected(other: Awaited<ReturnType<typeof startOtherLogin>>): Promise<number> {
  // At least 10 messages, however fast the scenario went (a loaded machine fires the interval less often).
  await waitUntil(() => other.sends.length >= 10, 5_000, 'ten messages of the other login');
  other.stop();
  const sent = await Promise.all(other.sends);
  expect(sent.length).toBeGreaterThanOrEqual(10);
  for (const message of sent) expect(message.messageId).toBeDefined();
  expect(other.disconnects()).toBe(0);
  return sent.length;
}

it('a bad token on 3 shards: AuthenticationError, one refresh for the account, no retry storm, the other login keeps chatting', async () => {
  server = await startServer();
  const logins = recordLogins(server);
  const other = await startOtherLogin(server);
  let refreshCalls = 0;
  const created = createClient(server, {
    initialShardCount: SHARDS,
    maxShardCount: SHARDS,
    channelsPerShard: 1,
    initialChannels: CHANNELS,
    token: secret('badtokenQ7x9vLk2mN4pR8sT1wY3zAb'),
    refreshToken: async () => {
      refreshCalls++;
      return secret('stillbadJ5hG8fD2sA6qW9eR4tYu1i');
    },
  });
  clients.push(created.client);
  captures.push(created.capture);
  const startedAt = performance.now();
  const failure = await created.client.start().then(
    () => undefined,
    (error: unknown) => error,
  );
  const failedAfterMs = performance.now() - startedAt;
  const attemptsAtFailure = logins.filter((event) => event.login === LOGIN).length;
  await sleep(QUIET_MS);
  const attempts = logins.filter((event) => event.login === LOGIN).length;
  const otherSends = await expectOtherLoginUnaffected(other);

  recordFigures({
    scenario: 4,
    case: `bad token, ${SHARDS} shards, refresh returns another bad token`,
    figures: {
      'start() rejected after ms': round(failedAfterMs, 0),
      'error type': failure instanceof Error ? failure.name : String(failure),
      'refresh calls': refreshCalls,
      'login attempts': attempts,
      [`login attempts in the ${QUIET_MS} ms after the failure`]: attempts - attemptsAtFailure,
      'other login: sends confirmed': otherSends,
      'other login: disconnects': other.disconnects(),
    },
  });
  expect(AuthenticationError.isInstance(failure)).toBe(true);
  expect(created.client.state).toBe('stopped');
  expect(attempts - attemptsAtFailure).toBe(0);
  // One refresh for the account, and at most the original token plus the refreshed one per shard.
  expect(attempts).toBeLessThanOrEqual(2 * SHARDS);
  expect(refreshCalls).toBe(1);
});

it('a token revoked mid-run: the shards re-login with one refreshed token, no storm, the other login unaffected', async () => {
  server = await startServer();
  const logins = recordLogins(server);
  const other = await startOtherLogin(server);
  const revoked = secret('revokedA1b2C3d4E5f6G7h8I9j0K1l2');
  const fresh = secret('freshtokM3n4O5p6Q7r8S9t0U1v2W3x');
  server.addAccount({ login: LOGIN, token: revoked });
  let refreshCalls = 0;
  const created = createClient(server, {
    initialShardCount: SHARDS,
    maxShardCount: SHARDS,
    channelsPerShard: 1,
    initialChannels: CHANNELS,
    token: revoked,
    refreshToken: async () => {
      refreshCalls++;
      return fresh;
    },
  });
  clients.push(created.client);
  captures.push(created.capture);
  const errors: Error[] = [];
  created.client.on('error', (error) => errors.push(error));
  await created.client.start();
  const loginsBefore = logins.filter((event) => event.login === LOGIN).length;

  // Twitch revokes the token: new logins with it fail. Then the connections drop.
  server.addAccount({ login: LOGIN, token: fresh });
  const revokedAt = performance.now();
  server.drop(LOGIN);
  await waitUntil(() => fullyRecovered(created.client, server!, LOGIN, CHANNELS), 5_000, 're-login with the refreshed token');
  const recoveredMs = performance.now() - revokedAt;
  await sleep(QUIET_MS);
  const attempts = logins.filter((event) => event.login === LOGIN).slice(loginsBefore);
  const sent = await created.client.send(CHANNELS[0]!, 'back with a fresh token');
  const otherSends = await expectOtherLoginUnaffected(other);

  recordFigures({
    scenario: 4,
    case: `token revoked mid-run, ${SHARDS} shards dropped, refresh returns a valid token`,
    figures: {
      'recovered after ms': round(recoveredMs, 0),
      'refresh calls': refreshCalls,
      'login attempts after the revocation': attempts.length,
      'failed login attempts': attempts.filter((event) => event.outcome !== 'success').length,
      'error events': errors.length,
      'other login: sends confirmed': otherSends,
    },
  });
  expect(sent.messageId).toBeDefined();
  expect(refreshCalls).toBe(1);
  // At most one failed attempt per shard with the revoked token, then one success each.
  expect(attempts.filter((event) => event.outcome === 'success')).toHaveLength(SHARDS);
  expect(attempts.length).toBeLessThanOrEqual(2 * SHARDS);
});

it('a token revoked mid-run with no refresh possible: typed errors, shards fail, no retry storm', async () => {
  server = await startServer();
  const logins = recordLogins(server);
  const other = await startOtherLogin(server);
  const revoked = secret('revokedZ9y8X7w6V5u4T3s2R1q0P9o8');
  server.addAccount({ login: LOGIN, token: revoked });
  let refreshCalls = 0;
  const created = createClient(server, {
    initialShardCount: SHARDS,
    maxShardCount: SHARDS,
    channelsPerShard: 1,
    initialChannels: CHANNELS,
    token: revoked,
    refreshToken: async () => {
      refreshCalls++;
      return null;
    },
  });
  clients.push(created.client);
  captures.push(created.capture);
  const errors: Error[] = [];
  created.client.on('error', (error) => errors.push(error));
  await created.client.start();
  const loginsBefore = logins.filter((event) => event.login === LOGIN).length;
  server.addAccount({ login: LOGIN, token: secret('nobodyhasthisT0k3nAbCdEfGhIjKlM') });
  server.drop(LOGIN);
  await waitUntil(() => [...created.client.shards.values()].every((shard) => shard.status === 'failed'), 5_000, 'every shard to fail');
  const attemptsAtFailure = logins.filter((event) => event.login === LOGIN).length - loginsBefore;
  await sleep(QUIET_MS);
  const attempts = logins.filter((event) => event.login === LOGIN).length - loginsBefore;
  const otherSends = await expectOtherLoginUnaffected(other);

  recordFigures({
    scenario: 4,
    case: `token revoked mid-run, ${SHARDS} shards dropped, refresh returns null`,
    figures: {
      'refresh calls': refreshCalls,
      'login attempts after the revocation': attempts,
      [`login attempts in the ${QUIET_MS} ms after every shard failed`]: attempts - attemptsAtFailure,
      'AuthenticationError events': errors.filter((error) => AuthenticationError.isInstance(error)).length,
      'other error events': errors.filter((error) => !AuthenticationError.isInstance(error)).length,
      'other login: sends confirmed': otherSends,
    },
  });
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) expect(AuthenticationError.isInstance(error)).toBe(true);
  expect(attempts - attemptsAtFailure).toBe(0);
  expect(attempts).toBeLessThanOrEqual(SHARDS);
  expect(refreshCalls).toBeLessThanOrEqual(1);
});

/** A token store that can go down: getIrcToken() rejects while `broken`. */
class FlakyVault extends BaseTokenHandler {
  calls = 0;
  broken = false;
  override getIrcToken(login: string | null): Promise<IrcCredentials> {
    this.calls++;
    if (this.broken) return Promise.reject(new Error('vault unreachable'));
    return Promise.resolve({ login: login ?? LOGIN, anonymous: false, token: new SecretToken(TOKEN) });
  }
}

class ThrowingTokenHandler extends BaseTokenHandler {
  fetches = 0;
  refreshes = 0;
  constructor(private readonly throwOnFetch: boolean) {
    super();
  }
  override getIrcToken(login: string | null): Promise<IrcCredentials> {
    this.fetches++;
    if (this.throwOnFetch) return Promise.reject(new Error('vault unreachable'));
    return Promise.resolve({ login: login ?? LOGIN, anonymous: false, token: null as never });
  }
  override refreshIrcToken(): Promise<IrcCredentials | null> {
    this.refreshes++;
    return Promise.reject(new Error('vault unreachable'));
  }
}

it('a token handler that throws: start() rejects with TokenHandlerError (cause: its error), no login attempt, the other login unaffected', async () => {
  server = await startServer();
  const logins = recordLogins(server);
  const other = await startOtherLogin(server);
  const handler = new ThrowingTokenHandler(true);
  const created = createClient(server, { initialChannels: CHANNELS, tokenHandler: handler });
  clients.push(created.client);
  captures.push(created.capture);
  const failure = await created.client.start().then(
    () => undefined,
    (error: unknown) => error as Error,
  );
  await sleep(QUIET_MS / 2);
  const otherSends = await expectOtherLoginUnaffected(other);
  recordFigures({
    scenario: 4,
    case: 'token handler whose getIrcToken() throws',
    figures: {
      'start() rejected with': failure === undefined ? 'nothing (resolved)' : `${failure.name} (cause: ${String((failure.cause as Error | undefined)?.message)})`,
      'handler calls': handler.fetches,
      'login attempts': logins.filter((event) => event.login === LOGIN).length,
      'other login: sends confirmed': otherSends,
    },
  });
  // Typed, with the handler's own error as the cause (its message stays out of tio's message).
  expect(TokenHandlerError.isInstance(failure)).toBe(true);
  expect(((failure as Error).cause as Error).message).toBe('vault unreachable');
  expect(created.client.state).toBe('stopped');
  expect(logins.filter((event) => event.login === LOGIN)).toEqual([]);
});

it('a refresh that throws after a revocation: a typed error naming the cause, the shards fail, no storm', async () => {
  server = await startServer();
  const logins = recordLogins(server);
  const revoked = secret('revokedK8j7H6g5F4d3S2a1Q0w9E8r7');
  server.addAccount({ login: LOGIN, token: revoked });
  const created = createClient(server, {
    initialShardCount: SHARDS,
    maxShardCount: SHARDS,
    channelsPerShard: 1,
    initialChannels: CHANNELS,
    token: revoked,
    refreshToken: () => Promise.reject(new Error('vault unreachable')),
  });
  clients.push(created.client);
  captures.push(created.capture);
  const errors: Error[] = [];
  const errorDetails: string[] = [];
  created.client.on('error', (error, details) => {
    errors.push(error);
    errorDetails.push(`${error.name} from ${details.source}: ${error.message}`);
  });
  await created.client.start();
  const loginsBefore = logins.length;
  server.addAccount({ login: LOGIN, token: secret('nobodyhasthisEither0123456789ab') });
  server.drop(LOGIN);
  await waitUntil(() => [...created.client.shards.values()].every((shard) => shard.status === 'failed'), 5_000, 'every shard to fail');
  const atFailure = logins.length - loginsBefore;
  await sleep(QUIET_MS);
  const attempts = logins.length - loginsBefore;
  recordFigures({
    scenario: 4,
    case: 'refresh handler that throws after a revocation',
    figures: {
      'error events': errors.length,
      'error types': [...new Set(errors.map((error) => error.name))].join(', '),
      'errors (type, source, message)': [...new Set(errorDetails)].join(' | '),
      'login attempts after the revocation': attempts,
      [`login attempts in the ${QUIET_MS} ms after every shard failed`]: attempts - atFailure,
    },
  });
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) expect(TioError.isInstance(error)).toBe(true);
  expect(attempts - atFailure).toBe(0);
  expect(attempts).toBeLessThanOrEqual(SHARDS);
});

it('a token handler that throws during reconnects: typed errors, backoff (no storm), the shard recovers when the handler does', async () => {
  server = await startServer();
  const logins = recordLogins(server);
  const vault = new FlakyVault();
  const created = createClient(server, {
    tokenHandler: vault,
    initialChannels: CHANNELS.slice(0, 1),
    transportOptions: { reconnectDelayMs: 100, maxReconnectDelayMs: 400 },
  });
  clients.push(created.client);
  captures.push(created.capture);
  const bot = created.client;
  const errors: Error[] = [];
  const delays: number[] = [];
  bot.on('error', (error) => errors.push(error));
  bot.on('shardReconnect', (_shardId, _attempt, delayMs) => delays.push(delayMs));
  await bot.start();
  const callsBefore = vault.calls;
  vault.broken = true;
  server.drop(LOGIN);
  await sleep(2_000);
  const callsDuringOutage = vault.calls - callsBefore;
  const statusDuringOutage = [...bot.shards.values()].map((shard) => shard.status).join(', ');
  vault.broken = false;
  await waitUntil(() => fullyRecovered(bot, server!, LOGIN, CHANNELS.slice(0, 1)), 5_000, 'recovery once the handler works again');
  const sent = await bot.send(CHANNELS[0]!, 'the vault is back');
  recordFigures({
    scenario: 4,
    case: 'token handler whose getIrcToken() throws for 2 s during reconnects',
    figures: {
      'handler calls during the 2 s outage': callsDuringOutage,
      'reconnect delays ms': delays.map((delay) => Math.round(delay)).join(', '),
      'shard status during the outage': statusDuringOutage,
      'error events': errors.length,
      'error types': [...new Set(errors.map((error) => error.name))].join(', '),
      'login attempts': logins.filter((event) => event.login === LOGIN).length,
      'recovered and sent': sent.messageId !== undefined,
    },
  });
  expect(sent.messageId).toBeDefined();
  // Backoff, not a loop: at 100 ms doubling to 400 ms, 2 s hold at most ~8 attempts.
  expect(callsDuringOutage).toBeLessThanOrEqual(10);
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) expect(TioError.isInstance(error)).toBe(true);
});
