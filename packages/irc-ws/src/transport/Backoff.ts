/**
 * Settings of a {@link Backoff}.
 */
export interface BackoffOptions {
  /** Delay before the first retry, in milliseconds (before jitter). */
  readonly initialDelayMs: number;
  /** The largest delay, in milliseconds (after jitter). */
  readonly maxDelayMs: number;
  /** Factor applied to the delay after each attempt. */
  readonly multiplier: number;
  /**
   * Relative jitter: each delay is multiplied by a random factor in `[1 - jitter, 1 + jitter]`, so shards that lost
   * their connections together do not come back in lock step and hit the account's login limit at once.
   */
  readonly jitter: number;
  /** Returns a number in `[0, 1)`; `Math.random` by default. Injected by tests for repeatable delays. */
  readonly random?: () => number;
}

/**
 * Exponential backoff with jitter for unplanned reconnects: about `initialDelayMs`, then doubling (by default) up to
 * `maxDelayMs`. {@link Backoff.reset} starts over, which the transport does after a stable session.
 *
 * @internal
 * @example
 * ```ts
 * const backoff = new Backoff({ initialDelayMs: 1_000, maxDelayMs: 60_000, multiplier: 2, jitter: 0.2 });
 * backoff.next(); // ≈ 1000
 * backoff.next(); // ≈ 2000
 * ```
 */
export class Backoff {
  readonly #options: BackoffOptions;
  readonly #random: () => number;
  #attempt = 0;

  /**
   * Creates a backoff at attempt 0.
   *
   * @param options - Delays, multiplier and jitter.
   */
  constructor(options: BackoffOptions) {
    this.#options = options;
    this.#random = options.random ?? Math.random;
  }

  /** How many delays were handed out since the last reset. */
  get attempt(): number {
    return this.#attempt;
  }

  /**
   * Counts one more attempt and returns how long to wait before it.
   *
   * @returns The delay in milliseconds, never negative and never above `maxDelayMs`.
   */
  next(): number {
    const { initialDelayMs, maxDelayMs, multiplier, jitter } = this.#options;
    // Exponent capped so the arithmetic stays finite however long a shard keeps failing.
    const exponent = Math.min(this.#attempt, 64);
    this.#attempt++;
    const base = Math.min(maxDelayMs, initialDelayMs * multiplier ** exponent);
    const factor = 1 - jitter + 2 * jitter * this.#random();
    return Math.max(0, Math.min(maxDelayMs, Math.round(base * factor)));
  }

  /** Starts over at attempt 0 (after a session that stayed up long enough). */
  reset(): void {
    this.#attempt = 0;
  }
}
