import type {
  BaseShardManager,
  Client,
  ClientOptions,
  InvalidOptionError,
  RateLimitOverrides,
  Shard,
  ShardManagerClass,
  Transport,
} from '@tio/core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MockTwitchServer } from '../../MockTwitchServer.js';
import type { JoinEvent, PartEvent, PrivmsgEvent } from '../../MockTwitchServerEvents.js';
import type { LimitsOptions } from '../../MockTwitchServerOptions.js';
import type { ShardManagerConformanceOptions } from './ShardManagerConformanceOptions.js';

/** The bot account every conformance test logs in as. */
const LOGIN = 'tioconformancebot';
/** Its token; never printed by a correct client. */
const TOKEN = 'conformancetoken0123456789abcd';

/**
 * Twitch's limits with every window scaled to 1/20 (§4.1, §4.4 of the protocol reference: 20 logins and 20 JOINs per
 * 10 s, 20 and 100 messages per 30 s, one message per second per channel), on both sides: the mock enforces them and
 * the client paces itself by them, so tests stay fast while every limit is still in force.
 */
const TIME_SCALE = 0.05;
const SCALED_CLIENT_LIMITS: RateLimitOverrides = {
  login: { limit: 20, windowMs: 10_000 * TIME_SCALE },
  join: { limit: 20, windowMs: 10_000 * TIME_SCALE },
  messageUser: { limit: 20, windowMs: 30_000 * TIME_SCALE },
  messageModerator: { limit: 100, windowMs: 30_000 * TIME_SCALE },
  messagePerChannel: { limit: 1, windowMs: 1_000 * TIME_SCALE },
  // Scaled windows leave the default 2 % margin only a few milliseconds of slack for event-loop delays.
  safetyMargin: 0.1,
};

/** The tight budget of the shared-limiter check: fewer JOINs per window than the test joins channels. */
const TIGHT_JOIN = { limit: 5, windowMs: 600 } as const;
const TIGHT_LOGIN = { limit: 3, windowMs: 600 } as const;
/**
 * The client's safety margin in the shared-limiter check. The mock shares the test's event loop, so a busy loop (other
 * test files, GC) delays when it reads lines and can squeeze JOINs sent a full window apart into one window. Real
 * windows are long enough for the default 2 %; a 600 ms window needs a wider margin to tell a shared budget from
 * scheduling noise.
 */
const TIGHT_SAFETY_MARGIN = 0.25;

/** `@tio/core`, loaded when the suite runs, so importing `@tio/testing/vitest` never requires it (an optional peer). */
type Core = typeof import('@tio/core');

interface ClientSetup {
  readonly initialChannels?: readonly string[];
  readonly rateLimits?: RateLimitOverrides;
  readonly extraOptions?: Readonly<Record<string, unknown>>;
}

interface Harness {
  readonly server: MockTwitchServer;
  readonly joins: JoinEvent[];
  readonly parts: PartEvent[];
  readonly privmsgs: PrivmsgEvent[];
  createClient(setup?: ClientSetup): Client;
}

/**
 * Registers the shard-manager conformance suite: vitest `describe`/`it` blocks that run a real `Client` with the given
 * manager and transport against a {@link MockTwitchServer} on 127.0.0.1, and check what every manager must do:
 *
 * - the contract version, and unknown options rejected by the `Client` constructor;
 * - `start()` resolves once every initial channel is joined, each on exactly one shard (within capacity when the
 *   manager declares one);
 * - joined channels are placed within capacity, also under concurrent joins across a capacity boundary;
 * - assigning a channel twice is idempotent (one shard, one JOIN reaching the server);
 * - a part frees the channel, and it is not re-joined after a reconnect;
 * - sends go through a **ready** shard of the right login, and a send made while the shards reconnect is delivered
 *   exactly once after they are ready;
 * - `stop()` resolves and leaves no socket open on the server, also when it lands while an async `assignShard()` is
 *   in flight;
 * - every shard of one login draws on one rate-limit budget (no limit violation with more channels than one window
 *   allows, spent by more than one connection when the manager has a `capacity`; `singleShard: true` managers are
 *   named as not exercising the sharing).
 *
 * Managers whose channels are read by anonymous connections while the bot's login only sends (such as
 * `@tio/shard-readonly`) pass `readers: 'anonymous'`; every check above still applies, to those readers.
 *
 * Call it at the top level of a test file. The suite loads `@tio/core` (an optional peer dependency of `@tio/testing`)
 * when it runs, so importing `@tio/testing/vitest` without core installed still works for `useMockTwitchServer`.
 *
 * @param options - The manager, the transport and how to configure them.
 * @typeParam M - The shard-manager class under test.
 *
 * @example
 * ```ts
 * import { IrcWsTransport } from '@tio/irc-ws';
 * import { describeShardManagerConformance } from '@tio/testing/vitest';
 * import { MyShardManager } from '../src/index.js';
 *
 * describeShardManagerConformance({
 *   name: 'MyShardManager',
 *   manager: MyShardManager,
 *   transport: IrcWsTransport,
 *   transportOptions: (server) => ({ url: server.url, reconnectDelayMs: 50 }),
 *   managerOptions: { channelsPerShard: 3 },
 *   capacity: { channelsPerShard: 3 },
 * });
 * ```
 */
