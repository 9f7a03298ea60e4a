/**
 * A sliding log of grant times: allows at most `limit` grants in any window of `windowMs` milliseconds.
 *
 * Unlike a token bucket or a fixed window, it holds whatever phase the server's own buckets refill at: it assumes the
 * refill happened a full window after the oldest grant it still remembers (`twitch-protocol.md` §4.1, the
 * pajbot/tmi-rate-limits observation; a fixed window allows 2× bursts at its edges).
 *
 * @internal
 */
export class SlidingWindowLog {
  /** Grants allowed per window. */
  readonly limit: number;
  /** The effective window length in milliseconds (safety margin included). */
  readonly windowMs: number;
  #times: number[] = [];
  #head = 0;

  /**
   * @param limit - Grants allowed per window.
   * @param windowMs - The window length, margin included.
   */
  constructor(limit: number, windowMs: number) {
    this.limit = limit;
    // Whole milliseconds, like the clock: a fractional window (30 s × 1.02 is exact, 100 ms × (1 + 1e-16) is not)
    // could round `oldest + window` back onto `now` and leave a full log with no future wake-up time.
    this.windowMs = Math.ceil(windowMs);
  }

  /** How many grants the log still remembers (after the last prune). */
  get size(): number {
    return this.#times.length - this.#head;
  }

  /**
   * Forgets grants that no window containing `now` can include any more.
   *
   * @param now - The current time.
   */
  prune(now: number): void {
    const times = this.#times;
    while (this.#head < times.length && now - (times[this.#head] as number) >= this.windowMs) this.#head++;
    if (this.#head > 64 && this.#head * 2 > times.length) {
      this.#times = times.slice(this.#head);
      this.#head = 0;
    }
  }

  /**
   * @param now - The current time.
   * @returns Whether a grant now keeps every window within the limit.
   */
  available(now: number): boolean {
    this.prune(now);
    return this.size < this.limit;
  }

  /**
   * @param now - The current time.
   * @returns The earliest time a grant is possible (`now` when it is possible now).
   */
  nextFreeAt(now: number): number {
    this.prune(now);
    const excess = this.size - this.limit;
    if (excess < 0) return now;
    // Strictly later than `now` whenever the log is full, even with a clock that is not whole milliseconds.
    return Math.max((this.#times[this.#head + excess] as number) + this.windowMs, now + 1);
  }

  /**
   * Records a grant.
   *
   * @param now - The grant time.
   */
  record(now: number): void {
    this.#times.push(now);
  }
}
