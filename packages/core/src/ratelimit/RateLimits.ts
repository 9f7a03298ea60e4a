/**
 * A sliding-window limit: at most `limit` actions in any `windowMs` milliseconds.
 */
export interface RateLimitWindow {
  /** How many actions fit in one window. */
  readonly limit: number;
  /** The window length in milliseconds. */
  readonly windowMs: number;
}

/**
 * Every limit of one Twitch account, as used by {@link AccountRateLimiter}.
 */
export interface RateLimits {
  /** Authentication attempts (one `PASS`/`NICK` pair per connection). */
  readonly login: RateLimitWindow;
  /** JOIN attempts, one per channel. */
  readonly join: RateLimitWindow;
  /**
   * The account-wide 20-per-30-s bucket: chat messages to channels where the account is not broadcaster, moderator or
   * VIP need a free slot here. Privileged messages are recorded here too but never wait for it (`twitch-protocol.md`
   * §4.1: they "still add to the 20 messages per 30 seconds rate limit").
   */
  readonly messageUser: RateLimitWindow;
  /**
   * Chat messages to channels where the account is privileged. Non-privileged messages count here too ("a
   * non-privileged PRIVMSG draws from both buckets").
   */
  readonly messageModerator: RateLimitWindow;
  /** Messages per channel where the account is not privileged. */
  readonly messagePerChannel: RateLimitWindow;
  /** How many non-privileged rooms the account may sit in at once, across all connections. */
  readonly concurrentRooms: number;
  /**
   * Extra length added to every window, as a fraction of it (0.02 = 2 %), to absorb network jitter between our clock
   * and Twitch's. Larger is safer and slower.
   *
   * @defaultValue `0.02`: small, so the account-wide login, JOIN and message throughput stays within 5 % of Twitch's
   *   limits; these windows hold many actions, so a few ms of jitter cannot push two of them into one window.
   */
  readonly safetyMargin: number;
  /**
   * The extra length of the per-channel window ({@link RateLimits.messagePerChannel}), as a fraction of it. The
   * per-channel window uses the larger of this and {@link RateLimits.safetyMargin}.
   *
   * Twitch allows one message per second per non-privileged channel (`twitch-protocol.md` §4.1) and measures the
   * gap between *arrivals*: 2 % of one second is 20 ms, less than the jitter a loaded event loop or network adds
   * between two writes, so two messages can land under a second apart and the second is refused with
   * `msg_ratelimit`. Spacing messages in one channel by a further 100 ms costs little (one channel rarely needs a
   * message a second) and does not slow the account-wide windows. Set it lower only on a quiet, low-latency link;
   * set it higher if `rateLimited` sends still show up.
   *
   * @defaultValue `0.1` (1 s → 1.1 s); when a `RateLimits` object leaves it out, the limiter uses `0.1` as well.
   */
  readonly channelSafetyMargin?: number;
}

/**
 * The bot's standing with Twitch. `verified` bots get larger buckets; verification is effectively unavailable
 * (reviews paused), so `regular` is the default (`twitch-protocol.md` §4.5).
 */
export type BotLevel = 'regular' | 'verified';

/**
 * Overrides merged over a bot level's {@link RateLimits}; each window may be overridden in part.
 *
 * @example
 * ```ts
 * new Client({ ..., rateLimits: { messageUser: { limit: 10 }, safetyMargin: 0.1, channelSafetyMargin: 0.2 } });
 * ```
 */
export type RateLimitOverrides = {
  readonly [K in keyof RateLimits]?: RateLimits[K] extends RateLimitWindow ? Partial<RateLimitWindow> : RateLimits[K];
};

/** Default safety margin: 2 % of each window (30 s → 30.6 s). Small, so throughput stays within 5 % of the limit. */
const DEFAULT_SAFETY_MARGIN = 0.02;

/**
 * Default margin of the per-channel window: 10 % (1 s → 1.1 s). §4.1's 1 message per second per channel is one action
 * per window, so jitter between two writes eats straight into the gap Twitch measures; 2 % (20 ms) is not enough.
 *
 * @internal
 */
export const DEFAULT_CHANNEL_SAFETY_MARGIN = 0.1;

