import type { BaseTokenHandler } from '../auth/BaseTokenHandler.js';
import type { Logger } from '../logging/Logger.js';
import { silentLogger } from '../logging/Logger.js';
import type { BotLevel, RateLimitOverrides } from '../ratelimit/RateLimits.js';
import type { BaseShardManager, ShardManagerClass, ShardManagerOptionsOf } from '../sharding/BaseShardManager.js';
import { systemClock, type Clock } from '../time/Clock.js';
import type { Transport, TransportConnection, TransportContext } from '../transport/Transport.js';

/**
 * Initial channels: a list, or a function (sync or async) that returns one when the client starts.
 */
export type InitialChannels = Iterable<string> | (() => Iterable<string> | Promise<Iterable<string>>);

/**
 * The options type of a transport class (the second parameter of its constructor, without `undefined` when the
 * parameter is optional).
 *
 * @typeParam T - A transport class.
 */
export type TransportOptionsOf<T extends Transport<never>> = T extends new (
  context: TransportContext,
  options: infer O,
) => TransportConnection
  ? Exclude<O, undefined>
  : never;

/**
 * The manager class used when `shardManager` is not given: `DefaultShardManager` from `@tio/shard-default`, which
 * takes no options.
 */
export type DefaultShardManagerClass = ShardManagerClass<BaseShardManager<Record<never, never>>>;

/**
 * The options every `Client` accepts, whatever its manager.
 *
 * @typeParam T - The transport class.
 */
export interface BaseClientOptions<T extends Transport<never>> {
  /** Where shard credentials come from: `SimpleTokenHandler`, `AnonymousTokenHandler` or your own. */
  readonly tokenHandler: BaseTokenHandler;
  /** The transport class every shard instantiates, such as `IrcWsTransport` from `@tio/irc-ws`. */
  readonly transport: T;
  /**
   * Channels to join at start: a list, or a (possibly async) function called once by `start()`. Names are
   * normalised once (one leading `#` removed, lower-cased, de-duplicated); invalid names throw
   * `InvalidChannelError` listing all of them.
   *
   * @defaultValue `[]`
   */
  readonly initialChannels?: InitialChannels;
  /**
   * The per-message deadline of `send`: a message that could not be sent within this many milliseconds (rate
   * limits, reconnects) is dropped and its promise rejects with `SendError` (`timeout`). Too low drops messages
   * during a reconnect; too high lets a backlog of stale messages go out late.
   *
   * @defaultValue `30_000`
   */
  readonly sendTimeoutMs?: number;
  /**
   * The bot's rate-limit level. Set `verified` only if Twitch verified the bot account: the larger limits would
   * otherwise get its messages silently dropped for an hour (`twitch-protocol.md` §4.1).
   *
   * @defaultValue `'regular'`
   */
  readonly botLevel?: BotLevel;
  /**
   * Overrides merged over the bot level's limits, for example a larger safety margin, or scaled-down windows in
   * tests. Raising a limit above Twitch's gets messages dropped or the connection closed.
   *
   * @defaultValue `{}`
   */
  readonly rateLimits?: RateLimitOverrides;
  /**
   * Overrides for the limiter that every anonymous (`justinfan…`) reader shares, merged over `AnonymousRateLimits`
   * after `rateLimits`. Twitch documents no limit for anonymous connections, and one third-party field measurement saw
   * 45 JOINs in 10 s and 120 rooms on one anonymous connection without rejection (`twitch-protocol.md` §1.4, §4.4), so
   * the default keeps a regular account's pace (20 JOINs and 20 logins per 10 s). Raising it reads many channels faster
   * at start, at the risk of Twitch closing anonymous connections should it ever enforce a limit. The room cap never
   * applies to anonymous readers.
   *
   * @defaultValue `{}`
   */
  readonly anonymousRateLimits?: RateLimitOverrides;
  /**
   * Channels where the default bot account is moderator or broadcaster, declared up front — typically from the Helix
   * "Get Moderated Channels" endpoint. Twitch lets an account sit in at most 100 rooms where it is neither
   * (`twitch-protocol.md` §4.3), and tio refuses a join past that cap before spending a JOIN; without this list tio
   * learns the account's role in a room only from the `USERSTATE` that follows a JOIN, so once 100 ordinary rooms are
   * joined, a moderated room past them would be refused too. The `USERSTATE` of each room still has the last word.
   * For other logins of a multi-account client, use
   * `client.limiters.get(login).setChannelRole(channel, 'moderator', { declared: true })`.
   *
   * @defaultValue `[]`
   */
  readonly moderatedChannels?: Iterable<string>;
  /** The clock for every timer of the client, its shards and limiters. @defaultValue {@link systemClock} */
  readonly clock?: Clock;
  /** Where diagnostics go; tokens are never logged. @defaultValue {@link silentLogger} */
  readonly logger?: Logger;
  /**
   * The module loaded when no `shardManager` is given; it must export `DefaultShardManager`. Change it only to
   * load a drop-in replacement (or in tests).
   *
   * @defaultValue `'@tio/shard-default'`
   */
  readonly defaultShardManagerSpecifier?: string;
}

