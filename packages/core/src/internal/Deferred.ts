/**
 * A promise with its settle functions exposed.
 *
 * @internal
 */
export interface Deferred<T> {
  /** The promise. */
  readonly promise: Promise<T>;
  /** Resolves it. */
  resolve(value: T): void;
  /** Rejects it. */
  reject(error: unknown): void;
}

/**
 * Creates a {@link Deferred}.
 *
 * @returns A new pending deferred.
 * @internal
 */
export function createDeferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((resolvePromise, rejectPromise) => {
    resolve = resolvePromise;
    reject = rejectPromise;
  });
  return { promise, resolve, reject };
}

/**
 * Turns anything thrown into an `Error`.
 *
 * @param value - What was thrown.
 * @returns `value` itself when it is an `Error`, otherwise an `Error` describing it.
 * @internal
 */
export function toError(value: unknown): Error {
  if (value instanceof Error) return value;
  return new Error(typeof value === 'string' ? value : `Non-error value thrown: ${typeof value}`);
}

/**
 * The reason an aborted signal carries, as an `Error`.
 *
 * @param signal - An aborted signal.
 * @returns Its reason.
 * @internal
 */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  const error = new Error('The operation was aborted');
  error.name = 'AbortError';
  return error;
}

/** The symbol Node's `util.inspect` looks for. @internal */
export const inspectSymbol: unique symbol = Symbol.for('nodejs.util.inspect.custom');
