import { inspect } from 'node:util';
import { AuthenticationError, SecretToken, SimpleTokenHandler } from '@tio/core';
import type { MockTwitchServer } from '@tio/testing';
import { afterAll, afterEach, expect, it } from 'vitest';
import {
  ALL_SECRETS,
  LOGIN,
  TOKEN,
  captureEvents,
  captureTexts,
  createClient,
  findSecrets,
  fullyRecovered,
  secret,
  serialise,
  startServer,
  waitUntil,
  type Capture,
} from '../support/harness.js';
import { recordFigures } from '../support/report.js';
import { expectNoSecretsIn } from '../support/secrets.js';

// Scenario 9 (issue #6): with debug logging on, no token (with or without `oauth:`) may appear in a log line, an error
// message, an event payload or `util.inspect()` of Client, Shard, handlers and errors. Every other scenario file also
// scans its own clients (support/secrets.ts); this file drives the paths where a token is handled: login, refresh
// after a rejection, reconnects, sends, join failures, stop.
const CHANNELS = ['secretroom', 'secretroom2'];

let server: MockTwitchServer | undefined;
const clients: Array<{ stop(): Promise<void> }> = [];
const captures: Capture[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) await client.stop();
  await server?.stop();
});

afterAll(() => expectNoSecretsIn(9, captures));

/** Every way a user might print a value: inspect (custom or raw, hidden fields, any depth), JSON, String. */
function everyRendering(value: unknown): string[] {
  const renderings = [
    inspect(value),
    inspect(value, { depth: Infinity, showHidden: true }),
    inspect(value, { depth: Infinity, showHidden: true, customInspect: false, getters: true }),
    serialise(value),
  ];
  try {
    renderings.push(String(value));
  } catch {
    // An object without a string form is fine.
  }
  return renderings;
}

it('debug logs, events, errors and inspect() of a full session never show a token', async () => {
  server = await startServer({ moderatorIn: CHANNELS });
  const first = secret('firstTok3nQwErTyUiOpAsDfGhJkLzX');
  const refreshed = secret('refreshedTokZxCvBnMqWeRtYuIoP12');
  server.addAccount({ login: LOGIN, token: first, moderatorIn: CHANNELS });
  let refreshCalls = 0;
  const handler = new SimpleTokenHandler({
    login: LOGIN,
    token: `oauth:${first}`,
    refreshToken: async () => {
      refreshCalls++;
      return new SecretToken(`oauth:${refreshed}`);
    },
  });
  const created = createClient(server, { tokenHandler: handler, initialChannels: CHANNELS, channelsPerShard: 1, initialShardCount: 2, maxShardCount: 2 });
  clients.push(created.client);
  captures.push(created.capture);
  const bot = created.client;
  // Raw lines too (the session's own lines, as the user would log them).
  const raw: string[] = [];
  bot.on('raw', (line) => raw.push(line));
  server.setChannelState('gone', { suspended: true });
  await bot.start();
  await bot.send(CHANNELS[0]!, 'hello');
  await bot.join('gone');
  // Revocation and refresh, then a RECONNECT, then a drop.
  server.addAccount({ login: LOGIN, token: refreshed, moderatorIn: CHANNELS });
  server.drop(LOGIN);
  await waitUntil(() => fullyRecovered(bot, server!, LOGIN, CHANNELS), 5_000, 'recovery with the refreshed token');
  server.reconnect(LOGIN, { graceMs: 200 });
  await waitUntil(() => server!.stats().accounts[LOGIN]!.logins.length >= 6 && fullyRecovered(bot, server!, LOGIN, CHANNELS), 5_000, 'recovery after RECONNECT');
  await bot.send(CHANNELS[1]!, 'still here');

  const objects: Record<string, unknown> = {
    client: bot,
    shards: [...bot.shards.values()],
    manager: bot.shardManager,
    tokenHandler: handler,
    credentials: await handler.getIrcToken(LOGIN),
    secretToken: new SecretToken(TOKEN),
    limiters: bot.limiters,
  };
  const renderings: string[] = [];
  for (const value of Object.values(objects)) renderings.push(...everyRendering(value));
  const token = new SecretToken(TOKEN);
  renderings.push(`${token}`, JSON.stringify({ token }), token.toString());
  await bot.stop();
  renderings.push(...everyRendering(bot), ...everyRendering([...bot.shards.values()]));

  const texts = [...captureTexts(created.capture), ...raw, ...renderings];
  const leaks = findSecrets(texts);
  recordFigures({
    scenario: 9,
    case: 'a full session: login, send, join failure, revocation + refresh, drop, RECONNECT, stop',
    figures: {
      'log lines (debug on)': created.capture.logs.length,
      'event payloads': created.capture.eventCount,
      'raw lines': raw.length,
      'inspect/JSON/String renderings': renderings.length,
      'refresh calls': refreshCalls,
      'secrets checked': ALL_SECRETS.size,
      leaks: leaks.length,
    },
  });
  expect(created.capture.logs.some((line) => line.startsWith('debug'))).toBe(true);
  expect(refreshCalls).toBe(1);
  expect(leaks).toEqual([]);
});

it('errors of a rejected token (message, stack, cause chain, inspect) never show the token', async () => {
  server = await startServer();
  const bad = secret('rejectedTokPlMoKnIjBuHvYgCtFxR3');
  const alsoBad = secret('alsoRejectedQaZwSxEdCrFvTgByHn4');
  const created = createClient(server, { token: `oauth:${bad}`, refreshToken: async () => alsoBad, initialChannels: CHANNELS });
  clients.push(created.client);
  captures.push(created.capture);
  const failure = await created.client.start().then(
    () => undefined,
    (error: unknown) => error as Error,
  );
  expect(AuthenticationError.isInstance(failure)).toBe(true);
  const chain: unknown[] = [];
  for (let error: unknown = failure; error !== undefined && chain.length < 10; error = (error as { cause?: unknown }).cause) chain.push(error);
  const renderings = chain.flatMap((error) => [...everyRendering(error), (error as Error).message ?? '', (error as Error).stack ?? '']);
  const leaks = findSecrets([...renderings, ...captureTexts(created.capture)]);
  recordFigures({
    scenario: 9,
    case: 'a rejected token and its refresh',
    figures: { 'errors in the cause chain': chain.length, renderings: renderings.length, 'log lines': created.capture.logs.length, leaks: leaks.length },
  });
  expect(leaks).toEqual([]);
});

it('the scan finds a printed token (canary check), and a plain session with raw lines and every event shows none', async () => {
  // Independent check of the harness: it does find a token when one is printed.
  const canary = secret('canaryTokenShouldBeFoundByScan9');
  expect(findSecrets([`PASS oauth:${canary}`])).toHaveLength(1);
  expect(findSecrets([`PASS oauth:${canary.slice(0, 10)}`])).toHaveLength(0);
  server = await startServer();
  const created = createClient(server, { initialChannels: CHANNELS });
  clients.push(created.client);
  captures.push(created.capture);
  captureEvents(created.client, created.capture, { skip: [] });
  await created.client.start();
  await created.client.send(CHANNELS[0]!, 'hi');
  expect(findSecrets(captureTexts(created.capture))).toEqual([]);
});
