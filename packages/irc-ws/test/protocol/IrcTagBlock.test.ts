import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findIndexedTag, INDEXED_KEYS, indexTagBlock, IrcTagBlock, parseTagEntries } from '../../src/protocol/IrcTagBlock.js';
import { IrcTagList } from '../../src/protocol/IrcTagList.js';
import { parseIrcMessage } from '../../src/protocol/parseIrcMessage.js';
import { unescapeTagValue } from '../../src/protocol/tagEscaping.js';

/** An independent oracle: split the block at every `;`, the name ends at the first `=`, the last tag of a name wins. */
function reference(block: string): Map<string, string | null> {
  const tags = new Map<string, string | null>();
  for (const tag of block.split(';')) {
    const equals = tag.indexOf('=');
    if (equals === -1) {
      if (tag !== '') tags.set(tag, null);
    } else if (equals > 0) {
      tags.set(tag.slice(0, equals), unescapeTagValue(tag.slice(equals + 1)));
    }
  }
  return tags;
}

// Tag blocks biased toward the delicate cases: escaped `;` (`\:`), duplicate and prefix-sharing keys, empty values
// (`key=`), bare keys (`key`), empty tags (`;;`), `=` inside values, a trailing backslash, surrogate halves.
const blockUnit = fc.constantFrom('a', 'b', 'ab', 'id', 'a-b', 'emotes', 'badges', 'display-name', 'idx', 'emotes-x', ';', ';', '=', '\\', '\\:', '\\s', ':', 's', 'x', '\uD83D', '\uDC49', '+', '/');
const block = fc.array(blockUnit, { maxLength: 40 }).map((units) => units.join('').replace(/ /g, ''));
const keyUnit = fc.constantFrom('a', 'b', 'ab', 'id', 'a-b', 'emotes', 'badges', 'x', 's', ':', '=', ';', '\\', '\uD83D', '\uDC49', '+', '/');
const anyKey = fc.array(keyUnit, { maxLength: 4 }).map((units) => units.join(''));

/** Every key worth asking about for a block: each tag's name, its prefixes and extensions, and a few generated ones. */
function candidateKeys(blockText: string, extra: readonly string[]): string[] {
  const keys = new Set<string>(['', 'a', 'missing', ...INDEXED_KEYS, ...extra]);
  for (const tag of blockText.split(';')) {
    keys.add(tag);
    const equals = tag.indexOf('=');
    const name = equals === -1 ? tag : tag.slice(0, equals);
    keys.add(name);
    keys.add(name.slice(1));
    keys.add(name.slice(0, -1));
    keys.add(`${name}=`);
    keys.add(`${name}x`);
  }
  return [...keys];
}

function lazyTags(blockText: string): IrcTagBlock {
  // Inside a line, as the parser sees it: `@` before, a space and more text (with `;` and `=`) after.
  const line = `@${blockText} :n!n@n PRIVMSG #c :x;${blockText}=y`;
  return new IrcTagBlock(line, 1, 1 + blockText.length);
}

