/**
 * An opaque timer handle returned by {@link Clock.setTimeout}.
 */
export type TimerHandle = unknown;

/**
 * The time source of a {@link MockTwitchServer}: keepalive, rate-limit windows, slow mode, the duplicate window,
 * reconnect grace and `simulateChat` all read it.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `callback` once after `delayMs`. */
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  /** Cancels a timer made by {@link Clock.setTimeout}; unknown handles are ignored. */
  clearTimeout(handle: TimerHandle): void;
}

/**
 * The default clock. Every method reads the globals at call time, so `vi.useFakeTimers()` installed after the
 * server was built still takes effect.
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, delayMs) => globalThis.setTimeout(callback, delayMs),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};
