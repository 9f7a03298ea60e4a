/**
 * An exact sliding-window counter: at most `count` events in any window of `windowMs`. The event that would be the
 * `count + 1`-th within `windowMs` of the oldest kept event is over the limit, and no earlier one is.
 *
 * An event at time `t` stops counting at `t + windowMs` (a gap of exactly `windowMs` is outside the window).
 */
export class SlidingWindow {
  private readonly events: number[] = [];

  /**
   * @param count - events allowed per window
   * @param windowMs - the window length in milliseconds
   */
  constructor(
    readonly count: number,
    readonly windowMs: number,
  ) {}

  /**
   * Counts the events still inside the window at `now`.
   *
   * @param now - the current time in milliseconds
   * @returns how many events are within `windowMs` before `now`
   */
  size(now: number): number {
    this.expire(now);
    return this.events.length;
  }

  /**
   * Tells whether one more event at `now` would stay within the limit, without recording it.
   *
   * @param now - the current time in milliseconds
   * @returns `true` when an event now is allowed
   */
  allows(now: number): boolean {
    return this.size(now) < this.count;
  }

  /**
   * Records an event at `now`, allowed or not (Twitch counts dropped messages too, twitch-protocol.md §4.1).
   *
   * @param now - the current time in milliseconds
   * @returns `true` when the event was within the limit, `false` when it exceeded it
   */
  hit(now: number): boolean {
    const allowed = this.allows(now);
    this.events.push(now);
    return allowed;
  }

  /** Forgets every recorded event. */
  clear(): void {
    this.events.length = 0;
  }

  private expire(now: number): void {
    let drop = 0;
    while (drop < this.events.length && now - (this.events[drop] as number) >= this.windowMs) drop++;
    if (drop > 0) this.events.splice(0, drop);
  }
}
