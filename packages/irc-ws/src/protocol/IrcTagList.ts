/** Above this many tags, lookups switch from a linear scan to a lazily built `Map` index. */
const INDEX_THRESHOLD = 32;

/**
 * The full tag list behind the parser's `IrcTags` (built by `IrcTagBlock` when the tags are iterated), also used for
 * badges: the entries are fully parsed and unescaped, stored as a flat `[key, value, key, value, …]` array in wire
 * order, behind the `ReadonlyMap` interface.
 *
 * Why not a `Map`: on the reference line mix (node 20), filling a `Map` per line and reading the handful of tags a
 * handler uses was about 1.7× slower than this array, because every `Map.set` hashes a freshly sliced key while a
 * linear scan over ~20 keys mostly compares lengths. Plain objects were slower still (Twitch's varying tag orders
 * multiply hidden classes) and let keys such as `__proto__` collide with the prototype. For unusually large tag
 * blocks (more than 32 tags) a `Map` index is built on the first lookup, so lookups never degrade to quadratic.
 *
 * Iteration and `size` follow the tags as written, so a key sent twice (malformed; Twitch never does) is visited
 * twice, while `get` returns its last value.
 *
 * @internal
 */
export class IrcTagList<V = string | null> implements ReadonlyMap<string, V> {
  // `declare` + constructor stores, not `#private` fields: their initializers cost measurably per message on node 20.
  private declare readonly entryList: ReadonlyArray<string | V>;
  private declare map: Map<string, V> | undefined;

  constructor(entries: ReadonlyArray<string | V>) {
    this.entryList = entries;
    this.map = undefined;
  }

  private buildIndex(): Map<string, V> {
    if (this.map === undefined) {
      const map = new Map<string, V>();
      const entries = this.entryList;
      for (let index = 0; index < entries.length; index += 2) map.set(entries[index] as string, entries[index + 1] as V);
      this.map = map;
    }
    return this.map;
  }

  /** The position of the value of `key` (the last occurrence wins), or -1. */
  private find(key: string): number {
    const entries = this.entryList;
    const length = key.length;
    for (let index = entries.length - 2; index >= 0; index -= 2) {
      const candidate = entries[index] as string;
      if (candidate.length === length && candidate === key) return index + 1;
    }
    return -1;
  }

  get(key: string): V | undefined {
    if (this.entryList.length > INDEX_THRESHOLD * 2) return this.buildIndex().get(key);
    const found = this.find(key);
    return found === -1 ? undefined : (this.entryList[found] as V);
  }

  has(key: string): boolean {
    if (this.entryList.length > INDEX_THRESHOLD * 2) return this.buildIndex().has(key);
    return this.find(key) !== -1;
  }

  /** The number of tags as written (a key sent twice counts twice; Twitch never does that). */
  get size(): number {
    return this.entryList.length >> 1;
  }

  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    const entries = this.entryList;
    for (let index = 0; index < entries.length; index += 2) {
      callback.call(thisArg, entries[index + 1] as V, entries[index] as string, this);
    }
  }

  entries(): MapIterator<[string, V]> {
    return new TagIterator(this.entryList, ENTRY);
  }

  keys(): MapIterator<string> {
    return new TagIterator(this.entryList, KEY);
  }

  values(): MapIterator<V> {
    return new TagIterator(this.entryList, VALUE);
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return new TagIterator(this.entryList, ENTRY);
  }

  /** The tags as a plain object, for `JSON.stringify`. */
  toJSON(): Record<string, V> {
    return Object.fromEntries(this) as Record<string, V>;
  }
}

const ENTRY = 0;
const KEY = 1;
const VALUE = 2;

/** Iterates the flat entry array without building a `Map`. */
class TagIterator<T> implements MapIterator<T> {
  private declare readonly entryList: ReadonlyArray<unknown>;
  private declare readonly kind: number;
  private declare position: number;

  constructor(entries: ReadonlyArray<unknown>, kind: number) {
    this.entryList = entries;
    this.kind = kind;
    this.position = 0;
  }

  next(): IteratorResult<T, undefined> {
    const index = this.position;
    const entries = this.entryList;
    if (index >= entries.length) return { done: true, value: undefined };
    this.position = index + 2;
    const kind = this.kind;
    const value = kind === ENTRY ? [entries[index], entries[index + 1]] : kind === KEY ? entries[index] : entries[index + 1];
    return { done: false, value: value as T };
  }

  [Symbol.iterator](): MapIterator<T> {
    return this;
  }

  get [Symbol.toStringTag](): string {
    return 'Map Iterator';
  }
}
