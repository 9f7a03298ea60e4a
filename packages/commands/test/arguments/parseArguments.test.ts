import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arg, formatUsage, parseArguments, tokenize, type ArgumentSchema } from '../../src/index.js';

const give = { user: arg.user(), amount: arg.integer({ min: 1 }), reason: arg.rest({ optional: true }) };

describe('tokenize', () => {
  it('splits on spaces and groups quoted phrases', () => {
    expect(tokenize('bob "big hug"  now')).toEqual(['bob', 'big hug', 'now']);
    expect(tokenize('  a\tb ')).toEqual(['a', 'b']);
    expect(tokenize('')).toEqual([]);
  });

  it('accepts the curly quotes phone keyboards type, and runs an unclosed quote to the end', () => {
    expect(tokenize('“hello there” x')).toEqual(['hello there', 'x']);
    expect(tokenize('„hallo welt“ x')).toEqual(['hallo welt', 'x']);
    expect(tokenize('say "unclosed words ')).toEqual(['say', 'unclosed words']);
    expect(tokenize('"" x')).toEqual(['', 'x']);
  });

  it('drops the U+E0000 suffix chat clients append to dodge the duplicate filter', () => {
    expect(tokenize('5 \u{E0000}')).toEqual(['5']);
    expect(tokenize('a \u{E0000} b')).toEqual(['a', 'b']);
  });
});

