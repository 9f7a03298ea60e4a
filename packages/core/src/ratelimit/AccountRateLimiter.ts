import { StoppedError } from '../errors/StoppedError.js';
import { abortReason, inspectSymbol } from '../internal/Deferred.js';
import { SharedAbortListener } from '../internal/SharedAbortListener.js';
import { systemClock, type Clock, type TimerHandle } from '../time/Clock.js';
import type { AccountLimiter, ChannelRole, ChannelRoleOptions, RoomReservation } from './AccountLimiter.js';
import { SlidingWindowLog } from './SlidingWindowLog.js';
import { DEFAULT_CHANNEL_SAFETY_MARGIN, RateLimitPresets, type RateLimits } from './RateLimits.js';

/**
 * A limiter bucket, as named in the `rateLimited` event.
 *
 * - `login`, `join`: authentication attempts and JOINs of the account.
 * - `messageUser`: the account-wide 20-per-30-s bucket. A non-privileged message needs a free slot in it; a privileged
 *   one is recorded in it without needing one (`twitch-protocol.md` §4.1: privileged messages "still add to the 20
 *   messages per 30 seconds rate limit"), so it delays the non-privileged messages that follow.
 * - `messageModerator`: the account-wide bucket every message draws on (100 per 30 s).
 * - `messagePerChannel`: the 1-per-second spacing in one non-privileged channel.
 */
export type RateLimitBucket = 'login' | 'join' | 'messageUser' | 'messageModerator' | 'messagePerChannel';

/**
 * Payload of the `rateLimited` event: an action had to wait for a limiter.
 */
export interface RateLimitedEvent {
  /** The account whose budget is exhausted (`justinfan` for anonymous readers). */
  readonly login: string;
  /** The bucket that made the action wait. */
  readonly bucket: RateLimitBucket;
  /** The channel, for message and per-channel waits. */
  readonly channel?: string;
  /** The expected wait in milliseconds (longer if more actions are queued for the same bucket). */
  readonly waitMs: number;
}

/**
 * Options of {@link AccountRateLimiter}.
 */
export interface AccountRateLimiterOptions {
  /** The account's login. */
  readonly login: string;
  /** Whether this is the shared anonymous limiter (no room cap). @defaultValue `false` */
  readonly anonymous?: boolean;
  /** The limits. @defaultValue `RateLimitPresets.regular` */
  readonly limits?: RateLimits;
  /** The clock for every wait. @defaultValue {@link systemClock} */
  readonly clock?: Clock;
  /** Called each time an action starts waiting. */
  readonly onRateLimited?: (event: RateLimitedEvent) => void;
}

/**
 * How long after a room is confirmed the limiter still expects its USERSTATE. Twitch answers a successful JOIN with
 * the JOIN echo, then USERSTATE, then ROOMSTATE (`twitch-protocol.md` §3.10); until that USERSTATE says whether the
 * account is moderator there, a newly confirmed room may still leave the cap, so a full cap is not final yet.
 */
const ROOM_PRIVILEGE_GRACE_MS = 2_000;

interface Room {
  confirmedAt: number | undefined;
}

interface Waiter {
  readonly kind: 'login' | 'join' | 'message';
  readonly channel: string | undefined;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
  detach: (() => void) | undefined;
  notified: boolean;
}

interface RoomWaiter {
  readonly channel: string;
  readonly resolve: (reservation: RoomReservation) => void;
  readonly reject: (error: Error) => void;
  detach: (() => void) | undefined;
}

/**
 * The {@link AccountLimiter} of one Twitch account: sliding-window logs for logins, JOINs and messages, and the
 * concurrent-room cap. Every shard of the account shares one instance (get it from an `AccountLimiterRegistry`).
 *
 * Waits are FIFO per bucket: an action waits while an earlier action is stuck on the same bucket, but an action
 * that needs only free buckets (another channel, a privileged channel while the 20-message bucket is exhausted) goes
 * ahead. Nothing ever throws because a limit is reached; the `acquire*` promises reject only on abort or
 * {@link AccountRateLimiter.dispose}.
 *
 * @example
 * ```ts
 * const limiter = new AccountRateLimiter({ login: 'mybot' });
 * await limiter.acquireMessage('somechannel'); // now it is safe to send one PRIVMSG there
 * ```
 */
