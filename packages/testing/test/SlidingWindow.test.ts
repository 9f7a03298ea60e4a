import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SlidingWindow } from '../src/index.js';

describe('SlidingWindow', () => {
  it('allows N events in a window and refuses the N+1-th within W of the first', () => {
    const window = new SlidingWindow(3, 1_000);
    expect([window.hit(0), window.hit(10), window.hit(999)]).toEqual([true, true, true]);
    expect(window.hit(999)).toBe(false);
    expect(window.size(1_000)).toBe(3); // the event at 0 left; 10, 999 and the refused 999 remain
    expect(window.allows(1_010)).toBe(true);
  });

  it('matches a brute-force count of events in (now - W, now] for any sequence', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 100 }),
        fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 40 }),
        (count, windowMs, gaps) => {
          const window = new SlidingWindow(count, windowMs);
          const times: number[] = [];
          let now = 0;
          for (const gap of gaps) {
            now += gap;
            const inWindow = times.filter((time) => now - time < windowMs).length;
            expect(window.hit(now)).toBe(inWindow < count);
            times.push(now);
          }
        },
      ),
    );
  });
});
