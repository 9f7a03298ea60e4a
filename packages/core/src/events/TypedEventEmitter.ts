import { TimeoutError } from '../errors/TimeoutError.js';
import { StoppedError } from '../errors/StoppedError.js';
import { abortReason, toError } from '../internal/Deferred.js';
import { systemClock, type Clock, type TimerHandle } from '../time/Clock.js';

/**
 * An event map: each event name maps to the tuple of arguments its listeners receive. Used as a constraint,
 * `E extends EventMap<E>`, so interfaces work as event maps.
 */
export type EventMap<E> = { readonly [K in keyof E]: readonly unknown[] };

/**
 * A listener of event `K` of map `E`. It may be async; a rejected promise is reported like a thrown error.
 */
export type EventListener<E extends EventMap<E>, K extends keyof E> = (...args: E[K]) => unknown;

/**
 * Options of {@link TypedEventEmitter.waitFor}.
 */
export interface WaitForOptions<Args extends readonly unknown[]> {
  /** Only arguments for which this returns `true` end the wait. */
  readonly filter?: (...args: Args) => boolean;
  /** Aborts the wait; the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Rejects with a `TimeoutError` after this many milliseconds. */
  readonly timeoutMs?: number;
}

/**
 * Options of {@link TypedEventEmitter}.
 */
export interface TypedEventEmitterOptions {
  /**
   * Called when a listener throws or its promise rejects. The `Client` turns this into an `error` event, so a buggy
   * listener never stops a shard.
   */
  readonly onListenerError?: (error: Error, event: string) => void;
  /** The clock for `waitFor` timeouts. @defaultValue {@link systemClock} */
  readonly clock?: Clock;
}

interface Waiter {
  cancel(error: Error): void;
}

/**
 * A small, fully typed event emitter: `on`, `off`, `once`, `emit` and a promise-based `waitFor`. Unlike Node's
 * `EventEmitter` it has no listener limit warning, never throws from `emit` because of a listener, and has no special
 * `error` behaviour of its own.
 *
 * @typeParam E - The event map.
 *
 * @example
 * ```ts
 * const emitter = new TypedEventEmitter<{ tick: [count: number] }>();
 * emitter.on('tick', (count) => console.log(count));
 * emitter.emit('tick', 1);
 * ```
 */
export class TypedEventEmitter<E extends EventMap<E>> {
  readonly #listeners = new Map<keyof E, Array<(...args: never[]) => unknown>>();
  readonly #onListenerError: (error: Error, event: string) => void;
  readonly #clock: Clock;
  readonly #waiters = new Set<Waiter>();
  /** Set by {@link TypedEventEmitter.cancelWaits}: the owner stopped, so a new wait could never end. */
  #closed = false;

  /**
   * Creates an emitter.
   *
   * @param options - Where listener errors go, and the clock for timeouts.
   */
  constructor(options: TypedEventEmitterOptions = {}) {
    this.#onListenerError = options.onListenerError ?? (() => undefined);
    this.#clock = options.clock ?? systemClock;
  }

  /**
   * Adds a listener.
   *
   * @param event - The event name.
   * @param listener - Called with the event's arguments each time it is emitted.
   * @returns This emitter, for chaining.
   */
  on<K extends keyof E>(event: K, listener: EventListener<E, K>): this {
    const current = this.#listeners.get(event) ?? [];
    // Copy on write: an emit in progress keeps iterating over the array it started with.
    this.#listeners.set(event, [...current, listener as (...args: never[]) => unknown]);
    return this;
  }

  /**
   * Adds a listener that is removed after its first call.
   *
   * @param event - The event name.
   * @param listener - Called once.
   * @returns This emitter, for chaining.
   */
  once<K extends keyof E>(event: K, listener: EventListener<E, K>): this {
    const wrapper = ((...args: E[K]) => {
      this.off(event, wrapper);
      return listener(...args);
    }) as EventListener<E, K> & { listener?: unknown };
    wrapper.listener = listener;
    return this.on(event, wrapper);
  }