export class AccountRateLimiter implements AccountLimiter {
  /** {@inheritDoc AccountLimiter.login} */
  readonly login: string;
  /** {@inheritDoc AccountLimiter.anonymous} */
  readonly anonymous: boolean;
  /** The limits in force. */
  readonly limits: RateLimits;
  readonly #clock: Clock;
  readonly #onRateLimited: ((event: RateLimitedEvent) => void) | undefined;
  readonly #loginLog: SlidingWindowLog;
  readonly #joinLog: SlidingWindowLog;
  readonly #userLog: SlidingWindowLog;
  readonly #moderatorLog: SlidingWindowLog;
  readonly #channelLogs = new Map<string, SlidingWindowLog>();
  /** The account's role per channel; absent means `viewer`. */
  readonly #roles = new Map<string, ChannelRole>();
  /** Roles declared up front (`setChannelRole(…, { declared: true })`); they survive `releaseRoom`. */
  readonly #declaredRoles = new Map<string, ChannelRole>();
  readonly #rooms = new Map<string, Room>();
  readonly #privilegeKnown = new Set<string>();
  #roomTimer: TimerHandle | undefined;
  #queue: Waiter[] = [];
  #roomWaiters: RoomWaiter[] = [];
  #timer: TimerHandle | undefined;
  #timerAt = Number.POSITIVE_INFINITY;
  #wakeAt = Number.POSITIVE_INFINITY;
  #disposed = false;
  readonly #aborts = new SharedAbortListener();
  /** The buckets earlier waiters are stuck on, as of the last full pass at `#blockedAt`; see `#enqueue`. */
  #blocked: Set<SlidingWindowLog> | undefined;
  #blockedAt = Number.NaN;

  /**
   * Creates a limiter.
   *
   * @param options - The login, limits, clock and event callback.
   */
  constructor(options: AccountRateLimiterOptions) {
    this.login = options.login;
    this.anonymous = options.anonymous ?? false;
    this.limits = options.limits ?? RateLimitPresets.regular;
    this.#clock = options.clock ?? systemClock;
    this.#onRateLimited = options.onRateLimited;
    const scale = 1 + this.limits.safetyMargin;
    const log = (window: { readonly limit: number; readonly windowMs: number }): SlidingWindowLog =>
      new SlidingWindowLog(window.limit, window.windowMs * scale);
    this.#loginLog = log(this.limits.login);
    this.#joinLog = log(this.limits.join);
    this.#userLog = log(this.limits.messageUser);
    this.#moderatorLog = log(this.limits.messageModerator);
  }

  /** How many actions are waiting for a slot. */
  get pending(): number {
    return this.#queue.length + this.#roomWaiters.length;
  }

  /** How many rooms currently count against the concurrent-room cap (reserved or joined, not moderator or broadcaster). */
  get roomCount(): number {
    let count = 0;
    for (const channel of this.#rooms.keys()) if (!this.#isCapExempt(channel)) count++;
    return count;
  }

  /** {@inheritDoc AccountLimiter.acquireLogin} */
  acquireLogin(signal?: AbortSignal): Promise<void> {
    return this.#enqueue('login', undefined, signal);
  }

  /** {@inheritDoc AccountLimiter.acquireJoin} */
  acquireJoin(signal?: AbortSignal): Promise<void> {
    return this.#enqueue('join', undefined, signal);
  }

  /** {@inheritDoc AccountLimiter.acquireMessage} */
  acquireMessage(channel: string, signal?: AbortSignal): Promise<void> {
    return this.#enqueue('message', channel, signal);
  }

  /** {@inheritDoc AccountLimiter.reserveRoom} */
  reserveRoom(channel: string, signal?: AbortSignal): Promise<RoomReservation> {
    if (this.#disposed) return Promise.reject(new StoppedError('The room reservation'));
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const immediate = this.#tryReserve(channel);
    if (immediate !== 'wait') return Promise.resolve(immediate);
    return new Promise<RoomReservation>((resolve, reject) => {
      const waiter: RoomWaiter = { channel, resolve, reject, detach: undefined };
      if (signal !== undefined) {
        waiter.detach = this.#aborts.add(signal, () => {
          this.#roomWaiters = this.#roomWaiters.filter((candidate) => candidate !== waiter);
          reject(abortReason(signal));
        });
      }
      this.#roomWaiters.push(waiter);
      // Arms the timer for a room whose USERSTATE is overdue.
      this.#processRooms();
    });
  }

