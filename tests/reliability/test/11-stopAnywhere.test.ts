import { Client, SendError, SimpleTokenHandler, type JoinResult, type SentMessage } from '@tio/core';
import { IrcWsTransport } from '@tio/irc-ws';
import { DefaultShardManager } from '@tio/shard-default';
import type { ConnectionEvent, MockTwitchServer } from '@tio/testing';
import { afterAll, afterEach, beforeEach, expect, it, vi } from 'vitest';
import {
  LOGIN,
  TOKEN,
  capturingLogger,
  channelNames,
  createCapture,
  createClient,
  fastTransportOptions,
  scaledLimits,
  sleep,
  startServer,
  waitUntil,
  type Capture,
} from '../support/harness.js';
import { recordFigures, round } from '../support/report.js';
import { expectNoSecretsIn } from '../support/secrets.js';

// Scenario 11 (issue #6): stop() at any point — while connecting, logging in, waiting for the login limiter, joining,
// backing off between reconnects, switching sockets after RECONNECT, sending — always resolves, settles what was
// pending, and leaves nothing running (seed bug B6: stop skipped reconnecting shards, which went on reconnecting).
// Timers are faked (advancing with real time, so real sockets still work) to count what is left: vi.getTimerCount()
// sees every timer of the client, the transport, ws and the mock. Sockets are counted in the mock and as TCP handles.
const STOP_BOUND_MS = 2_000;

let server: MockTwitchServer | undefined;
let client: ReturnType<typeof createClient>['client'] | undefined;
const captures: Capture[] = [];

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
});

afterEach(async () => {
  await client?.stop();
  client = undefined;
  await server?.stop();
  server = undefined;
  vi.useRealTimers();
});

afterAll(() => expectNoSecretsIn(11, captures));

function tcpSockets(): number {
  return process.getActiveResourcesInfo().filter((name) => name === 'TCPSocketWrap').length;
}

interface StopOutcome {
  readonly stopMs: number;
  readonly timersLeft: number;
  readonly socketsLeftInMock: number;
  readonly extraTcpHandles: number;
}

/** Marks a promise as handled now (it is inspected after stop()), so its rejection is not reported as unhandled. */
function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** Stops the client, then checks (not assumes) that no timer, socket or TCP handle is left. */
async function stopAndCheck(phase: string, socketsBefore: number, pending: Array<Promise<unknown>> = [], extra: Record<string, string | number> = {}): Promise<StopOutcome> {
  const bot = client!;
  const startedAt = performance.now();
  let resolved = false;
  const stopping = bot.stop().then(() => {
    resolved = true;
  });
  await waitUntil(() => resolved, STOP_BOUND_MS + 3_000, `stop() during ${phase} to resolve`);
  await stopping;
  const stopMs = performance.now() - startedAt;
  const settled = await Promise.allSettled(pending);
  // The mock notices the closed sockets on its side.
  await waitUntil(() => server!.connections().length === 0, 2_000, 'the mock to see every socket closed');
  await sleep(20);
  const outcome: StopOutcome = {
    stopMs,
    timersLeft: vi.getTimerCount(),
    socketsLeftInMock: server!.connections().length,
    extraTcpHandles: tcpSockets() - socketsBefore,
  };
  const reasons: Record<string, number> = {};
  const count = (key: string): void => void (reasons[key] = (reasons[key] ?? 0) + 1);
  for (const result of settled) {
    if (result.status === 'rejected') {
      count(`${(result.reason as Error).name}${SendError.isInstance(result.reason) ? ` (${result.reason.reason})` : ''}`);
    } else if (Array.isArray(result.value)) {
      for (const join of result.value as JoinResult[]) count(join.joined ? 'joined' : `not joined (${join.reason})`);
    } else if (typeof result.value === 'object' && result.value !== null && 'shardId' in result.value) {
      count((result.value as SentMessage).messageId === undefined ? 'sent, outcome unknown (no messageId)' : 'sent, confirmed');
    } else {
      count('resolved');
    }
  }
  recordFigures({
    scenario: 11,
    case: `stop() during ${phase}`,
    figures: {
      'stop() resolved after ms': round(stopMs, 0),
      'pending operations': pending.length,
      'their outcomes': JSON.stringify(reasons),
      'timers left': outcome.timersLeft,
      'sockets left (mock)': outcome.socketsLeftInMock,
      'extra TCP handles': outcome.extraTcpHandles,
      'client state': bot.state,
      ...extra,
    },
  });
  expect(bot.state).toBe('stopped');
  expect(stopMs).toBeLessThan(STOP_BOUND_MS);
  expect(outcome).toMatchObject({ timersLeft: 0, socketsLeftInMock: 0, extraTcpHandles: 0 });
  return outcome;
}

function newClient(options: Parameters<typeof createClient>[1] = {}): NonNullable<typeof client> {
  const created = createClient(server!, options);
  captures.push(created.capture);
  client = created.client;
  return client;
}

it('stop() right after start(), while the socket is connecting', async () => {
  server = await startServer();
  const sockets = tcpSockets();
  const bot = newClient({ initialChannels: ['stoproom'] });
  const starting = handled(bot.start());
  const outcome = await stopAndCheck('connect', sockets, [starting]);
  await expect(starting).rejects.toMatchObject({ name: 'StoppedError' });
  expect(outcome.timersLeft).toBe(0);
});

it('stop() while logging in (the server holds the PASS/NICK unanswered)', async () => {
  server = await startServer();
  const sockets = tcpSockets();
  server.on('connection', (event: ConnectionEvent) => void server!.stall(event.connectionId));
  const bot = newClient({ initialChannels: ['stoproom'] });
  const starting = handled(bot.start());
  await waitUntil(() => server!.connections().length === 1, 2_000, 'the socket to open');
  await sleep(50);
  await stopAndCheck('login', sockets, [starting]);
});