/**
 * The limits Twitch documents for each {@link BotLevel}.
 *
 * Sources, all `twitch-protocol.md`:
 * - messages: §4.1 (20/30 s non-privileged, 100/30 s privileged, 1/s per channel non-privileged; verified 7500/30 s
 *   regardless of role);
 * - JOIN and authentication: §4.4 (20/10 s each; verified 2000 JOINs and 200 auths per 10 s);
 * - concurrent rooms: §4.3 (100 non-moderator rooms per account; verified bots lost their exemption on 2024-06-26).
 */
export const RateLimitPresets = {
  regular: {
    // §4.4: "Regular: 20 / 10 s per user" authentication attempts.
    login: { limit: 20, windowMs: 10_000 },
    // §4.4: "Regular: 20 / 10 s per user" JOIN attempts.
    join: { limit: 20, windowMs: 10_000 },
    // §4.1: 20 messages / 30 s when not broadcaster, moderator or VIP.
    messageUser: { limit: 20, windowMs: 30_000 },
    // §4.1: 100 messages / 30 s when broadcaster, moderator or VIP.
    messageModerator: { limit: 100, windowMs: 30_000 },
    // §4.1: 1 message / second / channel when not broadcaster, moderator or VIP.
    messagePerChannel: { limit: 1, windowMs: 1_000 },
    // §4.3: 100 chat rooms per account, not counting broadcaster/moderator rooms.
    concurrentRooms: 100,
    safetyMargin: DEFAULT_SAFETY_MARGIN,
    channelSafetyMargin: DEFAULT_CHANNEL_SAFETY_MARGIN,
  },
  verified: {
    // §4.4: verified: 200 authentication attempts / 10 s.
    login: { limit: 200, windowMs: 10_000 },
    // §4.4: verified: 2,000 JOIN attempts / 10 s.
    join: { limit: 2_000, windowMs: 10_000 },
    // §4.1: verified: 7500 messages / 30 s regardless of role.
    messageUser: { limit: 7_500, windowMs: 30_000 },
    messageModerator: { limit: 7_500, windowMs: 30_000 },
    // §4.1: verified: still 1 message / second / channel when not privileged.
    messagePerChannel: { limit: 1, windowMs: 1_000 },
    // §4.3: the verified-bot exemption from the room cap ended on 2024-06-26.
    concurrentRooms: 100,
    safetyMargin: DEFAULT_SAFETY_MARGIN,
    channelSafetyMargin: DEFAULT_CHANNEL_SAFETY_MARGIN,
  },
} as const satisfies Readonly<Record<BotLevel, RateLimits>>;

/**
 * The limits of the shared anonymous (`justinfan…`) limiter. Twitch appears not to enforce JOIN limits or the room
 * cap on anonymous logins (`twitch-protocol.md` §1.4, §4.4: 45 JOINs in 10 s and 120 rooms observed), but that is
 * not documented, so tio stays conservative: the regular JOIN and login limits, and no room cap.
 */
export const AnonymousRateLimits = {
  ...RateLimitPresets.regular,
  concurrentRooms: Number.POSITIVE_INFINITY,
} as const satisfies RateLimits;

const WINDOW_KEYS = ['login', 'join', 'messageUser', 'messageModerator', 'messagePerChannel'] as const;

/**
 * The option names {@link RateLimitOverrides} accepts.
 *
 * @internal
 */
export const RATE_LIMIT_KEYS: readonly (keyof RateLimits)[] = [...WINDOW_KEYS, 'concurrentRooms', 'safetyMargin', 'channelSafetyMargin'];

/**
 * Merges overrides over base limits, window by window.
 *
 * @param base - The limits of a bot level.
 * @param overrides - Values to replace.
 * @returns The merged limits.
 */
export function mergeRateLimits(base: RateLimits, overrides: RateLimitOverrides = {}): RateLimits {
  const merged: Record<string, unknown> = { ...base };
  for (const key of WINDOW_KEYS) {
    const override = overrides[key];
    if (override !== undefined) merged[key] = { ...base[key], ...override };
  }
  if (overrides.concurrentRooms !== undefined) merged['concurrentRooms'] = overrides.concurrentRooms;
  if (overrides.safetyMargin !== undefined) merged['safetyMargin'] = overrides.safetyMargin;
  if (overrides.channelSafetyMargin !== undefined) merged['channelSafetyMargin'] = overrides.channelSafetyMargin;
  return merged as unknown as RateLimits;
}
