import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidChannelError, normalizeChannelName, normalizeChannelNames } from '../../src/index.js';

const loginChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789_ABCXYZ'.split(''));

describe('normalizeChannelName', () => {
  it('strips one #, lower-cases and accepts 1-25 characters', () => {
    expect(normalizeChannelName('#Forsen')).toBe('forsen');
    expect(normalizeChannelName('a')).toBe('a');
    expect(normalizeChannelName('abc')).toBe('abc');
    expect(normalizeChannelName('x'.repeat(25))).toBe('x'.repeat(25));
  });

  it.each(['', '#', '##foo', 'foo bar', 'x'.repeat(26), 'föö', 'foo-bar', '#'.concat('a'.repeat(26))])('rejects %j', (name) => {
    expect(() => normalizeChannelName(name)).toThrow(InvalidChannelError);
  });

  it('accepts exactly the [a-z0-9_]{1,25} logins, in any case and with an optional # (property)', () => {
    fc.assert(
      fc.property(fc.array(loginChar, { minLength: 1, maxLength: 25 }).map((chars) => chars.join('')), fc.boolean(), (login, hash) => {
        expect(normalizeChannelName(hash ? `#${login}` : login)).toBe(login.toLowerCase());
      }),
    );
    fc.assert(
      fc.property(fc.string(), (input) => {
        const stripped = (input.startsWith('#') ? input.slice(1) : input).toLowerCase();
        const valid = /^[a-z0-9_]{1,25}$/.test(stripped);
        if (valid) expect(normalizeChannelName(input)).toBe(stripped);
        else expect(() => normalizeChannelName(input)).toThrow(InvalidChannelError);
      }),
    );
  });
});

describe('normalizeChannelNames', () => {
  it('de-duplicates after normalisation, keeping first-seen order', () => {
    expect(normalizeChannelNames(['#Foo', 'bar', 'foo', '#BAR', 'baz'])).toEqual(['foo', 'bar', 'baz']);
  });

  it('lists every bad name in one error', () => {
    let caught: unknown;
    try {
      normalizeChannelNames(['good', 'bad name', 'also-bad', 'fine']);
    } catch (error) {
      caught = error;
    }
    expect(InvalidChannelError.isInstance(caught)).toBe(true);
    const error = caught as InvalidChannelError;
    expect(error.code).toBe('INVALID_CHANNEL');
    expect(error.channels).toEqual(['"bad name"', '"also-bad"']);
    expect(error.message).toContain('2 channel names not valid');
    expect(error.message).toContain('1 to 25 characters');
  });
});
