import { inspectSymbol } from '../internal/Deferred.js';
import { systemClock, type Clock } from '../time/Clock.js';
import { AccountRateLimiter, type RateLimitedEvent } from './AccountRateLimiter.js';
import {
  AnonymousRateLimits,
  mergeRateLimits,
  RateLimitPresets,
  type BotLevel,
  type RateLimitOverrides,
  type RateLimits,
} from './RateLimits.js';

/**
 * Options of {@link AccountLimiterRegistry}.
 */
export interface AccountLimiterRegistryOptions {
  /** The bot level whose limits apply to authenticated accounts. @defaultValue `'regular'` */
  readonly botLevel?: BotLevel;
  /** Overrides merged over the bot level's limits. @defaultValue `{}` */
  readonly rateLimits?: RateLimitOverrides;
  /**
   * Overrides for the shared anonymous limiter only, merged over {@link AnonymousRateLimits} after `rateLimits` (which
   * applies to anonymous readers too). The room cap never applies to anonymous readers.
   *
   * @defaultValue `{}`
   */
  readonly anonymousRateLimits?: RateLimitOverrides;
  /** The clock for every limiter. @defaultValue {@link systemClock} */
  readonly clock?: Clock;
  /** Called each time an action of any account starts waiting. */
  readonly onRateLimited?: (event: RateLimitedEvent) => void;
}

/** The login of the shared anonymous limiter (`twitch-protocol.md` §1.4: anonymous logins are `justinfan…`). */
const ANONYMOUS_LOGIN = 'justinfan';

/**
 * One {@link AccountRateLimiter} per login, created on first use, so every shard of an account draws on the same
 * budget while different accounts stay independent. Anonymous readers (`login` `null`) share one separate limiter
 * without a room cap.
 *
 * @example
 * ```ts
 * const registry = new AccountLimiterRegistry({ botLevel: 'regular' });
 * registry.get('mybot') === registry.get('MyBot'); // true: one limiter per account
 * ```
 */
export class AccountLimiterRegistry {
  /** The limits every authenticated account gets. */
  readonly limits: RateLimits;
  readonly #anonymousLimits: RateLimits;
  readonly #clock: Clock;
  readonly #onRateLimited: ((event: RateLimitedEvent) => void) | undefined;
  readonly #limiters = new Map<string, AccountRateLimiter>();
  #anonymous: AccountRateLimiter | undefined;

  /**
   * Creates a registry.
   *
   * @param options - The bot level, overrides (also for anonymous readers), clock and event callback.
   */
  constructor(options: AccountLimiterRegistryOptions = {}) {
    this.limits = mergeRateLimits(RateLimitPresets[options.botLevel ?? 'regular'], options.rateLimits);
    const noRoomCap = { concurrentRooms: Number.POSITIVE_INFINITY };
    this.#anonymousLimits = mergeRateLimits(mergeRateLimits(AnonymousRateLimits, { ...options.rateLimits, ...noRoomCap }), {
      ...options.anonymousRateLimits,
      ...noRoomCap,
    });
    this.#clock = options.clock ?? systemClock;
    this.#onRateLimited = options.onRateLimited;
  }

  /**
   * Returns the limiter of an account, creating it on first use.
   *
   * @param login - The login (case-insensitive), or `null` for the shared anonymous limiter.
   * @returns The limiter.
   */
  get(login: string | null): AccountRateLimiter {
    if (login === null) {
      this.#anonymous ??= this.#create(ANONYMOUS_LOGIN, true);
      return this.#anonymous;
    }
    const key = login.toLowerCase();
    let limiter = this.#limiters.get(key);
    if (limiter === undefined) {
      limiter = this.#create(key, false);
      this.#limiters.set(key, limiter);
    }
    return limiter;
  }

  /** The logins that have a limiter (the anonymous one excluded). */
  get logins(): readonly string[] {
    return [...this.#limiters.keys()];
  }

  /**
   * Disposes every limiter: their waits reject and their timers are cleared.
   */
  dispose(): void {
    for (const limiter of this.#limiters.values()) limiter.dispose();
    this.#anonymous?.dispose();
  }

  /** Shows the logins only. */
  [inspectSymbol](): string {
    return `AccountLimiterRegistry { logins: [${this.logins.map((login) => `'${login}'`).join(', ')}] }`;
  }

  #create(login: string, anonymous: boolean): AccountRateLimiter {
    const limits = anonymous ? this.#anonymousLimits : this.limits;
    return new AccountRateLimiter({
      login,
      anonymous,
      limits,
      clock: this.#clock,
      ...(this.#onRateLimited === undefined ? {} : { onRateLimited: this.#onRateLimited }),
    });
  }
}
