import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecentIdWindow } from '../../src/transport/RecentIdWindow.js';

describe('RecentIdWindow', () => {
  it('reports an id seen within the window, and forgets the oldest first', () => {
    const window = new RecentIdWindow(2);
    expect(window.add('a')).toBe(true);
    expect(window.add('a')).toBe(false);
    expect(window.add('b')).toBe(true);
    expect(window.add('c')).toBe(true); // evicts a
    expect(window.add('b')).toBe(false);
    expect(window.add('a')).toBe(true);
    expect(window.size).toBe(2);
  });

  it('with capacity 0 remembers nothing', () => {
    const window = new RecentIdWindow(0);
    expect(window.add('a')).toBe(true);
    expect(window.add('a')).toBe(true);
  });

  it('never holds more than its capacity and never drops an id still inside the window', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 200 }), (capacity, ids) => {
        const window = new RecentIdWindow(capacity);
        const accepted: string[] = [];
        for (const value of ids) {
          const id = String(value);
          const fresh = window.add(id);
          // A model: the id is a duplicate exactly when it is among the last `capacity` accepted ids.
          const expectedFresh = !accepted.slice(-capacity).includes(id);
          expect(fresh).toBe(expectedFresh);
          if (fresh) accepted.push(id);
          expect(window.size).toBeLessThanOrEqual(capacity);
        }
      }),
    );
  });
});
