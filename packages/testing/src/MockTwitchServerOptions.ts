import type { Clock } from './Clock.js';

/**
 * A Twitch account class with its own rate limits (twitch-protocol.md §4.1, §4.4, §4.5).
 * `'known'` is historical: Twitch removed the known-bot tier in 2021 (§4.5); it is kept so old presets can be
 * tested.
 */
export type BotLevel = 'regular' | 'known' | 'verified';

/**
 * A limit of `count` events in any sliding window of `windowMs` milliseconds.
 */
export interface WindowLimit {
  /** Events allowed in one window. */
  readonly count: number;
  /** Window length in milliseconds. */
  readonly windowMs: number;
}

/**
 * The per-account limits of one {@link BotLevel}. All of them are counted per account, across every connection of
 * the login (twitch-protocol.md §0.3, §4.1).
 */
export interface AccountLimits {
  /** Authentication attempts (a PASS/NICK pair) per account; over it the connection is closed (§4.4). */
  readonly login: WindowLimit;
  /** JOIN attempts per account, each channel of a comma JOIN counted; over it the connection is closed (§4.4). */
  readonly join: WindowLimit;
  /**
   * The 20/30 s bucket: every message adds to it, but only a non-privileged message that finds it full (privileged
   * messages included) is silently dropped; privileged ones are limited by `privmsgModerator` alone (§4.1).
   */
  readonly privmsg: WindowLimit;
  /** The 100/30 s bucket every message draws from; over it messages are silently dropped (§4.1). */
  readonly privmsgModerator: WindowLimit;
  /** Messages per channel for non-privileged senders; over it the sender gets NOTICE `msg_ratelimit` (§4.1, §4.2). */
  readonly channelMessage: WindowLimit;
  /** Concurrent non-moderator rooms per account; over it JOIN gets `msg_concurrent_channel_limit_reached` (§4.3). */
  readonly rooms: number;
}

/**
 * Limit overrides: any field of {@link AccountLimits} for every level, per-level overrides, and the optional limit
 * for anonymous connections.
 */
export interface LimitsOptions extends Partial<AccountLimits> {
  /** Overrides for one bot level only; they win over the top-level fields. */
  readonly levels?: Partial<Record<BotLevel, Partial<AccountLimits>>>;
  /**
   * JOINs shared by every anonymous (`justinfan`) connection, which all come from one address in the mock. Over it
   * the connection is closed.
   *
   * @defaultValue `undefined`: anonymous JOINs are unlimited, as measured (twitch-protocol.md §1.4, §4.4)
   */
  readonly anonymousJoin?: WindowLimit;
  /**
   * How long the account's non-privileged messages are silently ignored after it exceeds a message bucket, in
   * milliseconds; 0 turns the penalty off.
   *
   * @defaultValue 3_600_000 (one hour, twitch-protocol.md §4.1)
   */
  readonly privmsgPenaltyMs?: number;
}

/**
 * An account the mock accepts logins for.
 */
export interface MockAccountOptions {
  /** The lowercase login, sent as `NICK`. */
  readonly login: string;
  /** The OAuth token, with or without the `oauth:` prefix. */
  readonly token: string;
  /**
   * The numeric user id.
   *
   * @defaultValue a stable number derived from the login
   */
  readonly userId?: string;
  /**
   * The account's rate-limit class.
   *
   * @defaultValue `'regular'`
   */
  readonly botLevel?: BotLevel;
  /**
   * The display name in tags.
   *
   * @defaultValue the login
   */
  readonly displayName?: string;
  /**
   * The chat color in tags (`#RRGGBB`, or empty).
   *
   * @defaultValue `''`
   */
  readonly color?: string;
  /**
   * Channels (logins) where the account is moderator.
   *
   * @defaultValue `[]`
   */
  readonly moderatorIn?: readonly string[];
  /**
   * Channels (logins) where the account is VIP.
   *
   * @defaultValue `[]`
   */
  readonly vipIn?: readonly string[];
}

/**
 * The settable state of one channel, for {@link MockTwitchServer.setChannelState}.
 */
