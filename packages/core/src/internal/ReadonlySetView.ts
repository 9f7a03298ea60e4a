/**
 * A read-only window onto a live `Set`: it reflects later changes but offers no way to mutate the set, not even by
 * casting (design note G2: a manager once mutated a shard's private channel set).
 *
 * @internal
 */
export class ReadonlySetView<T> implements ReadonlySet<T> {
  readonly #source: () => ReadonlySet<T>;

  /**
   * @param source - Returns the set to show (called on every access, so a replaced set is followed too).
   */
  constructor(source: () => ReadonlySet<T>) {
    this.#source = source;
  }

  /** The number of elements. */
  get size(): number {
    return this.#source().size;
  }

  /**
   * @param value - A value.
   * @returns Whether the set holds it.
   */
  has(value: T): boolean {
    return this.#source().has(value);
  }

  /**
   * Calls `callback` for each element.
   *
   * @param callback - Called with each value.
   * @param thisArg - `this` for the callback.
   */
  forEach(callback: (value: T, value2: T, set: ReadonlySet<T>) => void, thisArg?: unknown): void {
    for (const value of this.#source()) callback.call(thisArg, value, value, this);
  }

  /** @returns An iterator over `[value, value]` pairs. */
  entries(): SetIterator<[T, T]> {
    return this.#source().entries() as SetIterator<[T, T]>;
  }

  /** @returns An iterator over the values. */
  keys(): SetIterator<T> {
    return this.#source().keys() as SetIterator<T>;
  }

  /** @returns An iterator over the values. */
  values(): SetIterator<T> {
    return this.#source().values() as SetIterator<T>;
  }

  /** @returns An iterator over the values. */
  [Symbol.iterator](): SetIterator<T> {
    return this.#source()[Symbol.iterator]() as SetIterator<T>;
  }

  /** Shows the values, like a `Set`. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `ReadonlySet(${this.size}) { ${[...this.#source()].map((value) => String(value)).join(', ')} }`;
  }
}
