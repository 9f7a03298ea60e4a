import type { IrcCredentials } from '../auth/IrcCredentials.js';
import type { Logger } from '../logging/Logger.js';
import type { TwitchMessage } from '../messages/index.js';
import type { AccountLimiter } from '../ratelimit/AccountLimiter.js';
import type { Clock } from '../time/Clock.js';

/**
 * The version of the transport contract below. A transport declares the version it implements, and the `Client`
 * refuses one built for another version with a clear error instead of failing in odd ways later.
 */
export const TRANSPORT_CONTRACT_VERSION = 'tio.transport.v1';

/**
 * Where a shard's connection is in its life.
 *
 * - `idle`: created, not started.
 * - `connecting`: opening the socket and logging in for the first time.
 * - `ready`: logged in; channels are being joined or are joined, sends go out.
 * - `reconnecting`: the connection was lost or the server asked for a reconnect; a new one is being made.
 * - `stopped`: stopped on request; terminal.
 * - `failed`: gave up (for example the token was rejected even after a refresh); terminal.
 */
export type ShardStatus = 'idle' | 'connecting' | 'ready' | 'reconnecting' | 'stopped' | 'failed';

/**
 * Why a connection was lost. Carried by the `shardDisconnect` event.
 */
export type DisconnectReason =
  /** The server sent `RECONNECT` (maintenance); the replacement was made before the old socket closed. */
  | { readonly kind: 'reconnectRequested' }
  /** The socket closed without our asking, with the WebSocket close code when there was one. */
  | { readonly kind: 'closed'; readonly code?: number; readonly reason?: string }
  /** No traffic and no answer to our `PING` within the keepalive timeout: the link was dead. */
  | { readonly kind: 'keepaliveTimeout' }
  /** The server rejected the credentials. */
  | { readonly kind: 'authenticationFailed' }
  /** `stop()` was called. */
  | { readonly kind: 'stopped' }
  /** Anything else, with the error that caused it. */
  | { readonly kind: 'error'; readonly error: Error };

/**
 * Why a channel could not be joined. Carried by the `joinFailure` event and by {@link JoinResult}.
 *
 * - `suspended`: Twitch answered `msg_channel_suspended`.
 * - `banned`: the bot account is banned there (`msg_banned`).
 * - `nonexistent`: Twitch answered `msg_room_not_found`. (Twitch is often silent for such channels instead, which
 *   shows as `timeout`.)
 * - `timeout`: no confirmation within the join timeout, counted from when the `JOIN` left the rate limiter.
 * - `concurrentRoomCap`: the account already sits in 100 rooms where it is not moderator (checked before spending a
 *   JOIN, or reported by Twitch as `msg_concurrent_channel_limit_reached`).
 * - `stopped`: the shard stopped, or the channel was parted, before the join settled.
 */
export type JoinFailureReason = 'suspended' | 'banned' | 'nonexistent' | 'timeout' | 'concurrentRoomCap' | 'stopped';

/**
 * How one requested join settled.
 */
export type JoinResult =
  | { readonly channel: string; readonly joined: true }
  | { readonly channel: string; readonly joined: false; readonly reason: JoinFailureReason };

/**
 * A chat message to send, as the `Client` hands it to a shard.
 */
export interface SendRequest {
  /** Normalised channel login (no `#`, lower case). */
  readonly channel: string;
  /** The text; already validated for length and forbidden characters by the `Client`. */
  readonly text: string;
  /** The `id` of the message this one replies to, if any. */
  readonly replyParentMessageId?: string;
  /**
   * Epoch milliseconds after which the message must not be sent any more; it then settles with a `timeout`
   * {@link SendFailureReason}. Queued messages are dropped past their deadline, never sent late.
   */
  readonly deadline: number;
  /** Aborting it withdraws the message if it has not been written to the socket yet. */
  readonly signal?: AbortSignal;
}

/**
 * A message the server accepted.
 */
export interface SentMessage {
  /** The channel it was sent to. */
  readonly channel: string;
  /** The text as sent. */
  readonly text: string;
  /**
   * The message id Twitch assigned (from the confirming `USERSTATE`), when the confirmation carried one. A message
   * that was written but never confirmed does not resolve: it rejects with `SendError` reason `unconfirmed`.
   */
  readonly messageId?: string;
  /** The shard that sent it. */
  readonly shardId: string;
  /** Epoch milliseconds when the line was written to the socket. */
  readonly sentAt: number;
}

/**
 * Why a send failed. Carried by `SendError`.
 *
 * Each `NOTICE` Twitch uses to refuse a message maps to one reason. `timeout` means the message was **not written**
 * before its deadline (nothing was sent); `unconfirmed` that it **was written** but Twitch did not confirm it (no
 * confirming `USERSTATE` within the confirmation wait, or the socket closed first): it may have been delivered, so do
 * not resend it blindly. `stopped` means the shard or client stopped before the message was written, `queueFull` that
 * the bounded queue was full, `anonymous` that the shard is logged in anonymously and cannot send, `aborted` that the
 * caller's `AbortSignal` withdrew the message before it was written.
 */
export type SendFailureReason =
  | 'duplicate'
  | 'rateLimited'
  | 'banned'
  | 'timedOut'
  | 'slowMode'
  | 'followersOnly'
  | 'subsOnly'
  | 'emoteOnly'
  | 'suspended'
  | 'rejected'
  | 'verificationRequired'
  | 'timeout'
  | 'unconfirmed'
  | 'stopped'
  | 'queueFull'
  | 'anonymous'
  | 'aborted'
  | 'other';

