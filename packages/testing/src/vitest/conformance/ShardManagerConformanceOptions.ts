import type { BaseShardManager, ShardManagerClass, Transport } from '@tio/core';
import type { MockTwitchServer } from '../../MockTwitchServer.js';

/**
 * Options of {@link describeShardManagerConformance}.
 *
 * @typeParam M - The shard-manager class under test.
 */
export interface ShardManagerConformanceOptions<M extends ShardManagerClass<BaseShardManager<object>> = ShardManagerClass> {
  /** The name shown in the test report, usually the class name. */
  readonly name: string;
  /** The shard-manager **class** under test (not an instance), as passed to `new Client({ shardManager })`. */
  readonly manager: M;
  /**
   * The transport class the shards use, such as `IrcWsTransport` from `@tio/irc-ws`. It is a parameter so
   * `@tio/testing` does not depend on any transport package.
   */
  readonly transport: Transport<never>;
  /**
   * Builds the transport's options for a running mock server: at least where to connect. Pass fast reconnect and
   * keepalive settings here to keep the suite quick.
   *
   * @defaultValue `(server) => ({ url: server.url })`
   */
  readonly transportOptions?: (server: MockTwitchServer) => object;
  /**
   * The manager's own options, passed to the `Client` next to `shardManager` in every test.
   *
   * @defaultValue `{}`
   */
  readonly managerOptions?: Readonly<Record<string, unknown>>;
  /**
   * The capacity the manager promises with `managerOptions`. When given, the suite checks that no shard ever holds
   * more than `channelsPerShard` channels and uses enough channels to need several shards; managers without a
   * capacity (one shard, fixed shard counts) leave it out.
   *
   * @defaultValue none: only "one channel, one shard" is checked
   */
  readonly capacity?: {
    /** The most channels the manager puts on one shard with `managerOptions`. */
    readonly channelsPerShard: number;
  };
  /**
   * Which connections hold the channels: `'login'`, the bot's own login (most managers), or `'anonymous'`, anonymous
   * `justinfan…` readers while the bot's login only sends (read-only managers such as `@tio/shard-readonly`). With
   * `'anonymous'` the suite looks for the channels on every connection instead of the bot's, drops every connection
   * (not only the bot's) in the reconnect checks, and gives the mock an anonymous JOIN budget (`anonymousJoin`) as
   * tight as the bot's in the shared-budget check, so the readers must share one limiter too.
   *
   * @defaultValue `'login'`
   */
  readonly readers?: 'login' | 'anonymous';
  /**
   * Whether the manager keeps every channel on **one** shard (connection), like `@tio/shard-default`. The shared-budget
   * check then cannot show that several shards share one budget; with `singleShard: true` its name says so, and it
   * checks that one connection did all the JOINs. Without it, the check requires that more than one connection took
   * part whenever `capacity` is given; a manager without `capacity` that still used one connection gets a warning
   * printed that sharing across shards was not exercised.
   *
   * @defaultValue `false`
   */
  readonly singleShard?: boolean;
  /**
   * The time limit of each test, in milliseconds.
   *
   * @defaultValue `30_000`
   */
  readonly timeoutMs?: number;
}
