import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CooldownTracker } from '../../src/index.js';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('CooldownTracker', () => {
  it('opens a window on first use and reports when it ends', () => {
    const tracker = new CooldownTracker();
    expect(tracker.retryAfter('k')).toBe(0);
    tracker.consume('k', 10_000);
    expect(tracker.retryAfter('k')).toBe(10_000);
    vi.advanceTimersByTime(4_000);
    expect(tracker.retryAfter('k')).toBe(6_000);
    vi.advanceTimersByTime(6_000);
    expect(tracker.retryAfter('k')).toBe(0);
    expect(tracker.size).toBe(0);
  });

  it('allows several uses per window', () => {
    const tracker = new CooldownTracker();
    tracker.consume('k', 1_000);
    expect(tracker.retryAfter('k', 2)).toBe(0);
    tracker.consume('k', 1_000);
    expect(tracker.retryAfter('k', 2)).toBe(1_000);
  });

  it('keeps keys apart, and resets one, a prefix, or all', () => {
    const tracker = new CooldownTracker();
    tracker.consume('a\u0000x', 1_000);
    tracker.consume('a\u0000y', 1_000);
    tracker.consume('b', 1_000);
    expect(tracker.retryAfter('c')).toBe(0);
    tracker.reset('b');
    expect(tracker.retryAfter('b')).toBe(0);
    tracker.resetPrefix('a\u0000');
    expect(tracker.size).toBe(0);
    tracker.consume('d', 1_000);
    tracker.reset();
    expect(tracker.retryAfter('d')).toBe(0);
  });

  it('sweeps expired windows once many keys pile up, without a timer', () => {
    const tracker = new CooldownTracker({ sweepThreshold: 10 });
    for (let index = 0; index < 9; index++) tracker.consume(`old-${index}`, 100);
    vi.advanceTimersByTime(200);
    expect(tracker.size).toBe(9);
    tracker.consume('new', 100);
    expect(tracker.size).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('uses an injected clock', () => {
    let now = 1_000;
    const tracker = new CooldownTracker({ clock: { now: () => now, setTimeout: () => 0, clearTimeout: () => undefined } });
    tracker.consume('k', 500);
    now = 1_400;
    expect(tracker.retryAfter('k')).toBe(100);
  });
});
