/**
 * An opaque handle returned by {@link Clock.setTimeout}.
 */
export type TimerHandle = unknown;

/**
 * The source of time for every limiter, timeout, backoff and keepalive in tio.
 *
 * Pass your own to a `Client` to control time in tests; the default, {@link systemClock}, reads the global
 * `Date.now`/`setTimeout`/`clearTimeout` **at call time**, so `vi.useFakeTimers()` (installed after tio was
 * imported) still takes effect.
 */
export interface Clock {
  /** Milliseconds since the epoch, like `Date.now()`. */
  now(): number;
  /**
   * Schedules `callback` after `delayMs` milliseconds.
   *
   * @param callback - Called once, later.
   * @param delayMs - Delay in milliseconds.
   * @returns A handle for {@link Clock.clearTimeout}.
   */
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  /**
   * Cancels a timer; unknown or already fired handles are ignored.
   *
   * @param handle - What {@link Clock.setTimeout} returned.
   */
  clearTimeout(handle: TimerHandle): void;
}

/**
 * The default {@link Clock}: the process's own timers, looked up on every call so fake timers work.
 */
export const systemClock: Clock = Object.freeze({
  now: () => Date.now(),
  setTimeout: (callback: () => void, delayMs: number): TimerHandle => {
    // Not unref'd on purpose: a shard waiting out its reconnect backoff has no socket open, and its timer is
    // what keeps the bot's process alive. `Client.stop()` clears every timer instead.
    return globalThis.setTimeout(callback, delayMs);
  },
  clearTimeout: (handle: TimerHandle) => {
    globalThis.clearTimeout(handle as Parameters<typeof globalThis.clearTimeout>[0]);
  },
});