export interface ChannelState {
  /** The channel is suspended: JOIN and PRIVMSG get NOTICE `msg_channel_suspended` (§3.10). */
  readonly suspended?: boolean;
  /** Every logged-in account is banned: JOIN and PRIVMSG get NOTICE `msg_banned`; joined accounts are removed. */
  readonly banned?: boolean;
  /** The channel does not exist: JOIN and PRIVMSG get no answer at all (§3.10). */
  readonly nonexistent?: boolean;
  /** Slow mode in seconds, 0 for off (ROOMSTATE `slow`). */
  readonly slowMode?: number;
  /** Followers-only minimum follow time in minutes, -1 for off (ROOMSTATE `followers-only`). */
  readonly followersOnly?: number;
  /** Emote-only mode (ROOMSTATE `emote-only`). */
  readonly emoteOnly?: boolean;
  /** Subscribers-only mode (ROOMSTATE `subs-only`). */
  readonly subsOnly?: boolean;
  /** Unique-chat mode (ROOMSTATE `r9k`); shown in ROOMSTATE only, not enforced. */
  readonly r9k?: boolean;
  /** The numeric room id; defaults to a stable number derived from the channel name. */
  readonly roomId?: string;
}

/**
 * How the mock cuts its outgoing lines into WebSocket frames.
 * - `'batch'`: every reply (login block, JOIN reply, …) is one frame of CRLF-terminated lines, as Twitch does (§1.2).
 * - `'line'`: one line per frame.
 * - `'split'`: each batch is cut at pseudo-random points into several frames, so one line can span two frames; this
 *   exercises a client's carry-over buffer. Clients that assume whole lines per frame (tmi.js) break in this mode.
 */
export type FramingMode = 'batch' | 'line' | 'split';

/**
 * What the mock does with a PRIVMSG longer than `maxMessageLength` code points.
 * - `'trim'`: deliver the first `maxMessageLength` code points, as the server is observed to do (§4.2, LIB-TMIRL).
 * - `'notice'`: reject it with NOTICE `msg_rejected` and deliver nothing (what a strict client expects; the id is
 *   the mock's choice, Twitch documents none for length).
 */
export type OverlongMessageMode = 'trim' | 'notice';

/**
 * Whether a PRIVMSG to a channel the account has not joined takes one of its rooms under the 100-room cap. Twitch
 * delivers such a message (twitch-protocol.md §3.2: "PRIVMSG to a channel not JOINed on that connection works"), but
 * does not say whether it counts toward the cap (§4.3: "Whether a PRIVMSG sent without JOIN counts is not stated").
 * - `'free'`: it is delivered and takes no room (the mock's default).
 * - `'takesRoom'`: it takes a room, held by the sending connection until that connection PARTs the channel or closes,
 *   exactly like a joined room; when the account already sits in `rooms` non-moderator rooms, the message is refused
 *   with NOTICE `msg_concurrent_channel_limit_reached` (the JOIN's notice; Twitch documents none for this case) and a
 *   `rooms` violation is recorded. Broadcaster and moderator rooms never count, as for JOIN.
 */
export type PrivmsgWithoutJoinMode = 'free' | 'takesRoom';

/**
 * Options of {@link MockTwitchServer}. Every field is optional; {@link DefaultMockTwitchServerOptions} holds the
 * defaults.
 */
