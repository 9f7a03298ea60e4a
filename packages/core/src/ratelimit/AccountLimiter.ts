/**
 * How a pending room reservation settled; see {@link AccountLimiter.reserveRoom}.
 */
export type RoomReservation =
  /** The room may be joined; the reservation counts against the cap until released or the room turns privileged. */
  | { readonly granted: true }
  /** The account already sits in as many non-privileged rooms as Twitch allows. */
  | { readonly granted: false; readonly reason: 'concurrentRoomCap'; readonly limit: number };

/**
 * The rate limits of one Twitch **account**, shared by every shard that logs in as it.
 *
 * Twitch counts logins, JOINs, chat messages and concurrent rooms per account, not per connection
 * (`twitch-protocol.md` §0, §4), so a pool of shards must draw on one budget. Every `acquire*` method waits, in
 * order, until doing the action now cannot exceed a limit in any window, whatever phase Twitch's own buckets refill
 * at. They reject only when `signal` aborts.
 */
export interface AccountLimiter {
  /** The account's login (`justinfan…` for the shared anonymous limiter). */
  readonly login: string;
  /** Whether this limiter belongs to anonymous readers: no room cap, no sends. */
  readonly anonymous: boolean;
  /**
   * Waits for an authentication attempt slot (one per `PASS`/`NICK` pair, i.e. per connection).
   *
   * @param signal - Aborts the wait.
   */
  acquireLogin(signal?: AbortSignal): Promise<void>;
  /**
   * Waits for a JOIN slot for one channel (a comma-separated JOIN costs one slot per channel).
   *
   * @param signal - Aborts the wait.
   */
  acquireJoin(signal?: AbortSignal): Promise<void>;
  /**
   * Waits until a chat message to `channel` fits every message bucket: the account-wide buckets for the channel's
   * privilege, and the per-channel spacing for non-privileged channels.
   *
   * @param channel - The target channel.
   * @param signal - Aborts the wait.
   */
  acquireMessage(channel: string, signal?: AbortSignal): Promise<void>;
  /**
   * Reserves a place under the concurrent-room cap before joining `channel`. Privileged channels (moderator,
   * broadcaster, VIP) never count. While the cap is full but some reservations are still unconfirmed (their
   * channels may turn out privileged), waits for them; fails fast once the cap is full of confirmed rooms.
   *
   * @param channel - The channel about to be joined.
   * @param signal - Aborts the wait.
   */
  reserveRoom(channel: string, signal?: AbortSignal): Promise<RoomReservation>;
  /**
   * Marks a reserved room as joined (its place stays taken until released).
   *
   * @param channel - The joined channel.
   */
  confirmRoom(channel: string): void;
  /**
   * Frees the place of `channel` (parted, join failed, connection lost for good).
   *
   * @param channel - The channel left.
   */
  releaseRoom(channel: string): void;
  /**
   * Records whether the account is privileged (moderator, broadcaster or VIP) in `channel`, as learned from the
   * `USERSTATE` Twitch sends on join and after each message. Privileged rooms leave the room cap and use the larger
   * message bucket.
   *
   * @param channel - The channel.
   * @param privileged - Whether the account is moderator, broadcaster or VIP there.
   */
  setPrivileged(channel: string, privileged: boolean): void;
  /**
   * @param channel - The channel.
   * @returns Whether the account is known to be privileged in `channel`.
   */
  isPrivileged(channel: string): boolean;
}
