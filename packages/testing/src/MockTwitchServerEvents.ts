/**
 * The kind of limit an account exceeded.
 * - `login`: authentication attempts (§4.4); the connection was closed.
 * - `join`: JOIN attempts (§4.4); the connection was closed.
 * - `anonymousJoin`: the optional anonymous JOIN limit; the connection was closed.
 * - `privmsg`: a message bucket (`detail.bucket` is `'user'` for 20/30 s or `'moderator'` for 100/30 s); the
 *   message was silently dropped (§4.1).
 * - `channelMessage`: 1 message per second per channel (§4.1); the sender got NOTICE `msg_ratelimit`.
 * - `rooms`: the concurrent non-moderator room cap (§4.3); the JOIN got `msg_concurrent_channel_limit_reached`.
 */
export type ViolationKind = 'login' | 'join' | 'anonymousJoin' | 'privmsg' | 'channelMessage' | 'rooms';

/**
 * One recorded limit violation.
 */
export interface Violation {
  /** Which limit was exceeded. */
  readonly kind: ViolationKind;
  /** The login of the account (a `justinfan…` login for `anonymousJoin`). */
  readonly account: string;
  /** The clock time of the violating event, in milliseconds. */
  readonly at: number;
  /** The connection that sent the violating command. */
  readonly connectionId: string;
  /** What was exceeded: the limit, the channel, the bucket. */
  readonly detail: {
    readonly limit: number;
    readonly windowMs?: number;
    readonly channel?: string;
    readonly bucket?: 'user' | 'moderator';
  };
}

/**
 * A client line as the mock received it.
 */
export interface LineEvent {
  /** The connection it arrived on. */
  readonly connectionId: string;
  /** The line, without its terminator. */
  readonly line: string;
  /** The clock time it arrived. */
  readonly at: number;
}

/**
 * A connection opened or closed.
 */
export interface ConnectionEvent {
  /** The connection id (`conn-1`, `conn-2`, …). */
  readonly connectionId: string;
  /** The login once logged in, otherwise `undefined`. */
  readonly login: string | undefined;
}

/**
 * A connection closed.
 */
export interface DisconnectEvent extends ConnectionEvent {
  /**
   * Why: `client` (the client closed or QUIT), `server` (RECONNECT grace or a second NICK), `dropped` ({@link
   * MockTwitchServer.drop}), `authFailed`, `pingTimeout`, `limit` (login or JOIN limit), `stopped` (server stop).
   */
  readonly reason: 'client' | 'server' | 'dropped' | 'authFailed' | 'pingTimeout' | 'limit' | 'stopped';
}

/**
 * A login attempt finished.
 */
export interface LoginEvent {
  /** The connection it happened on. */
  readonly connectionId: string;
  /** The login from NICK. */
  readonly login: string;
  /** `true` for `justinfan…` logins. */
  readonly anonymous: boolean;
  /** Whether the login succeeded, and if not why. */
  readonly outcome: 'success' | 'authFailed' | 'badFormat' | 'rateLimited';
  /** The clock time. */
  readonly at: number;
}

/**
 * The answer the mock gave to one channel of a JOIN.
 */
export type JoinOutcome = 'joined' | 'ghost' | 'suspended' | 'banned' | 'nonexistent' | 'roomLimit' | 'rateLimited';

/**
 * One channel of a client JOIN, after the mock answered it.
 */
export interface JoinEvent {
  /** The connection it came from. */
  readonly connectionId: string;
  /** The connection's login. */
  readonly login: string;
  /** The channel name as sent, without `#`. */
  readonly channel: string;
  /** What the mock answered. */
  readonly outcome: JoinOutcome;
  /** The clock time. */
  readonly at: number;
}

/**
 * A client left a channel.
 */
export interface PartEvent {
  /** The connection it came from. */
  readonly connectionId: string;
  /** The connection's login. */
  readonly login: string;
  /** The channel name, without `#`. */
  readonly channel: string;
  /** The clock time. */
  readonly at: number;
}

/**
 * What happened to a client PRIVMSG.
 * - `delivered`: relayed to the other connections in the channel, USERSTATE sent back.
 * - `dropped`: silently ignored (anonymous sender, bucket exceeded, penalty, nonexistent channel).
 * - `rejected`: answered with a NOTICE (`reason` holds its msg-id).
 */
export type PrivmsgOutcome = 'delivered' | 'dropped' | 'rejected';

/**
 * A client PRIVMSG, after the mock handled it.
 */
export interface PrivmsgEvent {
  /** The connection it came from. */
  readonly connectionId: string;
  /** The sender's login. */
  readonly login: string;
  /** The channel, without `#`. */
  readonly channel: string;
  /** The text as delivered (after `/me` conversion and trimming), or as sent when not delivered. */
  readonly text: string;
  /** The message id given to a delivered message. */
  readonly id: string | undefined;
  /** The tags the client sent (`client-nonce`, `reply-parent-msg-id`, …). */
  readonly clientTags: Readonly<Record<string, string>>;
  /** What happened. */
  readonly outcome: PrivmsgOutcome;
  /** The NOTICE msg-id of a rejection, or why the message was dropped. */
  readonly reason: string | undefined;
  /** The clock time. */
  readonly at: number;
}

/**
 * The events of {@link MockTwitchServer}, each with one payload argument.
 */
export interface MockTwitchServerEvents {
  /** A WebSocket connection was accepted. */
  connection: [event: ConnectionEvent];
  /** A connection closed, for any reason. */
  disconnect: [event: DisconnectEvent];
  /** A login attempt finished (successfully or not). */
  login: [event: LoginEvent];
  /** One channel of a JOIN was answered. */
  join: [event: JoinEvent];
  /** A client left a channel. */
  part: [event: PartEvent];
  /** A client PRIVMSG was handled. */
  privmsg: [event: PrivmsgEvent];
  /** An account exceeded a limit. */
  violation: [violation: Violation];
  /** A client line arrived (every line, before it is handled). */
  line: [event: LineEvent];
}
