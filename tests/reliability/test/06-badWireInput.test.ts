import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { ChatMessageEvent } from '@tio/core';
import type { ConnectionEvent, MockTwitchServer } from '@tio/testing';
import { afterAll, afterEach, beforeEach, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { LOGIN, TOKEN, createClient, fullyRecovered, startServer, waitUntil, type Capture } from '../support/harness.js';
import { countProcessErrors } from '../support/processErrors.js';
import { recordFigures, round } from '../support/report.js';
import { expectNoSecretsIn } from '../support/secrets.js';

// Scenario 6 (issue #6): what arrives on the wire never throws (CONTRIBUTING: "Input from the wire never throws: it
// becomes a typed failure value or an error event"), never corrupts a shard's state, and the shard keeps receiving
// and sending afterwards. Seed bug B1: an unknown command killed the receive loop.
const CHANNEL = 'wirebot';

const MALFORMED = [
  '',
  ' ',
  ':',
  '@',
  '@a=b',
  '@a=b ',
  ':prefix',
  ':prefix ',
  '@tags :prefix',
  '@;;;=;= :x PRIVMSG #wirebot :hi',
  '@badge-info=;badges=moderator/1,,/;emotes=25:0-99999999,abc:x-y;id= :a!a@a PRIVMSG #wirebot :Kappa',
  '@tmi-sent-ts=notanumber;room-id=-1;user-id=;color=#GGGGGG :u!u@u PRIVMSG #wirebot :odd tags',
  '@msg-id=sub;msg-param-cumulative-months=NaN :tmi.twitch.tv USERNOTICE #wirebot',
  '@a=\\:\\s\\\\\\r\\n\\ :a!a@a PRIVMSG #wirebot :escapes',
  ':tmi.twitch.tv 001',
  'PRIVMSG',
  'PRIVMSG #wirebot',
  ':a!a@a PRIVMSG',
  ':a!a@a JOIN',
  ':a!a@a PART',
  ':tmi.twitch.tv NOTICE',
  ':tmi.twitch.tv CLEARCHAT',
  ':tmi.twitch.tv CLEARMSG #wirebot',
  ':tmi.twitch.tv ROOMSTATE',
  ':tmi.twitch.tv USERSTATE',
  ':tmi.twitch.tv HOSTTARGET #wirebot',
  ':tmi.twitch.tv WHISPER',
  ':tmi.twitch.tv CAP * ACK',
  ':tmi.twitch.tv CAP',
  'PING',
  'PONG',
  ':tmi.twitch.tv RECONNECT extra args',
  '\u0000\u0001\u0002',
  '\uFFFD\uFFFD PRIVMSG #wirebot :replacement chars',
  ':a!a@a PRIVMSG #WIREBOT :upper-case channel',
  ':a!a@a PRIVMSG # :empty channel',
  ':a!a@a PRIVMSG #wirebot :' + '\u{1F600}'.repeat(2_000),
  '@emotes=1:0-0/2:5-3/3:-1-2 :a!a@a PRIVMSG #wirebot :emote ranges',
  '@' + 'k=v;'.repeat(5_000) + ' :a!a@a PRIVMSG #wirebot :many tags',
];
const UNKNOWN = [
  'FOO bar baz',
  ':tmi.twitch.tv 999 wirebot :what',
  ':tmi.twitch.tv 421 wirebot WHO :Unknown command',
  '@x=y :a!a@a.tmi.twitch.tv WHATEVER #wirebot :z',
  ':tmi.twitch.tv SERVERCHANGE',
];

let server: MockTwitchServer | undefined;
let client: ReturnType<typeof createClient>['client'] | undefined;
let processErrors: ReturnType<typeof countProcessErrors> | undefined;
const captures: Capture[] = [];

beforeEach(() => {
  processErrors = countProcessErrors();
});

afterEach(async () => {
  await client?.stop();
  await server?.stop();
  processErrors?.uninstall();
});

afterAll(() => expectNoSecretsIn(6, captures));

/** A numbered chat message reaches `message`, and a send is confirmed: the shard still works. */
async function expectShardWorks(bot: NonNullable<typeof client>, mock: MockTwitchServer, tag: string): Promise<void> {
  await waitUntil(() => fullyRecovered(bot, mock, LOGIN, [CHANNEL]), 5_000, 'the shard to be ready');
  const received = bot.waitFor('message', { filter: (message: ChatMessageEvent) => message.text === `probe ${tag}`, timeoutMs: 3_000 } as never);
  mock.chat(CHANNEL, { login: 'viewer', text: `probe ${tag}` });
  await received.catch((error: unknown) => {
    throw new Error(`probe ${tag} not received: ${String(error)}`);
  });
  const sent = await bot.send(CHANNEL, `alive ${tag}`);
  expect(sent.messageId).toBeDefined();
  expect([...bot.shards.values()][0]?.joinedChannels.has(CHANNEL)).toBe(true);
}

it('malformed lines, unknown commands, 1 MB frames and binary frames after login: no crash, error/raw events, the shard still works', async () => {
  server = await startServer();
  const created = createClient(server, { initialChannels: [CHANNEL] });
  client = created.client;
  captures.push(created.capture);
  const bot = client;
  const errors: Error[] = [];
  let raws = 0;
  let messages = 0;
  bot.on('error', (error) => errors.push(error));
  bot.on('raw', () => raws++);
  bot.on('message', () => messages++);
  let disconnects = 0;
  const disconnectReasons: string[] = [];
  bot.on('shardDisconnect', (_shard, reason) => {
    disconnects++;
    disconnectReasons.push(JSON.stringify(reason));
  });
  await bot.start();
  await expectShardWorks(bot, server, 'before');
  const rawsBefore = raws;
  let framesSent = 0;
  let linesInjected = 0;

  // Malformed and unknown lines, one frame each and all in one frame.
  for (const line of [...MALFORMED, ...UNKNOWN]) {
    server.sendFrame(`${line}\r\n`, LOGIN);
    framesSent++;
    linesInjected++;
  }
  server.send([...MALFORMED, ...UNKNOWN], LOGIN);
  framesSent++;
  linesInjected += MALFORMED.length + UNKNOWN.length;
  await expectShardWorks(bot, server, 'after malformed');

  // A 1 MB line (over the 64 KiB line bound), then a 1 MB frame of valid chat lines, then a frame with no CRLF at all.
  const errorsBeforeBig = errors.length;
  server.sendFrame(`:a!a@a PRIVMSG #${CHANNEL} :${'x'.repeat(1_048_576)}\r\n`, LOGIN);
  framesSent++;
  linesInjected++;
  await waitUntil(() => errors.length > errorsBeforeBig, 3_000, 'the over-long line to be reported');
  const chatLine = (index: number): string => `@id=big-${index};room-id=1;user-id=2 :viewer!viewer@viewer.tmi.twitch.tv PRIVMSG #${CHANNEL} :big frame ${index}`;
  const perFrame = Math.floor(1_048_576 / chatLine(0).length);
  const messagesBefore = messages;
  server.sendFrame(Array.from({ length: perFrame }, (_, index) => `${chatLine(index)}\r\n`).join(''), LOGIN);
  framesSent++;
  linesInjected += perFrame;
  await waitUntil(() => messages - messagesBefore >= perFrame, 5_000, 'every line of the 1 MB frame');
  // A frame without CRLF is the start of a line (§5.1: keep a partial-line buffer); the next CRLF ends it, as Twitch
  // always would. Everything up to there is one over-long line, reported and dropped.
  server.sendFrame('y'.repeat(1_048_576), LOGIN);
  server.sendFrame('\r\n', LOGIN);
  framesSent += 2;
  await expectShardWorks(bot, server, 'after 1 MB frames');

  // Binary frames, including bytes that are not UTF-8.
  const errorsBeforeBinary = errors.length;
  server.sendFrame(new Uint8Array([0xff, 0xfe, 0xfd, 0x00, 0xc3, 0x28]), LOGIN);
  server.sendFrame(Buffer.from(`PRIVMSG #${CHANNEL} :binary\r\n`), LOGIN);
  server.sendFrame(new Uint8Array(1_048_576), LOGIN);
  framesSent += 3;
  await waitUntil(() => errors.length >= errorsBeforeBinary + 3, 3_000, 'the binary frames to be reported');
  await expectShardWorks(bot, server, 'after binary frames');

  const errorNames: Record<string, number> = {};
  for (const error of errors) errorNames[error.name] = (errorNames[error.name] ?? 0) + 1;
  recordFigures({
    scenario: 6,
    case: 'after login, on a ready shard',
    figures: {
      'malformed line kinds': MALFORMED.length,
      'unknown command kinds': UNKNOWN.length,
      'frames sent': framesSent,
      'lines injected': linesInjected,
      'raw events': raws - rawsBefore,
      'error events': errors.length,
      'error types': JSON.stringify(errorNames),
      'lines of the 1 MB frame delivered': `${perFrame}/${perFrame}`,
      'uncaught exceptions': processErrors!.count(),
      'shard disconnects': disconnects,
      'disconnect reasons': disconnectReasons.join(' ') || 'none',
    },
  });
  expect(processErrors!.count()).toBe(0);
  expect(errors.length).toBeGreaterThan(0);
  expect(raws - rawsBefore).toBeGreaterThan(MALFORMED.length);
  expect(bot.state).toBe('ready');
  // The only disconnect is the one the input asked for: `RECONNECT extra args` is still a RECONNECT (§2).
  expect(disconnectReasons.every((reason) => reason === '{"kind":"reconnectRequested"}')).toBe(true);
});

it('garbage before the welcome and during login: the shard logs in and works', async () => {
  server = await startServer();
  const garbage = ['garbage before login', ':tmi.twitch.tv 001', '@@@', ':x NOTICE * :not the auth failure', ...MALFORMED.slice(0, 12)];
  let injected = 0;
  server.on('connection', (event: ConnectionEvent) => {
    injected += server!.send(garbage, event.connectionId) * garbage.length;
    server!.sendFrame(new Uint8Array([0xff, 0x00]), event.connectionId);
  });
  const created = createClient(server, { initialChannels: [CHANNEL] });
  client = created.client;
  captures.push(created.capture);
  const errors: Error[] = [];
  client.on('error', (error) => errors.push(error));
  const startedAt = performance.now();
  await client.start();
  const startMs = performance.now() - startedAt;
  await expectShardWorks(client, server, 'after early garbage');
  recordFigures({
    scenario: 6,
    case: 'garbage sent before the welcome',
    figures: { 'lines injected': injected, 'error events': errors.length, 'start() resolved after ms': round(startMs, 0), 'uncaught exceptions': processErrors!.count() },
  });
  expect(processErrors!.count()).toBe(0);
});

it('a server sending invalid UTF-8 text frames and garbage around a hand-made login: no crash, reconnects where the socket must close', async () => {
  // Not the mock: `ws` lets this server send a *text* frame whose bytes are not UTF-8, which the mock cannot.
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(wss, 'listening');
  const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
  let connections = 0;
  let badFramesSent = 0;
  const sockets: WebSocket[] = [];
  wss.on('connection', (socket) => {
    sockets.push(socket);
    connections++;
    const connection = connections;
    socket.send('garbage before login\r\n:::\r\n');
    if (connection === 1) {
      socket.send(Buffer.from([0x3a, 0xff, 0xfe, 0x0d, 0x0a]), { binary: false }); // ":\xff\xfe\r\n" before login
      badFramesSent++;
    }
    socket.on('message', (data) => {
      for (const line of data.toString().split('\r\n')) {
        if (line.startsWith('NICK')) {
          socket.send(':tmi.twitch.tv CAP * ACK :twitch.tv/tags twitch.tv/commands twitch.tv/membership\r\n');
          socket.send(`:tmi.twitch.tv 001 ${LOGIN} :Welcome, GLHF!\r\n:tmi.twitch.tv 376 ${LOGIN} :>\r\n`);
          socket.send('garbage after login\r\n@@@ :::\r\n');
          if (connection === 2) {
            socket.send(Buffer.from([0xc3, 0x28, 0x0d, 0x0a]), { binary: false }); // invalid UTF-8 text frame
            badFramesSent++;
          }
        }
        if (line.startsWith('PING')) socket.send(':tmi.twitch.tv PONG tmi.twitch.tv :tmi.twitch.tv\r\n');
      }
    });
  });
  server = undefined;
  const fakeMock = { url } as unknown as MockTwitchServer;
  const created = createClient(fakeMock, { transportOptions: { url, allowInsecureUrl: true } });
  client = created.client;
  captures.push(created.capture);
  const errors: Error[] = [];
  const disconnects: string[] = [];
  client.on('error', (error) => errors.push(error));
  client.on('shardDisconnect', (_shard, reason) => disconnects.push(JSON.stringify(reason)));
  try {
    const started = client.start();
    await waitUntil(() => client!.state === 'ready' || client!.state === 'stopped', 5_000, 'start() to settle').catch((error: unknown) => {
      throw new Error(`${String(error)}: ${connections} connections, ${JSON.stringify(disconnects)}, ${errors.map((entry) => entry.message).join('; ')}\n${created.capture.logs.slice(-20).join('\n')}`);
    });
    await started;
    // Invalid UTF-8 in a text frame is a protocol error: the socket closes (1007) and the shard logs in again.
    await waitUntil(() => connections >= 3 && [...client!.shards.values()].every((shard) => shard.status === 'ready'), 5_000, 'the shard to come back');
    recordFigures({
      scenario: 6,
      case: 'hand-made server: invalid UTF-8 text frames, garbage before and after login',
      figures: {
        'invalid UTF-8 frames sent': badFramesSent,
        connections,
        'shard disconnects': disconnects.length,
        'first disconnect': disconnects[0] ?? 'none',
        'error events': errors.length,
        'uncaught exceptions': processErrors!.count(),
      },
    });
    expect(processErrors!.count()).toBe(0);
    expect(client.state).toBe('ready');
    // One socket closed by the bad frame before login, one after; the third is clean.
    expect(connections).toBe(3);
    expect(disconnects).toHaveLength(2);
  } finally {
    await client.stop();
    for (const socket of sockets) socket.terminate();
    wss.close();
  }
});
