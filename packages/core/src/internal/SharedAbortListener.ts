/**
 * Registers at most one `abort` listener per signal however many waits share it, so a transport that passes one
 * signal to hundreds of limiter waits does not trigger Node's `MaxListenersExceededWarning`.
 *
 * @internal
 */
export class SharedAbortListener {
  readonly #callbacks = new Map<AbortSignal, { readonly listener: () => void; readonly callbacks: Set<() => void> }>();

  /**
   * Calls `callback` when `signal` aborts, until the returned function is called.
   *
   * @param signal - The signal.
   * @param callback - What to do on abort.
   * @returns Removes the callback.
   */
  add(signal: AbortSignal, callback: () => void): () => void {
    let entry = this.#callbacks.get(signal);
    if (entry === undefined) {
      const callbacks = new Set<() => void>();
      const listener = (): void => {
        this.#callbacks.delete(signal);
        for (const registered of [...callbacks]) registered();
      };
      entry = { listener, callbacks };
      this.#callbacks.set(signal, entry);
      signal.addEventListener('abort', listener, { once: true });
    }
    const current = entry;
    current.callbacks.add(callback);
    return () => {
      current.callbacks.delete(callback);
      if (current.callbacks.size === 0 && this.#callbacks.get(signal) === current) {
        this.#callbacks.delete(signal);
        signal.removeEventListener('abort', current.listener);
      }
    };
  }
}