  /**
   * Removes a listener added with {@link TypedEventEmitter.on} or {@link TypedEventEmitter.once}.
   *
   * @param event - The event name.
   * @param listener - The listener to remove; unknown listeners are ignored.
   * @returns This emitter, for chaining.
   */
  off<K extends keyof E>(event: K, listener: EventListener<E, K>): this {
    const current = this.#listeners.get(event);
    if (current === undefined) return this;
    const index = current.findIndex(
      (candidate) => candidate === listener || (candidate as { listener?: unknown }).listener === listener,
    );
    if (index === -1) return this;
    const next = [...current.slice(0, index), ...current.slice(index + 1)];
    if (next.length === 0) this.#listeners.delete(event);
    else this.#listeners.set(event, next);
    return this;
  }

  /**
   * Removes every listener of one event, or of all events.
   *
   * @param event - The event name; omit it to clear everything.
   * @returns This emitter, for chaining.
   */
  removeAllListeners(event?: keyof E): this {
    if (event === undefined) this.#listeners.clear();
    else this.#listeners.delete(event);
    return this;
  }

  /**
   * @param event - The event name.
   * @returns How many listeners the event has.
   */
  listenerCount(event: keyof E): number {
    return this.#listeners.get(event)?.length ?? 0;
  }

  /**
   * Calls every listener of `event` in the order they were added. A listener that throws, or returns a promise that
   * rejects, is reported to `onListenerError`; the other listeners still run.
   *
   * @param event - The event name.
   * @param args - The event's arguments.
   * @returns Whether the event had listeners.
   */
  emit<K extends keyof E>(event: K, ...args: E[K]): boolean {
    const listeners = this.#listeners.get(event);
    if (listeners === undefined) return false;
    for (const listener of listeners) {
      try {
        const result = (listener as (...args: E[K]) => unknown)(...args);
        if (typeof result === 'object' && result !== null && typeof (result as PromiseLike<unknown>).then === 'function') {
          (result as PromiseLike<unknown>).then(undefined, (error: unknown) => this.#reportListenerError(error, event));
        }
      } catch (error) {
        this.#reportListenerError(error, event);
      }
    }
    return true;
  }

  /**
   * Waits for the next emission of `event` that passes `filter`.
   *
   * @param event - The event name.
   * @param options - A filter, an abort signal and a time limit.
   * @returns The event's arguments.
   * @throws {@link TimeoutError} when `timeoutMs` passes first; the signal's reason when it aborts;
   *   {@link StoppedError} when {@link TypedEventEmitter.cancelWaits} is called, or was called before.
   */
  waitFor<K extends keyof E>(event: K, options: WaitForOptions<E[K]> = {}): Promise<E[K]> {
    return new Promise<E[K]>((resolve, reject) => {
      if (this.#closed) {
        reject(new StoppedError('waitFor()'));
        return;
      }
      const { filter, signal, timeoutMs } = options;
      if (signal?.aborted) {
        reject(abortReason(signal));
        return;
      }
      let timer: TimerHandle | undefined;
      const cleanup = (): void => {
        this.off(event, listener);
        signal?.removeEventListener('abort', onAbort);
        if (timer !== undefined) this.#clock.clearTimeout(timer);
        this.#waiters.delete(waiter);
      };
      const listener = ((...args: E[K]) => {
        if (filter !== undefined && !filter(...args)) return;
        cleanup();
        resolve(args);
      }) as EventListener<E, K>;
      const onAbort = (): void => {
        cleanup();
        reject(abortReason(signal as AbortSignal));
      };
      const waiter: Waiter = {
        cancel: (error) => {
          cleanup();
          reject(error);
        },
      };
      this.#waiters.add(waiter);
      this.on(event, listener);
      signal?.addEventListener('abort', onAbort, { once: true });
      if (timeoutMs !== undefined) {
        timer = this.#clock.setTimeout(() => {
          cleanup();
          reject(new TimeoutError(`the "${String(event)}" event`, timeoutMs));
        }, timeoutMs);
      }
    });
  }

  /**
   * Rejects every pending {@link TypedEventEmitter.waitFor} with a {@link StoppedError} and clears their timers. Later
   * `waitFor` calls reject the same way at once (the owner stopped, so nothing would ever end them); listeners added
   * with `on` and `once` keep working.
   */
  cancelWaits(): void {
    this.#closed = true;
    for (const waiter of [...this.#waiters]) waiter.cancel(new StoppedError('waitFor()'));
  }

  #reportListenerError(error: unknown, event: keyof E): void {
    try {
      this.#onListenerError(toError(error), String(event));
    } catch {
      // The error handler itself failed; nothing sensible is left to do, and emit must never throw.
    }
  }
}