export interface MockTwitchServerOptions {
  /**
   * The TCP port on 127.0.0.1.
   *
   * @defaultValue 0 (any free port; read it from `server.url` or `server.port`)
   */
  readonly port?: number;
  /**
   * Accounts accepted at login; more can be added with {@link MockTwitchServer.addAccount}.
   *
   * @defaultValue `[]`
   */
  readonly accounts?: readonly MockAccountOptions[];
  /**
   * Channel states set at start, keyed by channel login (without `#`). Channels not listed exist with default state
   * when `autoCreateChannels` is on.
   *
   * @defaultValue `{}`
   */
  readonly channels?: Readonly<Record<string, ChannelState>>;
  /**
   * Whether every well-formed lowercase channel name exists. When off, only channels in `channels` or given to
   * `setChannelState` exist, and JOINs to others get silence, as Twitch does for nonexistent channels.
   *
   * @defaultValue `true`
   */
  readonly autoCreateChannels?: boolean;
  /**
   * Limit overrides; see {@link LimitsOptions} and {@link DefaultAccountLimits}.
   *
   * @defaultValue `{}`
   */
  readonly limits?: LimitsOptions;
  /**
   * Multiplies every default rate-limit window (not counts) and the duplicate window, so tests can run scaled down:
   * `timeScale: 0.01` turns 30 s into 300 ms. Explicit `limits` windows are not scaled.
   *
   * @defaultValue 1
   */
  readonly timeScale?: number;
  /**
   * Interval of the server's `PING :tmi.twitch.tv`, in milliseconds; 0 disables server PINGs.
   *
   * @defaultValue 300_000 (about five minutes, twitch-protocol.md §2)
   */
  readonly pingIntervalMs?: number;
  /**
   * How long a connection may take to answer a server PING before it is closed, in milliseconds.
   *
   * @defaultValue 10_000 (Twitch's deadline is undocumented, §2; this is the mock's choice)
   */
  readonly pongTimeoutMs?: number;
  /**
   * Delay between `RECONNECT` and the server closing the connection, in milliseconds.
   *
   * @defaultValue 30_000 (the "30s possibly" of the 2015 design note, §2)
   */
  readonly reconnectGraceMs?: number;
  /**
   * Window of the duplicate-message filter, in milliseconds.
   *
   * @defaultValue 30_000 (NOTICE `msg_duplicate` text, §4.2)
   */
  readonly duplicateWindowMs?: number;
  /**
   * Maximum message length in code points.
   *
   * @defaultValue 500 (§4.2)
   */
  readonly maxMessageLength?: number;
  /**
   * What to do with longer messages.
   *
   * @defaultValue `'trim'` (the observed server behaviour, §4.2)
   */
  readonly overlongMessages?: OverlongMessageMode;
  /**
   * Whether a PRIVMSG to a channel the account has not joined takes a room under the room cap; the reference leaves
   * it open, so tests can check a client against both readings. See {@link PrivmsgWithoutJoinMode}.
   *
   * @defaultValue `'free'` (delivered without taking a room)
   */
  readonly privmsgWithoutJoin?: PrivmsgWithoutJoinMode;
  /**
   * How outgoing lines are cut into frames.
   *
   * @defaultValue `'batch'`
   */
  readonly framing?: FramingMode;
  /**
   * Seed of the PRNG that picks split points in `'split'` framing.
   *
   * @defaultValue 1
   */
  readonly framingSeed?: number;
  /**
   * How many raw client lines each connection keeps for inspection (oldest dropped first).
   *
   * @defaultValue 1000
   */
  readonly maxRecordedLines?: number;
  /**
   * How many login and JOIN timestamps each account keeps for {@link MockTwitchServer.stats} (`logins`, `joins`; the
   * newest are kept). Only inspection uses them: the rate limits are enforced by separate sliding windows that hold
   * just one window's worth, so a long-running mock stays bounded in memory while every limit is still exact.
   *
   * @defaultValue 10000
   */
  readonly maxRecordedTimestamps?: number;
  /**
   * The time source.
   *
   * @defaultValue {@link systemClock}, which reads the globals at call time
   */
  readonly clock?: Clock;
}

/**
 * Default limits per bot level (twitch-protocol.md §4.1, §4.3, §4.4; twitch4j and dank-twitch-irc presets for the
 * historical `'known'` level).
 */
export const DefaultAccountLimits = {
  regular: {
    login: { count: 20, windowMs: 10_000 },
    join: { count: 20, windowMs: 10_000 },
    privmsg: { count: 20, windowMs: 30_000 },
    privmsgModerator: { count: 100, windowMs: 30_000 },
    channelMessage: { count: 1, windowMs: 1_000 },
    rooms: 100,
  },
  known: {
    login: { count: 20, windowMs: 10_000 },
    join: { count: 20, windowMs: 10_000 },
    privmsg: { count: 50, windowMs: 30_000 },
    privmsgModerator: { count: 100, windowMs: 30_000 },
    channelMessage: { count: 1, windowMs: 1_000 },
    rooms: 100,
  },
  verified: {
    login: { count: 200, windowMs: 10_000 },
    join: { count: 2_000, windowMs: 10_000 },
    privmsg: { count: 7_500, windowMs: 30_000 },
    privmsgModerator: { count: 7_500, windowMs: 30_000 },
    channelMessage: { count: 1, windowMs: 1_000 },
    // Verified bots lost the concurrent-join exemption on 2024-06-26 (§4.3, §4.5).
    rooms: 100,
  },
} as const satisfies Record<BotLevel, AccountLimits>;

/**
 * Every option default of {@link MockTwitchServer} in one place.
 */
export const DefaultMockTwitchServerOptions = {
  port: 0,
  autoCreateChannels: true,
  timeScale: 1,
  pingIntervalMs: 300_000,
  pongTimeoutMs: 10_000,
  reconnectGraceMs: 30_000,
  duplicateWindowMs: 30_000,
  privmsgPenaltyMs: 3_600_000,
  maxMessageLength: 500,
  overlongMessages: 'trim',
  privmsgWithoutJoin: 'free',
  framing: 'batch',
  framingSeed: 1,
  maxRecordedLines: 1_000,
  maxRecordedTimestamps: 10_000,
} as const satisfies Partial<MockTwitchServerOptions> & { privmsgPenaltyMs: number };