  /** {@inheritDoc AccountLimiter.confirmRoom} */
  confirmRoom(channel: string): void {
    this.#rooms.set(channel, { confirmedAt: this.#clock.now() });
    this.#processRooms();
  }

  /** {@inheritDoc AccountLimiter.releaseRoom} */
  releaseRoom(channel: string): void {
    this.#privilegeKnown.delete(channel);
    // A role learned from USERSTATE goes stale once the account is out of the room (it may be demoted meanwhile); kept,
    // it would let a re-join skip the room cap. The next join's USERSTATE tells it again. Declared roles stay.
    const before = this.channelRole(channel);
    const declared = this.#declaredRoles.get(channel);
    if (declared === undefined) this.#roles.delete(channel);
    else this.#roles.set(channel, declared);
    const roleChanged = before !== this.channelRole(channel);
    if (this.#rooms.delete(channel) || roleChanged) this.#processRooms();
    if (roleChanged) this.#process();
  }

  /** {@inheritDoc AccountLimiter.setChannelRole} */
  setChannelRole(channel: string, role: ChannelRole, options?: ChannelRoleOptions): void {
    if (options?.declared === true) {
      if (role === 'viewer') this.#declaredRoles.delete(channel);
      else this.#declaredRoles.set(channel, role);
    } else if (this.#declaredRoles.has(channel) && this.#declaredRoles.get(channel) !== role) {
      // The USERSTATE has the last word: a declaration it contradicts is stale (e.g. the account was demoted).
      this.#declaredRoles.delete(channel);
    }
    const wasKnown = this.#privilegeKnown.has(channel);
    this.#privilegeKnown.add(channel);
    if (role === this.channelRole(channel)) {
      if (!wasKnown) this.#processRooms();
      return;
    }
    if (role === 'viewer') this.#roles.delete(channel);
    else this.#roles.set(channel, role);
    this.#processRooms();
    this.#process();
  }

  /** {@inheritDoc AccountLimiter.channelRole} */
  channelRole(channel: string): ChannelRole {
    return this.#roles.get(channel) ?? 'viewer';
  }

  /** {@inheritDoc AccountLimiter.isPrivileged} */
  isPrivileged(channel: string): boolean {
    return this.#roles.has(channel);
  }

  /**
   * Cancels every wait (they reject with a {@link StoppedError}) and the pending timer; later calls reject at once.
   * Called by the `Client` when it stops.
   */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#clearTimer();
    this.#clearRoomTimer();
    const queue = this.#queue;
    const rooms = this.#roomWaiters;
    this.#queue = [];
    this.#roomWaiters = [];
    for (const waiter of queue) {
      waiter.detach?.();
      waiter.reject(new StoppedError(`The ${waiter.kind} rate limiter wait`));
    }
    for (const waiter of rooms) {
      waiter.detach?.();
      waiter.reject(new StoppedError('The room reservation'));
    }
  }

  /** Shows the login and counters, never a token (the limiter holds none). */
  [inspectSymbol](): string {
    return `AccountRateLimiter { login: '${this.login}', anonymous: ${this.anonymous}, rooms: ${this.roomCount}, pending: ${this.pending} }`;
  }

