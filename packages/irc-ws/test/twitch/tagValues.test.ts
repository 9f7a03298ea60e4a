import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEmotes } from '../../src/twitch/tagValues.js';

interface Occurrence {
  id: string;
  start: number;
  end: number;
}

/**
 * An independent oracle for the `emotes` tag, written for clarity rather than speed: code points from `Array.from`,
 * every number sliced and checked with a regular expression, the offsets of every code point computed up front.
 */
function reference(value: string, text: string): Occurrence[] {
  const codePoints = Array.from(text);
  const offsets = [0];
  for (const codePoint of codePoints) offsets.push((offsets[offsets.length - 1] as number) + codePoint.length);
  const result: Occurrence[] = [];
  let position = 0;
  while (position < value.length) {
    const colon = value.indexOf(':', position);
    if (colon === -1) break;
    const id = value.slice(position, colon);
    let rangesEnd = value.indexOf('/', colon + 1);
    if (rangesEnd === -1) rangesEnd = value.length;
    for (const range of value.slice(colon + 1, rangesEnd).split(',')) {
      const match = /^(\d{1,9})-(\d{1,9})$/.exec(range);
      if (match === null) continue;
      const first = Number(match[1]);
      const last = Number(match[2]);
      if (first >= codePoints.length || last < first) continue;
      const end = Math.min(last + 1, codePoints.length);
      result.push({ id, start: offsets[first] as number, end: offsets[end] as number });
    }
    position = rangesEnd + 1;
  }
  return result.sort((left, right) => left.start - right.start);
}

const textUnit = fc.constantFrom('a', 'b', ' ', 'é', '😀', '👉', '\uD83D', '\uDC49', 'Kappa', '\u0001');
const text = fc.array(textUnit, { maxLength: 30 }).map((units) => units.join(''));
const number = fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 2_000_000_000 }).map(String).map(Number));
const range = fc.oneof(
  fc.tuple(number, number).map(([first, last]) => `${first}-${last}`),
  fc.constantFrom('', '-', '1-', '-2', '1-2-3', 'x-1', '1-x', '01-02', '0000000001-2', '1234567890-1234567891', '3:4'),
);
const id = fc.constantFrom('25', '1902', '80481_/3', 'emotesv2_abc', '', 'a,b', 'x-y');
const group = fc.tuple(id, fc.array(range, { minLength: 1, maxLength: 4 })).map(([name, ranges]) => `${name}:${ranges.join(',')}`);
const emotesTag = fc.oneof(
  fc.array(group, { maxLength: 4 }).map((groups) => groups.join('/')),
  fc.string({ unit: fc.constantFrom('1', '2', '-', ',', ':', '/', 'a') }),
);

describe('parseEmotes', () => {
  it('matches a straightforward code-point implementation on arbitrary tags and texts (emoji, lone surrogates)', () => {
    fc.assert(
      fc.property(emotesTag, text, (value, body) => {
        expect(parseEmotes(value, body)).toEqual(reference(value, body));
      }),
      { numRuns: 50_000 },
    );
  });

  it('converts positions after astral characters and clamps ends only to the text', () => {
    expect(parseEmotes('25:3-7', '😀😀 Kappa')).toEqual([{ id: '25', start: 5, end: 10 }]);
    expect(parseEmotes('25:3-99', '😀😀 Kappa')).toEqual([{ id: '25', start: 5, end: 10 }]);
    expect(parseEmotes('25:8-9', '😀😀 Kappa')).toEqual([]);
    expect(parseEmotes('1:0-0,4-4/2:2-2', 'a😀b c')).toEqual([
      { id: '1', start: 0, end: 1 },
      { id: '2', start: 3, end: 4 },
      { id: '1', start: 5, end: 6 },
    ]);
    expect(parseEmotes('', 'x')).toEqual([]);
    expect(parseEmotes(null, 'x')).toEqual([]);
  });
});
