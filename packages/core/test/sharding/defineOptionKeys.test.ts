import { describe, expect, it } from 'vitest';
import { defineOptionKeys } from '../../src/index.js';

describe('defineOptionKeys', () => {
  it('returns the names, frozen', () => {
    const keys = defineOptionKeys<{ readonly a?: number; readonly b?: string }>()('a', 'b');
    expect(keys).toEqual(['a', 'b']);
    expect(Object.isFrozen(keys)).toBe(true);
  });
});
