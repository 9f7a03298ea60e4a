import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Backoff } from '../../src/transport/Backoff.js';

describe('Backoff', () => {
  it('doubles from the initial delay up to the cap, and starts over after reset', () => {
    const backoff = new Backoff({ initialDelayMs: 1_000, maxDelayMs: 60_000, multiplier: 2, jitter: 0, random: () => 0.5 });
    const delays = Array.from({ length: 9 }, () => backoff.next());
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
    expect(backoff.attempt).toBe(9);
    backoff.reset();
    expect(backoff.attempt).toBe(0);
    expect(backoff.next()).toBe(1_000);
  });

  it('spreads delays by the jitter', () => {
    const low = new Backoff({ initialDelayMs: 1_000, maxDelayMs: 60_000, multiplier: 2, jitter: 0.2, random: () => 0 });
    const high = new Backoff({ initialDelayMs: 1_000, maxDelayMs: 60_000, multiplier: 2, jitter: 0.2, random: () => 0.999_999 });
    expect(low.next()).toBe(800);
    expect(high.next()).toBe(1_200);
  });

  it('never returns a negative delay or one above the cap, however long it keeps failing', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 120_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 0.999_999, noNaN: true }),
        fc.integer({ min: 1, max: 200 }),
        (initialDelayMs, extra, jitter, random, attempts) => {
          const maxDelayMs = initialDelayMs + extra;
          const backoff = new Backoff({ initialDelayMs, maxDelayMs, multiplier: 2, jitter, random: () => random });
          for (let index = 0; index < attempts; index++) {
            const delay = backoff.next();
            expect(delay).toBeGreaterThanOrEqual(0);
            expect(delay).toBeLessThanOrEqual(maxDelayMs);
            expect(Number.isFinite(delay)).toBe(true);
          }
        },
      ),
    );
  });
});
