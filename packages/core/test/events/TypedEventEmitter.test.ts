import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StoppedError, TimeoutError, TypedEventEmitter } from '../../src/index.js';

interface Events {
  tick: [count: number];
  done: [];
}

describe('TypedEventEmitter', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('supports on, once and off', () => {
    const emitter = new TypedEventEmitter<Events>();
    const seen: number[] = [];
    const listener = (count: number) => void seen.push(count);
    emitter.on('tick', listener);
    emitter.once('tick', (count) => void seen.push(count * 10));
    emitter.emit('tick', 1);
    emitter.emit('tick', 2);
    emitter.off('tick', listener);
    expect(emitter.emit('tick', 3)).toBe(false);
    expect(seen).toEqual([1, 10, 2]);
  });

  it('removes a once listener by its original function', () => {
    const emitter = new TypedEventEmitter<Events>();
    const listener = vi.fn();
    emitter.once('done', listener);
    emitter.off('done', listener);
    emitter.emit('done');
    expect(listener).not.toHaveBeenCalled();
  });

  it('reports throwing and rejecting listeners, and keeps calling the others', async () => {
    const errors: Array<[string, string]> = [];
    const emitter = new TypedEventEmitter<Events>({ onListenerError: (error, event) => errors.push([error.message, event]) });
    const after = vi.fn();
    emitter.on('tick', () => {
      throw new Error('sync boom');
    });
    emitter.on('tick', async () => {
      throw new Error('async boom');
    });
    emitter.on('tick', after);
    expect(() => emitter.emit('tick', 1)).not.toThrow();
    await Promise.resolve();
    expect(after).toHaveBeenCalledWith(1);
    expect(errors).toEqual([
      ['sync boom', 'tick'],
      ['async boom', 'tick'],
    ]);
  });

  it('has no listener limit warning', () => {
    const warning = vi.spyOn(process, 'emitWarning');
    const emitter = new TypedEventEmitter<Events>();
    for (let index = 0; index < 100; index++) emitter.on('tick', () => undefined);
    expect(emitter.listenerCount('tick')).toBe(100);
    expect(warning).not.toHaveBeenCalled();
    warning.mockRestore();
  });

  it('waitFor resolves with the first matching arguments and cleans up', async () => {
    const emitter = new TypedEventEmitter<Events>();
    const waiting = emitter.waitFor('tick', { filter: (count) => count > 1, timeoutMs: 1_000 });
    emitter.emit('tick', 1);
    emitter.emit('tick', 2);
    await expect(waiting).resolves.toEqual([2]);
    expect(emitter.listenerCount('tick')).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('waitFor times out, aborts and is cancelled', async () => {
    const emitter = new TypedEventEmitter<Events>();
    const timedOut = emitter.waitFor('done', { timeoutMs: 50 });
    const rejection = expect(timedOut).rejects.toSatisfy((error) => TimeoutError.isInstance(error));
    await vi.advanceTimersByTimeAsync(50);
    await rejection;

    const controller = new AbortController();
    const aborted = emitter.waitFor('done', { signal: controller.signal });
    controller.abort(new Error('go away'));
    await expect(aborted).rejects.toThrow('go away');

    const cancelled = emitter.waitFor('done', { timeoutMs: 10_000 });
    emitter.cancelWaits();
    await expect(cancelled).rejects.toSatisfy((error) => StoppedError.isInstance(error));
    expect(vi.getTimerCount()).toBe(0);
    expect(emitter.listenerCount('done')).toBe(0);
  });

  it('waitFor after cancelWaits rejects at once with StoppedError instead of never settling', async () => {
    const emitter = new TypedEventEmitter<Events>();
    emitter.cancelWaits();
    await expect(emitter.waitFor('done')).rejects.toSatisfy((error) => StoppedError.isInstance(error));
    expect(emitter.listenerCount('done')).toBe(0);
    // Plain listeners still work.
    let calls = 0;
    emitter.on('done', () => void calls++);
    emitter.emit('done');
    expect(calls).toBe(1);
  });
});
