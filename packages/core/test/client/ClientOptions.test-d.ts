import { describe, expectTypeOf, test } from 'vitest';
import {
  BaseShardManager,
  Client,
  type TRANSPORT_CONTRACT_VERSION,
  type TransportOptionsOf,
  type BaseTokenHandler,
  type ClientOptions,
  type ShardManagerOptionsOf,
  type TransportConnection,
  type TransportContext,
} from '../../src/index.js';
import type { FakeTransport, FakeTwitch } from '../support/FakeTransport.js';
import type { CapacityManager, CapacityManagerOptions, SingleShardManager } from '../support/managers.js';

declare const tokenHandler: BaseTokenHandler;
declare const twitch: FakeTwitch;
declare const Transport: typeof FakeTransport;
declare const Capacity: typeof CapacityManager;
declare const Single: typeof SingleShardManager;
declare const capacityInstance: CapacityManager;

interface OptionalTransportOptions {
  readonly url?: string;
}
/** Shaped like IrcWsTransport: a class implementing the connection, options defaulted to `{}`. */
declare class OptionalTransport implements TransportConnection {
  static readonly contractVersion: typeof TRANSPORT_CONTRACT_VERSION;
  constructor(context: TransportContext, options?: OptionalTransportOptions);
  readonly status: TransportConnection['status'];
  readonly desiredChannels: ReadonlySet<string>;
  readonly joinedChannels: ReadonlySet<string>;
  readonly exited: Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  addChannels: TransportConnection['addChannels'];
  removeChannels: TransportConnection['removeChannels'];
  send: TransportConnection['send'];
}
declare const Optional: typeof OptionalTransport;

describe('manager options are typed from the manager class', () => {
  test('ShardManagerOptionsOf reads the type argument of BaseShardManager', () => {
    expectTypeOf<ShardManagerOptionsOf<typeof CapacityManager>>().toEqualTypeOf<Readonly<CapacityManagerOptions>>();
    expectTypeOf<ShardManagerOptionsOf<typeof SingleShardManager>>().toEqualTypeOf<Readonly<Record<never, never>>>();
  });

  test('valid manager options compile, and the manager instance is typed', () => {
    const client = new Client({
      tokenHandler,
      transport: Transport,
      transportOptions: { twitch },
      shardManager: Capacity,
      channelsPerShard: 10,
      maxShardCount: 4,
    });
    expectTypeOf(client.shardManager).toEqualTypeOf<CapacityManager | undefined>();
  });

  test('a misspelt or mistyped manager option is a compile error', () => {
    new Client({
      tokenHandler,
      transport: Transport,
      transportOptions: { twitch },
      shardManager: Capacity,
      // @ts-expect-error misspelt: channelPerShard
      channelPerShard: 10,
    });
    new Client({
      tokenHandler,
      transport: Transport,
      transportOptions: { twitch },
      shardManager: Capacity,
      // @ts-expect-error wrong type
      channelsPerShard: '10',
    });
  });

  test("another manager's option is a compile error", () => {
    new Client({
      tokenHandler,
      transport: Transport,
      transportOptions: { twitch },
      shardManager: Single,
      // @ts-expect-error SingleShardManager has no options
      channelsPerShard: 10,
    });
    new Client({
      tokenHandler,
      transport: Transport,
      transportOptions: { twitch },
      // @ts-expect-error without shardManager, the default manager takes no options
      channelsPerShard: 10,
    });
  });

  test('passing an instance, or the abstract base, instead of a class is a compile error', () => {
    new Client({
      tokenHandler,
      transport: Transport,
      transportOptions: { twitch },
      // @ts-expect-error an instance is not a manager class
      shardManager: capacityInstance,
    });
    new Client({
      tokenHandler,
      transport: Transport,
      transportOptions: { twitch },
      // @ts-expect-error the abstract base cannot be instantiated
      shardManager: BaseShardManager,
    });
  });

  test('transport options are typed from the transport, and required when the transport requires them', () => {
    // @ts-expect-error transportOptions is required by FakeTransport
    new Client({ tokenHandler, transport: Transport, shardManager: Single });
    new Client({
      tokenHandler,
      transport: Transport,
      shardManager: Single,
      // @ts-expect-error unknown transport option
      transportOptions: { twitch, url: 'wss://example' },
    });
    new Client({ tokenHandler, transport: Optional, shardManager: Single });
    new Client({ tokenHandler, transport: Optional, shardManager: Single, transportOptions: { url: 'wss://x' } });
    new Client({
      tokenHandler,
      transport: Optional,
      shardManager: Single,
      // @ts-expect-error misspelt transport option
      transportOptions: { ulr: 'wss://x' },
    });
    expectTypeOf<TransportOptionsOf<typeof OptionalTransport>>().toEqualTypeOf<OptionalTransportOptions>();
  });

  test('ClientOptions is the intersection of the base, transport and manager options', () => {
    expectTypeOf<ClientOptions<typeof FakeTransport, typeof CapacityManager>>().toHaveProperty('channelsPerShard');
    expectTypeOf<ClientOptions<typeof FakeTransport, typeof CapacityManager>>().toHaveProperty('sendTimeoutMs');
  });
});
