/**
 * Options accepted by every {@link TioError} subclass.
 */
export interface TioErrorOptions {
  /** The underlying error, when this error wraps another one. */
  readonly cause?: unknown;
}

const MARKER_PREFIX = 'tio.error.';

/**
 * Base class of every error tio throws or reports.
 *
 * Each subclass has a stable {@link TioError.code} that programs can switch on, and a message written for the person
 * reading the log: the limit, the value seen and what to do next. Use the static `isInstance()` of a subclass
 * (for example `ShardCapacityError.isInstance(error)`) instead of `instanceof`: it keeps working when two copies of
 * `@tio/core` end up installed side by side, because the check uses a global `Symbol.for` marker.
 *
 * @example
 * ```ts
 * import { TioError } from '@tio/core';
 *
 * try {
 *   await client.start();
 * } catch (error) {
 *   if (TioError.isInstance(error)) console.error(error.code, error.message);
 *   else throw error;
 * }
 * ```
 */
export class TioError extends Error {
  /**
   * A stable, machine-readable identifier of the error kind, such as `SHARD_CAPACITY`.
   * Unlike the message, it never changes between releases.
   */
  readonly code: string;

  /**
   * Creates an error.
   *
   * @param code - The stable code of this kind of error.
   * @param message - What went wrong and what the user should do about it.
   * @param options - The wrapped cause, if any.
   */
  constructor(code: string, message: string, options: TioErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    // `new.target.name` is the subclass name, so stack traces and `inspect()` show `ShardCapacityError: …`.
    this.name = new.target.name;
    for (let prototype: object | null = new.target.prototype; prototype !== null && prototype !== Object.prototype; ) {
      const constructor = (prototype as { constructor?: { name?: string } }).constructor;
      if (constructor?.name) markAs(this, constructor.name);
      if (constructor === TioError) break;
      prototype = Object.getPrototypeOf(prototype) as object | null;
    }
  }

  /**
   * Tells whether `value` is an instance of this error class (or a subclass), even when it was created by another
   * installed copy of `@tio/core`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` when `value` carries this class's marker.
   */
  static isInstance<T extends TioError>(this: abstract new (...args: never[]) => T, value: unknown): value is T {
    if (typeof value !== 'object' || value === null) return false;
    return (value as Record<symbol, unknown>)[Symbol.for(MARKER_PREFIX + this.name)] === true;
  }
}

function markAs(error: TioError, className: string): void {
  Object.defineProperty(error, Symbol.for(MARKER_PREFIX + className), { value: true, enumerable: false });
}
