import { systemClock, type Clock } from '@tio/core';

/**
 * Who shares a cooldown:
 * - `user`: each user, separately in each channel (like Nightbot's and StreamElements' user cooldowns: a user
 *   waiting in one channel can still use the command in another);
 * - `channel`: everyone in a channel;
 * - `global`: everyone, in every channel.
 */
export type CooldownScope = 'user' | 'channel' | 'global';

/**
 * A role that can be exempt from a cooldown.
 */
export type CooldownExemptRole = 'broadcaster' | 'moderator' | 'vip';

/**
 * One cooldown of a command: at most `uses` uses per `durationMs`, counted per {@link CooldownScope}.
 *
 * @example
 * ```ts
 * const cooldown: Cooldown = { scope: 'user', durationMs: 30_000, exempt: ['broadcaster', 'moderator'] };
 * ```
 */
export interface Cooldown {
  /** Who shares the cooldown. */
  readonly scope: CooldownScope;
  /** The window, in milliseconds, that starts with its first use. */
  readonly durationMs: number;
  /** How many uses fit in one window. @defaultValue `1` */
  readonly uses?: number;
  /** Roles that skip this cooldown (they do not use it up either). @defaultValue `[]` */
  readonly exempt?: readonly CooldownExemptRole[];
}

/**
 * Options of {@link CooldownTracker}.
 */
export interface CooldownTrackerOptions {
  /** Where time comes from. @defaultValue `systemClock` from `@tio/core` (reads `Date.now` at call time) */
  readonly clock?: Clock;
  /** Past this many tracked keys, expired ones are swept on the next use. @defaultValue `10_000` */
  readonly sweepThreshold?: number;
}

interface Window {
  readonly startedAt: number;
  readonly durationMs: number;
  used: number;
}

/**
 * Counts uses per key in fixed windows that open with their first use. Nothing runs in the background: expired
 * windows are dropped when they are next looked at, and swept when many keys pile up, so there is no timer to stop.
 *
 * @example
 * ```ts
 * const tracker = new CooldownTracker();
 * if (tracker.retryAfter('dice:channel:foo') === 0) tracker.consume('dice:channel:foo', 10_000);
 * ```
 */
export class CooldownTracker {
  readonly #clock: Clock;
  readonly #sweepThreshold: number;
  readonly #windows = new Map<string, Window>();
  #nextSweepAt: number;

  /**
   * Creates an empty tracker.
   *
   * @param options - The clock and sweep threshold.
   */
  constructor(options: CooldownTrackerOptions = {}) {
    this.#clock = options.clock ?? systemClock;
    this.#sweepThreshold = options.sweepThreshold ?? 10_000;
    this.#nextSweepAt = this.#sweepThreshold;
  }

  /** How many keys are tracked (expired windows included until they are swept). */
  get size(): number {
    return this.#windows.size;
  }

  /**
   * Tells how long until `key` can be used again.
   *
   * @param key - What the cooldown counts (a command, scope and user, say).
   * @param uses - Uses per window. @defaultValue `1`
   * @returns `0` when a use is available now, else the milliseconds until the window ends.
   */
  retryAfter(key: string, uses = 1): number {
    const window = this.#current(key);
    if (window === undefined || window.used < uses) return 0;
    return window.startedAt + window.durationMs - this.#clock.now();
  }

  /**
   * Uses `key` once: opens a window of `durationMs` if none is open.
   *
   * @param key - What the cooldown counts.
   * @param durationMs - The window length.
   */
  consume(key: string, durationMs: number): void {
    const window = this.#current(key);
    if (window !== undefined) {
      window.used++;
      return;
    }
    this.#windows.set(key, { startedAt: this.#clock.now(), durationMs, used: 1 });
    if (this.#windows.size >= this.#nextSweepAt) this.sweep();
  }

  /**
   * Forgets one key (resets its cooldown), or every key.
   *
   * @param key - The key; omit it to reset everything.
   */
  reset(key?: string): void {
    if (key === undefined) this.#windows.clear();
    else this.#windows.delete(key);
  }

  /**
   * Forgets every key that starts with `prefix` (all cooldowns of one command, say).
   *
   * @param prefix - The start of the keys to forget.
   */
  resetPrefix(prefix: string): void {
    for (const key of this.#windows.keys()) if (key.startsWith(prefix)) this.#windows.delete(key);
  }

  /**
   * Drops every expired window.
   */
  sweep(): void {
    const now = this.#clock.now();
    for (const [key, window] of this.#windows) if (now >= window.startedAt + window.durationMs) this.#windows.delete(key);
    this.#nextSweepAt = Math.max(this.#sweepThreshold, this.#windows.size * 2);
  }

  #current(key: string): Window | undefined {
    const window = this.#windows.get(key);
    if (window === undefined) return undefined;
    if (this.#clock.now() >= window.startedAt + window.durationMs) {
      this.#windows.delete(key);
      return undefined;
    }
    return window;
  }
}