export function describeShardManagerConformance<M extends ShardManagerClass<BaseShardManager<object>>>(
  options: ShardManagerConformanceOptions<M>,
): void {
  const timeout = options.timeoutMs ?? 30_000;
  const capacity = options.capacity?.channelsPerShard;
  // Enough channels to need at least three shards when the manager has a capacity.
  const spreadCount = capacity === undefined ? 7 : Math.min(2 * capacity + 1, 41);
  const anonymousReaders = options.readers === 'anonymous';
  const singleShard = options.singleShard ?? false;
  /** The channels the readers hold on the server: the bot's, or every connection's with anonymous readers. */
  const heldOnServer = (server: MockTwitchServer): readonly string[] | undefined =>
    anonymousReaders
      ? [...new Set(server.connections().flatMap((connection) => connection.channels))].sort()
      : server.stats().accounts[LOGIN]?.channels;
  /** Drops the readers' connections: the bot's, or every connection with anonymous readers. */
  const dropReaders = (server: MockTwitchServer): void => {
    server.drop(anonymousReaders ? undefined : LOGIN);
  };

  describe(`${options.name} (shard-manager conformance)`, () => {
    let core: Core;
    let harness: Harness | undefined;
    const clients: Client[] = [];

    beforeAll(async () => {
      core = await import('@tio/core');
    });

    const startHarness = async (limits: LimitsOptions = {}): Promise<Harness> => {
      const server = new MockTwitchServer({
        accounts: [{ login: LOGIN, token: TOKEN }],
        timeScale: TIME_SCALE,
        pingIntervalMs: 0,
        limits: { privmsgPenaltyMs: 0, ...limits },
      });
      await server.start();
      const joins: JoinEvent[] = [];
      const parts: PartEvent[] = [];
      const privmsgs: PrivmsgEvent[] = [];
      server.on('join', (event: JoinEvent) => joins.push(event));
      server.on('part', (event: PartEvent) => parts.push(event));
      server.on('privmsg', (event: PrivmsgEvent) => privmsgs.push(event));
      const createClient = (setup: ClientSetup = {}): Client => {
        const clientOptions: Record<string, unknown> = {
          ...options.managerOptions,
          ...setup.extraOptions,
          tokenHandler: new core.SimpleTokenHandler({ login: LOGIN, token: TOKEN }),
          transport: options.transport,
          transportOptions: (options.transportOptions ?? defaultTransportOptions)(server),
          shardManager: options.manager,
          initialChannels: setup.initialChannels ?? [],
          rateLimits: setup.rateLimits ?? SCALED_CLIENT_LIMITS,
        };
        const client = new core.Client(clientOptions as unknown as ClientOptions<Transport<never>, ShardManagerClass>);
        clients.push(client);
        return client;
      };
      harness = { server, joins, parts, privmsgs, createClient };
      return harness;
    };

    afterEach(async () => {
      await Promise.all(clients.splice(0).map((client) => client.stop()));
      await harness?.server.stop();
      harness = undefined;
    });

    it('declares the contract version, and the Client rejects options it does not know', async () => {
      expect(options.manager.contractVersion).toBe(core.SHARD_MANAGER_CONTRACT_VERSION);
      const { createClient } = await startHarness();
      let thrown: unknown;
      try {
        createClient({ extraOptions: { tioConformanceUnknownOption: 1 } });
      } catch (error) {
        thrown = error;
      }
      expect(core.InvalidOptionError.isInstance(thrown)).toBe(true);
      expect((thrown as InvalidOptionError).unknownOptions).toEqual(['tioConformanceUnknownOption']);
    }, timeout);

    it('start() resolves once every initial channel is joined, each on exactly one shard', async () => {
      const { server, createClient } = await startHarness();
      const channels = channelNames('initial', spreadCount);
      const client = createClient({ initialChannels: channels });
      await client.start();

      expect(client.state).toBe('ready');
      // Everything below holds the moment start() resolves, without waiting.
      expect(heldOnServer(server)).toEqual([...channels].sort());
      expectOneShardPerChannel(client, channels, capacity);
      for (const channel of channels) expect(ownerOf(client, channel).joinedChannels.has(channel)).toBe(true);
      expectNoDuplicateJoinsOnServer(server, anonymousReaders);
      expect(server.violations()).toEqual([]);
    }, timeout);

    it('places joined channels within capacity, also under concurrent joins across a capacity boundary', async () => {
      const { server, joins, createClient } = await startHarness();
      const client = createClient({ initialChannels: ['seed'] });
      await client.start();

      const batch = channelNames('batch', spreadCount);
      const single = channelNames('single', spreadCount);
      // One join() with many channels, and many concurrent join() calls of one channel each.
      const [batchResults, ...singleResults] = await Promise.all([
        client.join(batch),
        ...single.map((channel) => client.join(channel)),
      ]);
      const results = [...(batchResults ?? []), ...singleResults.flat()];
      expect(results.filter((result) => !result.joined)).toEqual([]);
      expect(results).toHaveLength(batch.length + single.length);

      const all = ['seed', ...batch, ...single];
      expectOneShardPerChannel(client, all, capacity);
      expect(heldOnServer(server)).toEqual([...all].sort());
      expect(joins.filter((event) => event.outcome === 'joined')).toHaveLength(all.length);
      expectNoDuplicateJoinsOnServer(server, anonymousReaders);
      expect(server.violations()).toEqual([]);
    }, timeout);

    it('assigning the same channel twice is idempotent: one shard, one JOIN', async () => {
      const { joins, createClient } = await startHarness();
      const client = createClient({ initialChannels: ['already'] });
      await client.start();

      const concurrent = await Promise.all([client.join('twice'), client.join('#Twice'), client.join(['twice', 'TWICE'])]);
      const again = await client.join(['twice', 'already']);

      for (const result of [...concurrent.flat(), ...again]) expect(result.joined).toBe(true);
      expect(shardsHolding(client, 'twice')).toHaveLength(1);
      expect(shardsHolding(client, 'already')).toHaveLength(1);
      expect(joins.filter((event) => event.channel === 'twice')).toHaveLength(1);
      expect(joins.filter((event) => event.channel === 'already')).toHaveLength(1);
    }, timeout);

    it('a part frees the channel, and it is not re-joined after a reconnect', async () => {
      const { server, joins, parts, createClient } = await startHarness();
      const channels = channelNames('stay', spreadCount);
      const client = createClient({ initialChannels: channels });
      await client.start();
      expect((await client.join('leaving'))[0]?.joined).toBe(true);

      await client.part('leaving');
      expect(shardsHolding(client, 'leaving')).toEqual([]);
      await waitUntil(() => parts.some((event) => event.channel === 'leaving'), 5_000, 'the PART to reach the server');
      expect(heldOnServer(server)).not.toContain('leaving');

      // Every connection of the readers drops; the shards reconnect and re-join what they still hold.
      const joinsBefore = joins.length;
      dropReaders(server);
      await waitUntil(
        () => joins.length - joinsBefore >= channels.length && runningShards(client).every((shard) => shard.status === 'ready'),
        15_000,
        'the shards to reconnect and re-join',
      );
      await sleep(200);

      expect(heldOnServer(server)).toEqual([...channels].sort());
      expect(joins.filter((event) => event.channel === 'leaving')).toHaveLength(1);
      expect(shardsHolding(client, 'leaving')).toEqual([]);
      // The place is free again: joining it once more works and puts it on exactly one shard.
      expect((await client.join('leaving'))[0]?.joined).toBe(true);
      expectOneShardPerChannel(client, [...channels, 'leaving'], capacity);
    }, timeout);

    it('sends through a ready shard of the right login', async () => {
      const { privmsgs, createClient } = await startHarness();
      const channels = channelNames('talk', spreadCount);
      const client = createClient({ initialChannels: channels });
      await client.start();
      const manager = client.shardManager as BaseShardManager<object>;

      for (const channel of [...channels, 'notjoined']) {
        const shard = await manager.getSenderShard(channel, LOGIN);
        expect(shard?.status).toBe('ready');
        expect(shard?.login).toBe(LOGIN);
      }
      const sent = await client.send(channels[0] ?? 'talk0', 'conformance hello');
      expect(client.shards.get(sent.shardId)?.status).toBe('ready');
      await waitUntil(() => privmsgs.some((event) => event.text === 'conformance hello'), 5_000, 'the message');
      expect(privmsgs.filter((event) => event.text === 'conformance hello').map((event) => event.outcome)).toEqual(['delivered']);
    }, timeout);

    it('a send made while the shards reconnect is delivered exactly once, after they are ready', async () => {
      const { server, privmsgs, createClient } = await startHarness();
      const channels = channelNames('busy', spreadCount);
      const client = createClient({ initialChannels: channels });
      await client.start();
      const manager = client.shardManager as BaseShardManager<object>;
      const target = channels[channels.length - 1] ?? 'busy0';

      // Every connection drops and reconnect attempts are refused, so no shard is ready while the message is sent.
      server.refuseConnections(1_000_000);
      dropReaders(server);
      await waitUntil(() => runningShards(client).every((shard) => shard.status !== 'ready'), 5_000, 'every shard to notice the drop');
      const sender = await manager.getSenderShard(target, LOGIN);
      expect(sender).toBeDefined();
      expect(sender?.login).toBe(LOGIN);
      expect(['stopped', 'failed']).not.toContain(sender?.status);

      const sending = client.send(target, 'sent during the outage');
      await sleep(150);
      expect(privmsgs.filter((event) => event.text === 'sent during the outage')).toEqual([]);
      server.refuseConnections(0);
      const sent = await sending;

      expect(sent.channel).toBe(target);
      expect(privmsgs.filter((event) => event.text === 'sent during the outage').map((event) => event.outcome)).toEqual(['delivered']);
      // It went out once that shard was logged in again.
      expect(client.shards.get(sent.shardId)?.status).toBe('ready');
      await sleep(300);
      expect(privmsgs.filter((event) => event.text === 'sent during the outage')).toHaveLength(1);
    }, timeout);

    it('stop() resolves and leaves no socket open on the server', async () => {
      const { server, createClient } = await startHarness();
      const client = createClient({ initialChannels: channelNames('bye', spreadCount) });
      await client.start();
      expect(server.connections(LOGIN).length).toBeGreaterThan(0);

      await client.stop();
      expect(client.state).toBe('stopped');
      for (const shard of client.shards.values()) expect(['stopped', 'failed']).toContain(shard.status);
      await waitUntil(() => server.connections().length === 0, 3_000, 'every socket to close');
      expect(server.connections()).toEqual([]);
      await expect(client.join('afterstop')).rejects.toSatisfy((error: unknown) => core.ClientStateError.isInstance(error));
    }, timeout);

    const budgetTitle = singleShard
      ? 'every shard of one login draws on one rate-limit budget (single-shard manager: sharing across shards is NOT exercised)'
      : 'every shard of one login draws on one rate-limit budget';
    it(budgetTitle, async () => {
      const { server, joins, createClient } = await startHarness({
        join: { count: TIGHT_JOIN.limit, windowMs: TIGHT_JOIN.windowMs },
        login: { count: TIGHT_LOGIN.limit, windowMs: TIGHT_LOGIN.windowMs },
        // Anonymous readers share one budget too: the mock closes any anonymous connection past it.
        ...(anonymousReaders ? { anonymousJoin: { count: TIGHT_JOIN.limit, windowMs: TIGHT_JOIN.windowMs } } : {}),
      });
      const initial = channelNames('budget', Math.max(spreadCount, 2 * TIGHT_JOIN.limit + 1));
      const later = channelNames('later', TIGHT_JOIN.limit + 1);
      const client = createClient({
        initialChannels: initial,
        rateLimits: { ...SCALED_CLIENT_LIMITS, join: TIGHT_JOIN, login: TIGHT_LOGIN, safetyMargin: TIGHT_SAFETY_MARGIN },
      });
      const startedAt = Date.now();
      await client.start();
      const results = await client.join(later);
      const elapsed = Date.now() - startedAt;

      expect(results.filter((result) => !result.joined)).toEqual([]);
      expect(server.violations()).toEqual([]);
      const total = initial.length + later.length;
      expect(joins.filter((event) => event.outcome === 'joined')).toHaveLength(total);
      // More JOINs than one window allows: the client had to wait for the budget instead of bursting.
      expect(elapsed).toBeGreaterThanOrEqual((Math.ceil(total / TIGHT_JOIN.limit) - 1) * TIGHT_JOIN.windowMs);
      expectOneShardPerChannel(client, [...initial, ...later], capacity);
      // The budget is only shown to be *shared* if several connections spent it: with one connection this test would
      // pass for a limiter per shard too.
      const joiningConnections = new Set(joins.filter((event) => event.outcome === 'joined').map((event) => event.connectionId)).size;
      if (singleShard) {
        expect(joiningConnections, 'connections that joined channels (singleShard: true)').toBe(1);
      } else if (capacity !== undefined && total > capacity) {
        expect(joiningConnections, `connections that joined ${total} channels at ${capacity} per shard`).toBeGreaterThan(1);
      } else if (joiningConnections === 1) {
        console.warn(
          `[${options.name} conformance] every channel was joined on one connection, so sharing one rate-limit budget ` +
            'across shards was NOT exercised; pass `singleShard: true` to say so, or `capacity` to make the suite use several shards.',
        );
      }
    }, timeout);

    // The manager under test, with every assignShard() held back for a moment: a stop() then lands while it is in
    // flight, as when a manager awaits a token lookup or a placement service before it opens a shard.
    // The bug it guards against: a shard that assignShard() opened after stop() had begun stayed `connecting`, with a
    // socket open on the server, after stop() resolved (and the join() waiting on it never settled).
    it('stop() during an in-flight async assignShard leaves 0 sockets on the mock', async () => {
      const { server, createClient } = await startHarness();
      const client = createClient({ initialChannels: channelNames('early', capacity ?? 1) });
      await client.start();
      const held: Array<() => void> = [];
      const manager = client.shardManager as BaseShardManager<object>;
      const assignShard = manager.assignShard;
      // Hold back this instance's assignShard until released, then run the manager's own code.
      Object.defineProperty(manager, 'assignShard', {
        configurable: true,
        value: async function (this: BaseShardManager<object>, channel: string, isInitialChannel: boolean): Promise<void> {
          await new Promise<void>((resolve) => held.push(resolve));
          return assignShard.call(this, channel, isInitialChannel);
        },
      });
      const joining = client.join(channelNames('late', spreadCount)).catch(() => []);
      await waitUntil(() => held.length > 0, 5_000, 'assignShard to be called');
      const stopping = client.stop();
      // The manager's assignShard now runs while (or after) the client stops.
      for (const release of held.splice(0)) release();
      // Later assignShard calls of the same join(), if any, are let through as they come.
      const releaser = setInterval(() => {
        for (const release of held.splice(0)) release();
      }, 5);
      try {
        await within(stopping, 5_000, 'client.stop() to resolve');
        await within(joining, 5_000, 'the join() made before stop() to settle');
        await sleep(300);
      } finally {
        clearInterval(releaser);
      }
      expect(client.state).toBe('stopped');
      for (const shard of client.shards.values()) expect(['stopped', 'failed'], `status of ${shard.id}`).toContain(shard.status);
      expect(server.connections()).toEqual([]);
    }, timeout);
  });
}