describe('parseArguments', () => {
  it('reads typed values in schema order', () => {
    expect(parseArguments(give, '@Bob 5 for being "nice"  ')).toEqual({
      ok: true,
      args: { user: 'bob', amount: 5, reason: 'for being "nice"' },
    });
    expect(parseArguments(give, 'bob 5')).toEqual({ ok: true, args: { user: 'bob', amount: 5, reason: undefined } });
  });

  it('starts at an offset, so the command name is not copied', () => {
    expect(parseArguments(give, '!give bob 3', 5)).toEqual({ ok: true, args: { user: 'bob', amount: 3, reason: undefined } });
  });

  it('says which argument was wrong, and what was seen', () => {
    expect(parseArguments(give, 'bob abc')).toEqual({
      ok: false,
      failure: { argument: 'amount', problem: 'invalid', value: 'abc', detail: "amount must be a whole number, got 'abc'" },
    });
    expect(parseArguments(give, 'bob 0')).toMatchObject({ ok: false, failure: { detail: "amount must be at least 1, got '0'" } });
    expect(parseArguments(give, 'bob')).toEqual({
      ok: false,
      failure: { argument: 'amount', problem: 'missing', value: undefined, detail: 'amount is missing' },
    });
    expect(parseArguments(give, '')).toMatchObject({ ok: false, failure: { argument: 'user', problem: 'missing' } });
    expect(parseArguments(give, '"bad name" 1')).toMatchObject({
      ok: false,
      failure: { detail: "user must be a Twitch user name (letters, digits and _, at most 25), got 'bad name'" },
    });
  });

  it('shortens long bad values in the detail', () => {
    const result = parseArguments({ amount: arg.integer() }, 'x'.repeat(100));
    expect(result).toMatchObject({ ok: false, failure: { detail: `amount must be a whole number, got '${'x'.repeat(25)}…'` } });
  });

  it('fills defaults and ignores extra words', () => {
    const schema = { sides: arg.integer({ default: 6 }), times: arg.integer({ optional: true }) };
    expect(parseArguments(schema, '')).toEqual({ ok: true, args: { sides: 6, times: undefined } });
    expect(parseArguments(schema, '20 2 please')).toEqual({ ok: true, args: { sides: 20, times: 2 } });
  });

  it('reads every built-in kind', () => {
    const schema = {
      word: arg.string({ maxLength: 5 }),
      ratio: arg.number({ max: 2 }),
      on: arg.boolean(),
      side: arg.choice(['heads', 'tails']),
      length: arg.duration({ maxMs: 86_400_000 }),
    };
    expect(parseArguments(schema, '"a b" .5 YES Tails 1h30m')).toEqual({
      ok: true,
      args: { word: 'a b', ratio: 0.5, on: true, side: 'tails', length: 5_400_000 },
    });
    expect(parseArguments(schema, 'toolong 1 on heads 1m')).toMatchObject({ failure: { detail: "word must be at most 5 characters long, got 'toolong'" } });
    expect(parseArguments(schema, 'a 3 on heads 1m')).toMatchObject({ failure: { detail: "ratio must be at most 2, got '3'" } });
    expect(parseArguments(schema, 'a 1 maybe heads 1m')).toMatchObject({ failure: { argument: 'on' } });
    expect(parseArguments(schema, 'a 1 on edge 1m')).toMatchObject({ failure: { detail: "side must be one of heads, tails, got 'edge'" } });
    expect(parseArguments(schema, 'a 1 on heads 2d')).toMatchObject({ failure: { detail: "length must be at most 24h, got '2d'" } });
    expect(parseArguments({ seconds: arg.duration() }, '90')).toEqual({ ok: true, args: { seconds: 90_000 } });
    expect(parseArguments({ d: arg.duration() }, '"2 days"')).toEqual({ ok: true, args: { d: 172_800_000 } });
    expect(parseArguments({ d: arg.duration() }, '10 minutes')).toEqual({ ok: true, args: { d: 10_000 } });
    expect(parseArguments({ d: arg.duration() }, 'soon')).toMatchObject({ ok: false });
    expect(parseArguments({ n: arg.integer() }, '99999999999999999999')).toMatchObject({ ok: false });
    expect(parseArguments({ n: arg.number() }, '1e999')).toMatchObject({ failure: { detail: "n must be a finite number, got '1e999'" } });
  });

  it('runs custom parsers', () => {
    const color = arg.custom({
      kind: 'color',
      parse: (raw) => (/^#[0-9a-f]{6}$/i.test(raw) ? { ok: true, value: raw.toLowerCase() } : { ok: false, problem: 'must be a colour like #ff0000' }),
    });
    expect(parseArguments({ color }, '#FF0000')).toEqual({ ok: true, args: { color: '#ff0000' } });
    expect(parseArguments({ color }, 'red')).toMatchObject({ failure: { detail: "color must be a colour like #ff0000, got 'red'" } });
  });

  it('formats usage lines', () => {
    expect(formatUsage('!give', give)).toBe('!give <user> <amount> [reason...]');
    expect(formatUsage('!ping', {})).toBe('!ping');
    expect(formatUsage('!say', { text: arg.rest() })).toBe('!say <text...>');
  });

  it('never throws, whatever chat sends (property)', () => {
    const schemas: ArgumentSchema[] = [
      give,
      { a: arg.string(), b: arg.number({ min: 0 }), c: arg.boolean({ optional: true }), d: arg.duration({ optional: true }) },
      { side: arg.choice(['x', 'y']), rest: arg.rest({ maxLength: 10 }) },
      { n: arg.integer({ default: 1 }) },
    ];
    fc.assert(
      fc.property(fc.constantFrom(...schemas), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.nat(70), (schema, text, start) => {
        const result = parseArguments(schema, text, start);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(result.failure.detail.length).toBeLessThan(200);
      }),
      { numRuns: 1_000 },
    );
    // Chat-shaped noise: separators, every kind of quote, signs and digits, any code point, and lone surrogates.
    const unit = fc.oneof(
      fc.constantFrom(' ', '\t', '"', '“', '”', '„', '@', '-', '+', '.', 'e', '5', '\u{E0000}', '\u3000', '\u00A0'),
      fc.integer({ min: 0, max: 0x10ffff }).map((code) => String.fromCodePoint(code)),
      fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 60 }), (text) => {
        parseArguments(give, text);
        tokenize(text);
      }),
      { numRuns: 1_000 },
    );
  });

  it('round-trips plain words (property)', () => {
    const word = fc.stringMatching(/^[a-zA-Z0-9_]{1,12}$/);
    fc.assert(
      fc.property(fc.array(word, { maxLength: 8 }), fc.constantFrom(' ', '  ', '\t'), (words, separator) => {
        expect(tokenize(words.join(separator))).toEqual(words);
      }),
    );
  });
});