  #enqueue(kind: Waiter['kind'], channel: string | undefined, signal: AbortSignal | undefined): Promise<void> {
    if (this.#disposed) return Promise.reject(new StoppedError(`The ${kind} rate limiter wait`));
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { kind, channel, resolve, reject, detach: undefined, notified: false };
      if (signal !== undefined) {
        waiter.detach = this.#aborts.add(signal, () => {
          const index = this.#queue.indexOf(waiter);
          if (index === -1) return;
          this.#queue.splice(index, 1);
          reject(abortReason(signal));
          // Waiters behind it may have been blocked only by it.
          this.#process();
        });
      }
      this.#queue.push(waiter);
      // A burst (thousands of JOINs after a mass reconnect) arrives within one clock tick. Nothing can free a bucket
      // within the same tick except an abort or a privilege change (both of which clear the cache), so the new
      // waiter can be checked against the last pass alone: O(1) per waiter instead of a pass over the whole queue.
      const now = this.#clock.now();
      if (this.#blocked !== undefined && this.#blockedAt === now) this.#evaluate(waiter, now, this.#blocked, true);
      else this.#process();
    });
  }

  #bucketsOf(waiter: Waiter): Array<[RateLimitBucket, SlidingWindowLog]> {
    switch (waiter.kind) {
      case 'login':
        return [['login', this.#loginLog]];
      case 'join':
        return [['join', this.#joinLog]];
      case 'message': {
        const channel = waiter.channel as string;
        // §4.1: a privileged message needs a slot only in the large bucket (it is still recorded in the 20-bucket on
        // grant, see #evaluate); a non-privileged one needs both account buckets and the channel's 1-per-second spacing.
        if (this.#roles.has(channel)) return [['messageModerator', this.#moderatorLog]];
        let channelLog = this.#channelLogs.get(channel);
        if (channelLog === undefined) {
          const window = this.limits.messagePerChannel;
          // §4.1 counts arrivals one second apart; the channel window gets the larger margin (see channelSafetyMargin).
          const margin = Math.max(this.limits.safetyMargin, this.limits.channelSafetyMargin ?? DEFAULT_CHANNEL_SAFETY_MARGIN);
          channelLog = new SlidingWindowLog(window.limit, window.windowMs * (1 + margin));
          this.#channelLogs.set(channel, channelLog);
        }
        return [
          ['messageUser', this.#userLog],
          ['messageModerator', this.#moderatorLog],
          ['messagePerChannel', channelLog],
        ];
      }
    }
  }

  #process(): void {
    if (this.#disposed) return;
    const now = this.#clock.now();
    const blocked = new Set<SlidingWindowLog>();
    const queue = this.#queue;
    this.#queue = [];
    this.#wakeAt = Number.POSITIVE_INFINITY;
    for (const waiter of queue) this.#evaluate(waiter, now, blocked, false);
    this.#blocked = blocked;
    this.#blockedAt = now;
    this.#sweepChannelLogs(now);
    this.#schedule(now);
  }

  /**
   * Grants `waiter` if every bucket it needs has room and no earlier waiter is stuck on one of them; otherwise keeps
   * it queued and marks its full buckets as blocked for the waiters behind it.
   */
  #evaluate(waiter: Waiter, now: number, blocked: Set<SlidingWindowLog>, queued: boolean): void {
    const buckets = this.#bucketsOf(waiter);
    let lacking: Array<[RateLimitBucket, SlidingWindowLog]> | undefined;
    for (const entry of buckets) {
      if (blocked.has(entry[1]) || !entry[1].available(now)) (lacking ??= []).push(entry);
    }
    if (lacking === undefined) {
      if (queued) this.#queue.splice(this.#queue.lastIndexOf(waiter), 1);
      for (const [, log] of buckets) log.record(now);
      // §4.1: privileged messages "still add to the 20 messages per 30 seconds rate limit, but when that is breached
      // messages from these users can still be sent until the larger rate limit bucket is filled". So a privileged
      // grant is recorded in the 20-bucket without having needed a slot there: moderator throughput is unchanged, and
      // a non-privileged message after it waits until the 20-bucket really has room (the log may hold more than 20).
      if (waiter.kind === 'message' && !buckets.some(([, log]) => log === this.#userLog)) this.#userLog.record(now);
      waiter.detach?.();
      waiter.resolve();
      return;
    }
    if (!queued) this.#queue.push(waiter);
    let readyAt = now;
    let worst: RateLimitBucket = (lacking[0] as [RateLimitBucket, SlidingWindowLog])[0];
    for (const [name, log] of lacking) {
      const at = log.nextFreeAt(now);
      if (at > readyAt) {
        readyAt = at;
        worst = name;
      }
      blocked.add(log);
    }
    // A waiter blocked only by earlier waiters is woken by their timer; one blocked by a full log needs its own.
    if (readyAt > now && readyAt < this.#wakeAt) {
      this.#wakeAt = readyAt;
      if (queued) this.#schedule(now);
    }
    if (!waiter.notified) {
      waiter.notified = true;
      this.#notify(waiter, worst, Math.max(0, Math.ceil(readyAt - now)));
    }
  }

  #schedule(now: number): void {
    if (this.#queue.length === 0) {
      this.#clearTimer();
      return;
    }
    const wakeAt = this.#wakeAt;
    if (wakeAt === this.#timerAt || !Number.isFinite(wakeAt)) return;
    this.#clearTimer();
    this.#timerAt = wakeAt;
    this.#timer = this.#clock.setTimeout(
      () => {
        this.#timer = undefined;
        this.#timerAt = Number.POSITIVE_INFINITY;
        this.#process();
      },
      Math.max(0, Math.ceil(wakeAt - now)),
    );
  }

  #notify(waiter: Waiter, bucket: RateLimitBucket, waitMs: number): void {
    if (this.#onRateLimited === undefined) return;
    const event: RateLimitedEvent =
      waiter.channel === undefined
        ? { login: this.login, bucket, waitMs }
        : { login: this.login, bucket, channel: waiter.channel, waitMs };
    try {
      this.#onRateLimited(event);
    } catch {
      // A failing observer must not break the limiter.
    }
  }

  #sweepChannelLogs(now: number): void {
    if (this.#channelLogs.size < 1_024) return;
    const waiting = new Set(this.#queue.map((waiter) => waiter.channel));
    for (const [channel, log] of this.#channelLogs) {
      log.prune(now);
      if (log.size === 0 && !waiting.has(channel)) this.#channelLogs.delete(channel);
    }
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerAt = Number.POSITIVE_INFINITY;
  }

  /** §4.3: only broadcaster and moderator rooms leave the concurrent-room cap; a VIP room still counts. */
  #isCapExempt(channel: string): boolean {
    const role = this.#roles.get(channel);
    return role === 'moderator' || role === 'broadcaster';
  }

  #tryReserve(channel: string): RoomReservation | 'wait' {
    if (this.#rooms.has(channel)) return { granted: true };
    if (this.anonymous || this.#isCapExempt(channel) || this.roomCount < this.limits.concurrentRooms) {
      this.#rooms.set(channel, { confirmedAt: undefined });
      return { granted: true };
    }
    // Full. A room still being joined, or joined but without its USERSTATE yet, may turn out moderated and free a
    // place; only a cap full of settled rooms fails fast.
    return this.#nextSettleAt() === undefined
      ? { granted: false, reason: 'concurrentRoomCap', limit: this.limits.concurrentRooms }
      : 'wait';
  }

  /**
   * @returns `undefined` when every counted room is settled; otherwise when the next one settles by itself
   *   (`Infinity` while some room is still unconfirmed, which settles only through a call).
   */
  #nextSettleAt(): number | undefined {
    const now = this.#clock.now();
    let next: number | undefined;
    for (const [channel, room] of this.#rooms) {
      if (this.#isCapExempt(channel)) continue;
      if (room.confirmedAt === undefined) return Number.POSITIVE_INFINITY;
      if (this.#privilegeKnown.has(channel)) continue;
      const settlesAt = room.confirmedAt + ROOM_PRIVILEGE_GRACE_MS;
      if (settlesAt > now) next = Math.min(next ?? Number.POSITIVE_INFINITY, settlesAt);
    }
    return next;
  }

  #processRooms(): void {
    if (this.#roomWaiters.length === 0 || this.#disposed) return;
    this.#clearRoomTimer();
    const remaining: RoomWaiter[] = [];
    for (const waiter of this.#roomWaiters) {
      const result = this.#tryReserve(waiter.channel);
      if (result === 'wait') {
        remaining.push(waiter);
        continue;
      }
      waiter.detach?.();
      waiter.resolve(result);
    }
    this.#roomWaiters = remaining;
    if (remaining.length === 0) return;
    const settleAt = this.#nextSettleAt();
    if (settleAt !== undefined && Number.isFinite(settleAt)) {
      this.#roomTimer = this.#clock.setTimeout(() => {
        this.#roomTimer = undefined;
        this.#processRooms();
      }, Math.max(0, settleAt - this.#clock.now()));
    }
  }

  #clearRoomTimer(): void {
    if (this.#roomTimer !== undefined) this.#clock.clearTimeout(this.#roomTimer);
    this.#roomTimer = undefined;
  }
}
