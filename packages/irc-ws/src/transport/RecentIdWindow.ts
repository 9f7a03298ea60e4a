/**
 * Remembers the last `capacity` message ids to drop duplicates: Twitch may deliver a message twice (protocol reference
 * §1.2, §5.13), and during a make-before-break RECONNECT both sockets deliver the same messages for a while (§2).
 *
 * A ring buffer plus a set: constant time per id, fixed memory, the oldest id forgotten first.
 *
 * @internal
 */
export class RecentIdWindow {
  readonly #ids = new Set<string>();
  readonly #ring: Array<string | undefined>;
  #next = 0;

  /**
   * Creates an empty window.
   *
   * @param capacity - How many ids to remember.
   */
  constructor(readonly capacity: number) {
    this.#ring = new Array<string | undefined>(capacity).fill(undefined);
  }

  /**
   * Records `id` unless it is already known.
   *
   * @param id - A message id.
   * @returns `true` when the id is new (deliver the message), `false` when it was seen within the window.
   */
  add(id: string): boolean {
    if (this.#ids.has(id)) return false;
    if (this.capacity === 0) return true;
    const evicted = this.#ring[this.#next];
    if (evicted !== undefined) this.#ids.delete(evicted);
    this.#ring[this.#next] = id;
    this.#next = (this.#next + 1) % this.capacity;
    this.#ids.add(id);
    return true;
  }

  /** How many ids are remembered. */
  get size(): number {
    return this.#ids.size;
  }
}
