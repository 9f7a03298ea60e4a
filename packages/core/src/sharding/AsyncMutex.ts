/**
 * A first-in, first-out async lock. `BaseShardManager` runs every mutation (`setup`, `assignShard`,
 * `releaseChannel`) under one, so two concurrent joins can never both see a shard with one free place and overfill
 * it (design note P8).
 *
 * @example
 * ```ts
 * const mutex = new AsyncMutex();
 * await mutex.runExclusive(async () => { await placeChannel('a'); });
 * ```
 */
export class AsyncMutex {
  #tail: Promise<void> = Promise.resolve();
  #locked = 0;

  /** Whether a task holds or waits for the lock. */
  get locked(): boolean {
    return this.#locked > 0;
  }

  /**
   * Runs `task` once every task queued before it has finished.
   *
   * @param task - The work to run alone. It must not call `runExclusive` on the same mutex (that would deadlock).
   * @returns What `task` returns.
   * @throws Whatever `task` throws; the lock is released either way.
   */
  runExclusive<T>(task: () => T | Promise<T>): Promise<T> {
    this.#locked++;
    const result = this.#tail.then(task);
    this.#tail = result.then(
      () => undefined,
      () => undefined,
    );
    void this.#tail.then(() => {
      this.#locked--;
    });
    return result;
  }
}
