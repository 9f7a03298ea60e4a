import type { AuthenticationCoordinator } from '../auth/AuthenticationCoordinator.js';
import type { BaseTokenHandler } from '../auth/BaseTokenHandler.js';
import type { IrcCredentials } from '../auth/IrcCredentials.js';
import type { ClientEventName, ClientEvents, ErrorDetails } from '../client/ClientEvents.js';
import type { ReplyOptions } from '../client/ChatMessageEvent.js';
import type { Logger } from '../logging/Logger.js';
import type { PrivmsgMessage } from '../messages/index.js';
import type { AccountLimiterRegistry } from '../ratelimit/AccountLimiterRegistry.js';
import type { Clock } from '../time/Clock.js';
import type { JoinResult, SentMessage, Transport } from '../transport/Transport.js';

/**
 * What a `Client` lends to its shard manager and shards: the collaborators every shard needs. Built by the client;
 * managers never construct it.
 *
 * @internal
 */
export interface ShardRuntime {
  /** The transport class each shard instantiates. */
  readonly transport: Transport<object>;
  /** The transport's options. */
  readonly transportOptions: object;
  /** Where credentials come from. */
  readonly tokenHandler: BaseTokenHandler;
  /** One limiter per account. */
  readonly limiters: AccountLimiterRegistry;
  /** The authentication state of each login, shared by its shards (one refresh, one unverified attempt at a time). */
  readonly authentication: AuthenticationCoordinator;
  /** The clock. */
  readonly clock: Clock;
  /** The logger. */
  readonly logger: Logger;
  /** Emits a client event. */
  emit<K extends ClientEventName>(event: K, ...args: ClientEvents[K]): void;
  /** Reports an error as an `error` event. */
  reportError(error: Error, details: ErrorDetails): void;
  /** Whether `login` is one of the client's own accounts (for `message.self`). */
  isOwnLogin(login: string): boolean;
  /** Records a login the client logs in as. */
  addOwnLogin(login: string): void;
  /** Sends a reply through the client (so it goes through `getSenderShard`). */
  reply(message: PrivmsgMessage, receivedBy: string, text: string, options?: ReplyOptions): Promise<SentMessage>;
  /** Creates credentials for an anonymous reader. */
  anonymousCredentials(): IrcCredentials;
  /** Whether the client is stopping or stopped: no shard may be added or started any more. */
  isStopping(): boolean;
}

/**
 * How a shard tells its manager base about channel changes, so the base's channel → shard map stays right.
 *
 * @internal
 */
export interface ShardHooks {
  /** Channels are being added to `shardId`; returns the ones that are not held by another shard. */
  channelsAdded(shardId: string, channels: readonly string[]): readonly string[];
  /** Channels left `shardId` (parted, or a join failed for good). */
  channelsRemoved(shardId: string, channels: readonly string[]): void;
  /**
   * `shardId` started joining `channel`; `result` settles with the join's outcome. Lets the base hand that outcome
   * to `client.join()` even when the join settled (and the channel left the shard) before `assignShard()` returned.
   */
  joinStarted(shardId: string, channel: string, result: Promise<JoinResult>): void;
}
