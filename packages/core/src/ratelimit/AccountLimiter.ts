/**
 * The account's role in a channel, as far as Twitch's limits care: `broadcaster` and `moderator` rooms leave the
 * concurrent-room cap and use the large message bucket; `vip` rooms use the large message bucket but still count
 * toward the cap; `viewer` is everything else.
 */
export type ChannelRole = 'broadcaster' | 'moderator' | 'vip' | 'viewer';

/**
 * How a pending room reservation settled; see {@link AccountLimiter.reserveRoom}.
 */
export type RoomReservation =
  /** The room may be joined; the reservation counts against the cap until released, or until the account turns out to be moderator or broadcaster there. */
  | { readonly granted: true }
  /** The account already sits in as many rooms as Twitch allows where it is neither moderator nor broadcaster. */
  | { readonly granted: false; readonly reason: 'concurrentRoomCap'; readonly limit: number };

/**
 * Options of {@link AccountLimiter.setChannelRole}.
 */
export interface ChannelRoleOptions {
  /**
   * Whether the role is declared up front (a bot that knows its moderated channels from the Helix API, the `Client`'s
   * `moderatedChannels` option) rather than learned from a `USERSTATE`. A declared role survives
   * {@link AccountLimiter.releaseRoom}; a learned one is forgotten there, because the account may be demoted while it
   * is away from the room, and a stale moderator role would let a re-join skip the concurrent-room cap. A learned role
   * that contradicts a declaration replaces it for good (the `USERSTATE` has the last word).
   *
   * @defaultValue `false`
   */
  readonly declared?: boolean;
}

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
   * Reserves a place under the concurrent-room cap before joining `channel`. Rooms where the account is moderator or
   * broadcaster never count. While the cap is full but some reservations are still unconfirmed (the account may turn
   * out to be moderator there), waits for them; fails fast once the cap is full of settled rooms.
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
   * Frees the place of `channel` (parted, join failed, connection lost for good), and forgets the account's role there
   * unless it was declared (see {@link ChannelRoleOptions.declared}): the next join learns it again from its `USERSTATE`.
   *
   * @param channel - The channel left.
   */
  releaseRoom(channel: string): void;
  /**
   * Records the account's role in `channel`, as learned from the `USERSTATE` Twitch sends on join and after each
   * message, or as declared up front (a bot that knows its moderated channels from the Helix API). The role decides
   * two different things, because Twitch draws the lines differently (`twitch-protocol.md` §4.1, §4.3):
   * - messages: broadcaster, moderator **and VIP** channels use the large 100-per-30-s bucket and skip the
   *   per-channel spacing;
   * - the concurrent-room cap: only **broadcaster and moderator** rooms are exempt; a VIP room still counts.
   *
   * @param channel - The channel.
   * @param role - The account's role there.
   * @param options - Whether the role is declared up front rather than learned from a `USERSTATE` (learned by default).
   */
  setChannelRole(channel: string, role: ChannelRole, options?: ChannelRoleOptions): void;
  /**
   * @param channel - The channel.
   * @returns The account's known role in `channel`; `viewer` when nothing is known.
   */
  channelRole(channel: string): ChannelRole;
  /**
   * @param channel - The channel.
   * @returns Whether messages to `channel` are privileged (broadcaster, moderator or VIP there).
   */
  isPrivileged(channel: string): boolean;
}