/**
 * The `transportOptions` part of the options: optional when the transport's options are all optional.
 *
 * @typeParam T - The transport class.
 */
export type TransportOptionsField<T extends Transport<never>> =
  Record<never, never> extends TransportOptionsOf<T>
    ? {
        /** The transport's own options, such as the server URL. @defaultValue `{}` */
        readonly transportOptions?: TransportOptionsOf<T>;
      }
    : {
        /** The transport's own options, such as the server URL. */
        readonly transportOptions: TransportOptionsOf<T>;
      };

/**
 * Everything `new Client(...)` accepts: the base options, the transport's options, the manager class, and the
 * manager's own options (typed from the manager class, so a misspelt option is a compile error).
 *
 * @typeParam T - The transport class.
 * @typeParam M - The shard manager class.
 *
 * @example
 * ```ts
 * const options: ClientOptions<typeof IrcWsTransport, typeof DistributedShardManager> = {
 *   tokenHandler, transport: IrcWsTransport, shardManager: DistributedShardManager, channelsPerShard: 10,
 * };
 * ```
 */
export type ClientOptions<
  T extends Transport<never>,
  M extends ShardManagerClass<BaseShardManager<object>> = DefaultShardManagerClass,
> = BaseClientOptions<T> &
  TransportOptionsField<T> & {
    /**
     * The shard manager **class** (not an instance); the client creates it when it starts. Without it, the
     * `DefaultShardManager` of the optional peer dependency `@tio/shard-default` is loaded (one shard for
     * everything); install that package or pass a manager.
     *
     * @defaultValue `DefaultShardManager` from `@tio/shard-default`
     */
    readonly shardManager?: M;
  } & ShardManagerOptionsOf<M>;

/**
 * The default of every optional `Client` option.
 */
export const DefaultClientOptions = {
  initialChannels: [],
  sendTimeoutMs: 30_000,
  botLevel: 'regular',
  rateLimits: {},
  anonymousRateLimits: {},
  moderatedChannels: [],
  clock: systemClock,
  logger: silentLogger,
  defaultShardManagerSpecifier: '@tio/shard-default',
} as const satisfies Required<Omit<BaseClientOptions<Transport<never>>, 'tokenHandler' | 'transport'>>;

/**
 * Every option name the `Client` itself accepts (manager options come on top).
 *
 * @internal
 */
export const CLIENT_OPTION_KEYS: readonly string[] = [
  'tokenHandler',
  'transport',
  'transportOptions',
  'shardManager',
  ...Object.keys(DefaultClientOptions),
];

/**
 * How long after a message's deadline the client gives up on a transport that did not settle the send itself
 * (`SendError` reason `timeout`). Only a guard against a broken third-party transport: the transport owns the deadline
 * and the confirmation, and a message written just before its deadline still waits for Twitch's confirmation (up to
 * `IrcWsTransport`'s `sendConfirmationTimeoutMs`) after it. Firing earlier would report `timeout` for a message that
 * was delivered, and a user who retries would post it twice; so it is far longer than any confirmation wait.
 *
 * @internal
 */
export const SEND_SETTLE_GRACE_MS = 60_000;