it('stop() while 40 shards wait for the login limiter (20 per window)', async () => {
  server = await startServer();
  const sockets = tcpSockets();
  const bot = newClient({ initialChannels: channelNames('many', 40), channelsPerShard: 1, initialShardCount: 40, maxShardCount: 40, rateLimits: scaledLimits(0.5) });
  const starting = handled(bot.start());
  await waitUntil(() => server!.connections().length >= 20, 3_000, '20 shards to log in');
  await stopAndCheck('waits for the login limiter', sockets, [starting], { 'connections when stopped': 20 });
});

it('stop() while joins are pending (silent channels) and queued behind the JOIN limiter', async () => {
  server = await startServer({ moderatorIn: channelNames('joinq', 60) });
  for (const channel of channelNames('silent', 5)) server.setChannelState(channel, { nonexistent: true });
  const sockets = tcpSockets();
  const bot = newClient({ transportOptions: { joinTimeoutMs: 10_000 }, channelsPerShard: 100, rateLimits: scaledLimits(0.5) });
  await bot.start();
  const joining = [bot.join(channelNames('silent', 5)), bot.join(channelNames('joinq', 60))];
  await sleep(100);
  await stopAndCheck('join', sockets, joining);
  const results = (await Promise.all(joining)).flat();
  expect(results.filter((result) => !result.joined).length).toBeGreaterThan(0);
});

it('stop() while a shard backs off between refused reconnects', async () => {
  server = await startServer();
  const sockets = tcpSockets();
  const bot = newClient({ initialChannels: ['stoproom'], transportOptions: { reconnectDelayMs: 200, maxReconnectDelayMs: 2_000 } });
  let reconnects = 0;
  bot.on('shardReconnect', () => reconnects++);
  await bot.start();
  server.refuseConnections(1_000);
  server.drop(LOGIN);
  await waitUntil(() => reconnects >= 3, 5_000, 'a few refused reconnects');
  await stopAndCheck('reconnect backoff', sockets, [], { 'reconnect attempts before stop': reconnects });
});

it('stop() while switching sockets after RECONNECT (make-before-break)', async () => {
  server = await startServer({ reconnectGraceMs: 5_000 });
  const sockets = tcpSockets();
  const bot = newClient({ initialChannels: ['stoproom', 'stoproom2'], transportOptions: { reconnectGraceMs: 4_000 } });
  await bot.start();
  // The replacement socket is held at login, so the switch is under way when stop() comes.
  server.on('connection', (event: ConnectionEvent) => void server!.stall(event.connectionId));
  server.reconnect(LOGIN);
  await waitUntil(() => server!.connections().length === 2, 2_000, 'the replacement socket');
  await stopAndCheck('RECONNECT switch', sockets);
});

it('stop() while sends are queued behind the rate limit and written but unconfirmed', async () => {
  server = await startServer();
  const sockets = tcpSockets();
  const bot = newClient({ initialChannels: ['sendroom', 'sendroom2'], sendTimeoutMs: 20_000, transportOptions: { sendConfirmationTimeoutMs: 10_000 } });
  await bot.start();
  // Not a moderator: 1 message per (scaled) second per channel, so these queue (twitch-protocol.md §4.1).
  const sends: Array<Promise<SentMessage>> = [];
  for (let index = 0; index < 10; index++) sends.push(handled(bot.send('sendroom', `queued ${index}`)));
  await sleep(20);
  // Written on a socket whose answers are held: unconfirmed.
  server.stall(server.connections(LOGIN)[0]!.id);
  sends.push(handled(bot.send('sendroom2', 'unconfirmed')));
  await sleep(50);
  await stopAndCheck('send', sockets, sends);
  const outcomes = await Promise.allSettled(sends);
  // Every send settled; none is left hanging.
  expect(outcomes).toHaveLength(11);
});

it('stop() called twice, concurrently, and from inside an event listener', async () => {
  server = await startServer();
  const sockets = tcpSockets();
  const bot = newClient({ initialChannels: ['stoproom'] });
  let fromListener: Promise<void> | undefined;
  bot.on('shardReady', () => {
    fromListener ??= bot.stop();
  });
  const starting = handled(bot.start());
  await waitUntil(() => fromListener !== undefined, 3_000, 'shardReady');
  const [first, second] = [bot.stop(), bot.stop()];
  await stopAndCheck('a listener, twice', sockets, [starting, first, second, fromListener!]);
});

it('DefaultShardManager: stop() while its only shard backs off with a send queued', async () => {
  server = await startServer();
  const sockets = tcpSockets();
  const capture = createCapture();
  captures.push(capture);
  const bot = new Client({
    tokenHandler: new SimpleTokenHandler({ login: LOGIN, token: TOKEN }),
    logger: capturingLogger(capture),
    transport: IrcWsTransport,
    transportOptions: { ...fastTransportOptions(server), reconnectDelayMs: 200, maxReconnectDelayMs: 2_000 },
    shardManager: DefaultShardManager,
    initialChannels: ['stoproom'],
    rateLimits: scaledLimits(0.05),
  });
  client = bot as unknown as NonNullable<typeof client>;
  let reconnects = 0;
  bot.on('shardReconnect', () => reconnects++);
  await bot.start();
  server.refuseConnections(1_000);
  server.drop(LOGIN);
  await waitUntil(() => reconnects >= 2, 5_000, 'refused reconnects');
  const queued = handled(bot.send('stoproom', 'queued while down'));
  await sleep(20);
  await stopAndCheck('DefaultShardManager backoff with a queued send', sockets, [queued], { 'reconnect attempts before stop': reconnects });
  await expect(queued).rejects.toMatchObject({ name: 'SendError', reason: 'stopped' });
});