function defaultTransportOptions(server: MockTwitchServer): object {
  return { url: server.url };
}

function channelNames(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix}${index}`);
}

function runningShards(client: Client): Shard[] {
  return [...client.shards.values()].filter((shard) => shard.status !== 'stopped' && shard.status !== 'failed');
}

function shardsHolding(client: Client, channel: string): string[] {
  return [...client.shards.values()].filter((shard) => shard.channels.has(channel)).map((shard) => shard.id);
}

function ownerOf(client: Client, channel: string): Shard {
  const owner = [...client.shards.values()].find((shard) => shard.channels.has(channel));
  if (owner === undefined) throw new Error(`no shard holds #${channel}`);
  return owner;
}

function expectOneShardPerChannel(client: Client, channels: readonly string[], capacity: number | undefined): void {
  for (const channel of channels) expect(shardsHolding(client, channel), `shards holding #${channel}`).toHaveLength(1);
  const held = [...client.shards.values()].reduce((sum, shard) => sum + shard.channelCount, 0);
  expect(held).toBe(new Set(channels).size);
  if (capacity !== undefined) {
    for (const shard of client.shards.values()) expect(shard.channelCount, `channels on ${shard.id}`).toBeLessThanOrEqual(capacity);
  }
}

function expectNoDuplicateJoinsOnServer(server: MockTwitchServer, everyConnection = false): void {
  const perConnection = server.connections(everyConnection ? undefined : LOGIN).flatMap((connection) => connection.channels);
  expect(perConnection.length).toBe(new Set(perConnection).size);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Rejects with what hung instead of letting the test time out without a hint. */
async function within<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function waitUntil(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}
