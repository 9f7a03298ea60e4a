import type { ChatMessageEvent } from '@tio/core';
import { decodeTwitchMessage, parseIrcMessage } from '@tio/irc-ws';
import type { MockTwitchServer } from '@tio/testing';
import { afterAll, afterEach, beforeEach, expect, it } from 'vitest';
import { createMutator, FIXTURE_LINES, touchAll } from '../support/fuzz.js';
import { LOGIN, createClient, fullyRecovered, seededRandom, sleep, startServer, waitUntil, type Capture } from '../support/harness.js';
import { countProcessErrors } from '../support/processErrors.js';
import { LONG, recordFigures, round } from '../support/report.js';
import { expectNoSecretsIn } from '../support/secrets.js';

// Scenario 7 (issue #6): at least 10⁶ mutated real Twitch lines through the parser and decoder, and as many as fit a
// time budget through a live connection: 0 exceptions (CONTRIBUTING: input from the wire never throws), and the shard
// still works afterwards.
const PARSER_LINES = LONG ? 10_000_000 : 1_000_000;
const LIVE_BUDGET_MS = LONG ? 120_000 : 12_000;
const LIVE_MAX_LINES = LONG ? 10_000_000 : 1_000_000;
const LINES_PER_FRAME = 500;
const SEED = 0x7105eed;
const CHANNEL = 'fuzzroom';

let processErrors: ReturnType<typeof countProcessErrors> | undefined;
let server: MockTwitchServer | undefined;
let client: ReturnType<typeof createClient>['client'] | undefined;
const captures: Capture[] = [];

beforeEach(() => {
  processErrors = countProcessErrors();
});

afterEach(async () => {
  await client?.stop();
  await server?.stop();
  processErrors?.uninstall();
});

afterAll(() => expectNoSecretsIn(7, captures));

it(`${PARSER_LINES.toLocaleString('en')} mutated real lines through parseIrcMessage + decodeTwitchMessage: 0 exceptions`, () => {
  const mutate = createMutator(seededRandom(SEED));
  let parsedOk = 0;
  let decodedUnknown = 0;
  let exceptions = 0;
  let firstException: string | undefined;
  let touched = 0;
  const startedAt = performance.now();
  for (let index = 0; index < PARSER_LINES; index++) {
    const line = mutate();
    try {
      const parsed = parseIrcMessage(line);
      if (!parsed.ok) continue;
      parsedOk++;
      const decoded = decodeTwitchMessage(parsed);
      if (decoded.type === 'unknown') decodedUnknown++;
      // Every 16th message: read every field, so lazily decoded badges, emotes and tags run too.
      if ((index & 15) === 0) touched += touchAll(decoded);
    } catch (error) {
      exceptions++;
      firstException ??= `${String(error)} on ${JSON.stringify(line)}`;
    }
  }
  const elapsedMs = performance.now() - startedAt;
  recordFigures({
    scenario: 7,
    case: 'parser + decoder',
    note: `seed ${SEED}; ${FIXTURE_LINES.length} real lines mutated 1–4 times each`,
    figures: {
      lines: PARSER_LINES,
      'parsed ok': parsedOk,
      'parse failures (values, not exceptions)': PARSER_LINES - parsedOk,
      'decoded as unknown': decodedUnknown,
      'fields read': touched,
      exceptions,
      'uncaught (process)': processErrors!.count(),
      'elapsed ms': round(elapsedMs, 0),
      'lines per second': Math.round(PARSER_LINES / (elapsedMs / 1000)),
    },
  });
  expect(firstException).toBeUndefined();
  expect(exceptions).toBe(0);
  expect(processErrors!.count()).toBe(0);
}, LONG ? 600_000 : 60_000);

// Lines that end a session on purpose are left out of the live run: they are not bad input, they are orders.
const SESSION_ENDING = /RECONNECT|authentication failed|Improperly formatted|Login unsuccessful|Error logging in|Invalid NICK/i;

it('mutated real lines through a live connection for a time budget: 0 exceptions, the shard still works', async () => {
  server = await startServer();
  const created = createClient(server, { initialChannels: [CHANNEL], capture: null });
  client = created.client;
  const bot = client;
  let raws = 0;
  let errors = 0;
  let messages = 0;
  let disconnects = 0;
  bot.on('raw', () => raws++);
  bot.on('error', () => errors++);
  bot.on('message', () => messages++);
  bot.on('shardDisconnect', () => disconnects++);
  await bot.start();
  const mutate = createMutator(seededRandom(SEED + 1));
  let lines = 0;
  let frames = 0;
  const startedAt = performance.now();
  while (performance.now() - startedAt < LIVE_BUDGET_MS && lines < LIVE_MAX_LINES) {
    const batch: string[] = [];
    while (batch.length < LINES_PER_FRAME) {
      const line = mutate();
      if (!SESSION_ENDING.test(line)) batch.push(line);
    }
    server.send(batch, LOGIN);
    lines += batch.length;
    frames++;
    // Let the client read: the mock and the client share this event loop.
    if (frames % 4 === 0) await sleep(0);
  }
  const sentMs = performance.now() - startedAt;
  // Everything sent has been read once a probe sent after it arrives.
  const probe = bot.waitFor('message', { filter: (message: ChatMessageEvent) => message.text === 'probe after fuzz', timeoutMs: 30_000 } as never);
  await waitUntil(() => fullyRecovered(bot, server!, LOGIN, [CHANNEL]), 10_000, 'the shard to be ready');
  server.chat(CHANNEL, { login: 'viewer', text: 'probe after fuzz' });
  await probe;
  const elapsedMs = performance.now() - startedAt;
  const sent = await bot.send(CHANNEL, 'alive after fuzz');

  recordFigures({
    scenario: 7,
    case: 'live connection (mock → IrcWsTransport → Client)',
    note: `seed ${SEED + 1}; ${LINES_PER_FRAME} lines per frame; session-ending lines (RECONNECT, auth failures) left out; budget ${LIVE_BUDGET_MS} ms or ${LIVE_MAX_LINES.toLocaleString('en')} lines`,
    figures: {
      lines,
      frames,
      'raw events': raws,
      'error events': errors,
      'message events': messages,
      'shard disconnects': disconnects,
      'uncaught (process)': processErrors!.count(),
      'elapsed ms (until the probe arrived)': round(elapsedMs, 0),
      'send phase ms': round(sentMs, 0),
      'lines per second': Math.round(lines / (elapsedMs / 1000)),
    },
  });
  expect(processErrors!.count()).toBe(0);
  expect(lines).toBeGreaterThanOrEqual(10_000);
  expect(sent.messageId).toBeDefined();
  expect(bot.state).toBe('ready');
}, LONG ? 600_000 : 60_000);