describe('IrcTagBlock', () => {
  it('direct lookups answer exactly what the full tag list answers, for every key of arbitrary tag blocks', () => {
    let checked = 0;
    fc.assert(
      fc.property(block, fc.array(anyKey, { maxLength: 6 }), (blockText, extra) => {
        const expected = reference(blockText);
        const line = `@${blockText} PING`;
        const list = new IrcTagList(parseTagEntries(line, 1, 1 + blockText.length));
        for (const key of candidateKeys(blockText, extra)) {
          // A fresh block per key, so every lookup is a direct one (not answered by a list built earlier).
          expect(lazyTags(blockText).get(key)).toBe(expected.get(key));
          expect(lazyTags(blockText).has(key)).toBe(expected.has(key));
          expect(list.get(key)).toBe(expected.get(key));
          checked++;
        }
        // Many lookups on one block, then iteration, then lookups again from the built list: same answers.
        const tags = lazyTags(blockText);
        for (const key of candidateKeys(blockText, extra)) expect(tags.get(key)).toBe(expected.get(key));
        expect(new Map(tags)).toEqual(expected);
        for (const key of candidateKeys(blockText, extra)) expect(tags.get(key)).toBe(expected.get(key));
      }),
      { numRuns: 12_000 },
    );
    expect(checked).toBeGreaterThan(50_000);
  });

  it('the parser’s tags agree with the oracle for serialized tag maps', () => {
    const key = fc.stringMatching(/^[a-z][a-z-]{0,6}$/);
    const value = fc.oneof(fc.constant(null), fc.string({ unit: fc.constantFrom('a', ';', ' ', '\\', '=', '\r', '\n', 'é', '\uD83D\uDC49') }));
    fc.assert(
      fc.property(fc.array(fc.tuple(key, value), { maxLength: 25 }), (pairs) => {
        const escape = (text: string) => text.replace(/\\/g, '\\\\').replace(/;/g, '\\:').replace(/ /g, '\\s').replace(/\r/g, '\\r').replace(/\n/g, '\\n');
        const blockText = pairs.map(([name, text]) => (text === null ? name : `${name}=${escape(text)}`)).join(';');
        const parsed = parseIrcMessage(`@${blockText} PRIVMSG #c :a;b=c`);
        if (!parsed.ok) return; // an empty block: `@ PRIVMSG` has no tags to compare
        const lastValues = new Map(pairs);
        for (const [name] of pairs) expect(parsed.tags.get(name)).toBe(lastValues.get(name));
        expect(parsed.tags.get('b')).toBe(lastValues.get('b'));
        expect(parsed.tags.size).toBe(pairs.length);
      }),
      { numRuns: 20_000 },
    );
  });

  it('indexes at most 32 tags; larger blocks are answered by the full list', () => {
    const small = Array.from({ length: 32 }, (_, index) => `k${index}=${index}`).join(';');
    expect(indexTagBlock(small, 0, small.length)).toHaveLength(33 + INDEXED_KEYS.length + 1);
    const large = `${small};k32=32;k5=last`;
    expect(indexTagBlock(large, 0, large.length)).toBeUndefined();
    const tags = new IrcTagBlock(`@${large} PING`, 1, 1 + large.length);
    expect([tags.get('k5'), tags.get('k32'), tags.get('k33'), tags.has('k31'), tags.size]).toEqual(['last', '32', undefined, true, 34]);
  });

  it('finds the last tag of a name, a bare tag, and nothing for keys holding = or ;', () => {
    const line = 'a=1;ab;a=2;;=z;b=x=y';
    const starts = indexTagBlock(line, 0, line.length) as number[];
    expect(findIndexedTag(line, starts, 'a')).toBe(2);
    expect(findIndexedTag(line, starts, 'ab')).toBe(1);
    expect(findIndexedTag(line, starts, 'b')).toBe(5);
    expect(findIndexedTag(line, starts, 'b=x')).toBe(-1);
    expect(findIndexedTag(line, starts, 'a;ab')).toBe(-1);
    expect(findIndexedTag(line, starts, '')).toBe(-1);
    const tags = new IrcTagBlock(line, 0, line.length);
    expect([tags.get('a'), tags.get('ab'), tags.get('b'), tags.get(''), tags.get('=z')]).toEqual(['2', null, 'x=y', undefined, undefined]);
  });

  it('builds the list once for iteration, forEach, size and toJSON', () => {
    const tags = new IrcTagBlock('@b=1;a=\\s;c PING', 1, 11);
    expect(tags.get('a')).toBe(' ');
    expect([...tags.keys()]).toEqual(['b', 'a', 'c']);
    const seen: string[] = [];
    tags.forEach((value, key, map) => {
      expect(map).toBe(tags);
      seen.push(`${key}=${String(value)}`);
    });
    expect(seen).toEqual(['b=1', 'a= ', 'c=null']);
    expect(JSON.stringify(tags)).toBe('{"b":"1","a":" ","c":null}');
    expect([tags.get('c'), tags.has('c'), tags.get('z'), tags.size]).toEqual([null, true, undefined, 3]);
  });
});