/**
 * What a transport reports to its shard. The shard turns these into the `Client`'s typed events. Implementations
 * call them synchronously and must not let an exception thrown by one escape into their own state machine.
 */
export interface TransportEventSink {
  /** The status changed. */
  status(status: ShardStatus): void;
  /** A socket opened (before login). */
  connect(): void;
  /** Login succeeded (`001`); the shard is ready. */
  ready(): void;
  /** A socket was lost or closed. */
  disconnect(reason: DisconnectReason): void;
  /** A reconnect attempt starts, after `delayMs` of backoff (0 for a server-requested reconnect). */
  reconnect(attempt: number, delayMs: number): void;
  /** A decoded server message (everything except the protocol plumbing the transport handles itself). */
  message(message: TwitchMessage): void;
  /** Every raw line received, before decoding. */
  raw(line: string): void;
  /** A channel join was confirmed by the server. */
  join(channel: string): void;
  /** A channel could not be joined. */
  joinFailure(channel: string, reason: JoinFailureReason): void;
  /** The bot left a channel (on request, or because it was banned). */
  part(channel: string): void;
  /** Something went wrong that did not stop the shard (bad input from the wire, a failed reconnect). */
  error(error: Error): void;
}

/**
 * Everything a transport gets from the shard that owns it.
 */
export interface TransportContext {
  /** The owning shard's id, for logs and events. */
  readonly shardId: string;
  /** The login this shard uses; `null` for an anonymous reader. */
  readonly login: string | null;
  /**
   * Returns the credentials to log in with. Called before every login, so a refreshed token is picked up. Call it as
   * late as possible (after the socket opened, right before `PASS`/`NICK`): while a sibling shard of the same login
   * is trying a token nobody has logged in with yet, it waits for that shard's verdict, so a bad token costs the
   * account one attempt instead of one per shard (`twitch-protocol.md` §4.4). It rejects with an
   * `AuthenticationError` when the token was already rejected for good; the shard is then `failed` and the transport
   * must not retry.
   */
  getCredentials(): Promise<IrcCredentials>;
  /**
   * Called once after the server rejected `rejected`; returns new credentials to try once more, or `null` when the
   * token handler cannot refresh. The transport must not call it again for the same failure: a second rejection
   * makes the shard `failed` with an `AuthenticationError`. Shards of one login that see the same token rejected share
   * one refresh and its result; a token that came from a refresh and is rejected too is not refreshed again (`null`).
   */
  refreshCredentials(rejected: IrcCredentials): Promise<IrcCredentials | null>;
  /** The limiter of this shard's account, shared by every shard of the same login. */
  readonly limiter: AccountLimiter;
  /** The clock for every timer. */
  readonly clock: Clock;
  /** Where diagnostics go. Never log a token. */
  readonly logger: Logger;
  /** Where the transport reports what happens. */
  readonly events: TransportEventSink;
}

/**
 * One shard's connection to Twitch chat: a state machine that logs in, keeps the desired channels joined across
 * reconnects, and sends messages. Implemented by transports such as `@tio/irc-ws`'s `IrcWsTransport`.
 */
export interface TransportConnection {
  /** The current status. */
  readonly status: ShardStatus;
  /** Channels the shard should be in (added and not removed). */
  readonly desiredChannels: ReadonlySet<string>;
  /** Channels the server confirmed on the current connection. */
  readonly joinedChannels: ReadonlySet<string>;
  /**
   * Connects and logs in.
   *
   * @returns Resolves when the shard is ready the first time.
   * @throws {@link AuthenticationError} when the credentials were rejected, after at most one refresh.
   */
  start(): Promise<void>;
  /**
   * Stops for good: closes the socket, cancels timers, settles every pending join (`stopped`) and send (`stopped`).
   * Idempotent; resolves even while connecting.
   */
  stop(): Promise<void>;
  /**
   * Adds channels to the desired set and joins them (now if ready, else after login), through the account's room
   * cap and JOIN limiter.
   *
   * @param channels - Normalised channel logins.
   * @returns One {@link JoinResult} per channel, once each settled.
   */
  addChannels(channels: readonly string[]): Promise<readonly JoinResult[]>;
  /**
   * Removes channels from the desired set and parts them; they are not re-joined after a reconnect.
   *
   * @param channels - Normalised channel logins.
   */
  removeChannels(channels: readonly string[]): Promise<void>;
  /**
   * Sends a chat message through the account's message limiter. Queued while the connection is not ready and sent
   * exactly once after it is; the queue is bounded.
   *
   * @param request - What to send.
   * @returns The sent message once the server accepted it.
   * @throws `SendError` with a {@link SendFailureReason}: the promise always settles.
   */
  send(request: SendRequest): Promise<SentMessage>;
  /** Resolves (never rejects) once the status is `stopped` or `failed`. */
  readonly exited: Promise<void>;
}

/**
 * A transport class, as passed to `new Client({ transport })`. The `Client` creates one connection per shard.
 *
 * @typeParam TOptions - The transport's own options, passed as `transportOptions` to the `Client`.
 */
export interface Transport<TOptions extends object = object> {
  /** The contract version this transport implements: {@link TRANSPORT_CONTRACT_VERSION}. */
  readonly contractVersion: typeof TRANSPORT_CONTRACT_VERSION;
  /**
   * Creates a connection for one shard. Must not open a socket before `start()`.
   */
  new (context: TransportContext, options: TOptions): TransportConnection;
}
