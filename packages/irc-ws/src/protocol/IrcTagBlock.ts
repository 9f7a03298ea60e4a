import { IrcTagList } from './IrcTagList.js';
import { unescapeTagValue } from './tagEscaping.js';

/**
 * Above this many tags, lookups use the full tag list (whose own index is a `Map` for large blocks) instead of scanning
 * the block's entry positions, so a lookup never costs more than a scan of 32 positions.
 */
const MAX_INDEXED_TAGS = 32;

const EQUALS = 0x3d;

/**
 * Parses the tag block `line[start, end)` (after the `@`) into the flat `[key, value, …]` entries of an
 * {@link IrcTagList}. Linear in its length even for adversarial input: the position of the next `=` is remembered
 * instead of searched again for every tag. (Guessing each key from the previous line's keys to skip the `=` search and
 * the key slice was measured and was slower: V8's `indexOf` and `slice` win.)
 *
 * @internal
 */
export function parseTagEntries(line: string, start: number, end: number): Array<string | null> {
  const entries: Array<string | null> = [];
  let position = start;
  let equals = -2;
  // One search for `\\` over the whole block: most values have none and skip the unescape check entirely.
  let backslash = line.indexOf('\\', start);
  if (backslash === -1 || backslash > end) backslash = end;
  while (position < end) {
    let semicolon = line.indexOf(';', position);
    if (semicolon === -1 || semicolon > end) semicolon = end;
    if (equals < position) {
      equals = line.indexOf('=', position);
      if (equals === -1) equals = end + 1;
    }
    if (equals < semicolon) {
      if (equals > position) {
        if (backslash < semicolon) {
          entries.push(line.slice(position, equals), unescapeTagValue(line.slice(equals + 1, semicolon)));
          backslash = line.indexOf('\\', semicolon);
          if (backslash === -1 || backslash > end) backslash = end;
        } else {
          entries.push(line.slice(position, equals), line.slice(equals + 1, semicolon));
        }
      }
    } else if (semicolon > position) {
      // A bare `key` (no `=`) is distinct from `key=`: null versus "".
      entries.push(line.slice(position, semicolon), null);
    }
    position = semicolon + 1;
  }
  return entries;
}

/**
 * Tags whose position {@link indexTagBlock} records while it walks the block, so looking them up costs no scan: the
 * tags of the fields nearly every chat handler reads on every PRIVMSG (who: `display-name`, `badges`; what: `emotes`;
 * which message: `id`). Keys without `;` or `=`; the list is indexed by the first character of each key.
 *
 * @internal
 */
export const INDEXED_KEYS: readonly string[] = ['badges', 'display-name', 'emotes', 'id'];
const INDEXED_KEYS_BY_FIRST_CHARACTER: ReadonlyArray<readonly number[] | undefined> = (() => {
  const table: number[][] = [];
  INDEXED_KEYS.forEach((key, slot) => (table[key.charCodeAt(0)] ??= []).push(slot));
  return table;
})();

const SCRATCH: number[] = [];
const FOUND: number[] = INDEXED_KEYS.map(() => -1);

/** The slot of `key` in {@link INDEXED_KEYS}, or -1. */
function indexedKeySlot(key: string): number {
  for (let slot = 0; slot < INDEXED_KEYS.length; slot++) if (INDEXED_KEYS[slot] === key) return slot;
  return -1;
}

/**
 * The start of every tag of the block `line[start, end)`, followed by `end + 1` (so tag `i` is
 * `line[starts[i], starts[i + 1] - 1)`), then, for each of the {@link INDEXED_KEYS}, the number of the last tag with
 * that name or -1, then the position of the block's first `\\` (or `end`); `undefined` when the block has more than
 * {@link MAX_INDEXED_TAGS} tags.
 *
 * Why splitting at every `;` is exact: inside a tag value `;` is always escaped (`\:`), so every literal `;` in the
 * block separates two tags. Only the positions are stored: no key or value is sliced until it is asked for.
 *
 * @internal
 */
export function indexTagBlock(line: string, start: number, end: number): number[] | undefined {
  // Positions go to a reused scratch array and are copied once at the end: growing a fresh array push by push
  // reallocated it two or three times per line.
  const scratch = SCRATCH;
  const found = FOUND;
  for (let slot = 0; slot < found.length; slot++) found[slot] = -1;
  let count = 0;
  scratch[count++] = start;
  let position = start;
  for (;;) {
    let semicolon = line.indexOf(';', position);
    const last = semicolon === -1 || semicolon >= end;
    if (last) semicolon = end;
    if (position < semicolon) {
      const code = line.charCodeAt(position);
      const slots = code < 128 ? INDEXED_KEYS_BY_FIRST_CHARACTER[code] : undefined;
      if (slots !== undefined) {
        for (let index = 0; index < slots.length; index++) {
          const slot = slots[index] as number;
          const key = INDEXED_KEYS[slot] as string;
          const nameEnd = position + key.length;
          if (
            (nameEnd === semicolon || (nameEnd < semicolon && line.charCodeAt(nameEnd) === EQUALS)) &&
            line.startsWith(key, position)
          ) {
            found[slot] = count - 1; // a later tag of the same name overwrites: the last one wins
          }
        }
      }
    }
    if (last) break;
    if (count === MAX_INDEXED_TAGS) return undefined;
    position = semicolon + 1;
    scratch[count++] = position;
  }
  scratch[count++] = end + 1;
  for (let slot = 0; slot < found.length; slot++) scratch[count++] = found[slot] as number;
  // One search for `\\` over the whole block: most values hold none, and then need no unescaping check of their own.
  const backslash = line.indexOf('\\', start);
  scratch[count++] = backslash === -1 || backslash > end ? end : backslash;
  return scratch.slice(0, count);
}

/**
 * Which tag of an indexed tag block (see {@link indexTagBlock}) is the last one named `key`: its number, or -1 when no
 * tag has that name.
 *
 * A tag is named `key` when it starts with `key` and its name ends right there: the next character is `=`, or the tag
 * ends there (a bare `key`). That is exact provided `key` holds no `=` (a name ends at the first `=` of its tag) and no
 * `;` (which never occurs inside a tag), and is not empty (the parser drops tags with an empty name). The scan runs
 * from the last tag back, so a key sent twice (malformed; Twitch never does) resolves to its last value, as in the full
 * list.
 *
 * @internal
 */
export function findIndexedTag(line: string, starts: readonly number[], key: string): number {
  const keyLength = key.length;
  if (keyLength === 0) return -1;
  const tags = starts.length - 2 - INDEXED_KEYS.length;
  const slot = indexedKeySlot(key);
  if (slot !== -1) return starts[tags + 1 + slot] as number;
  for (let index = tags - 1; index >= 0; index--) {
    const tagStart = starts[index] as number;
    const nameEnd = tagStart + keyLength;
    const tagEnd = (starts[index + 1] as number) - 1;
    if (nameEnd > tagEnd || (nameEnd < tagEnd && line.charCodeAt(nameEnd) !== EQUALS) || !line.startsWith(key, tagStart)) {
      continue;
    }
    return key.indexOf('=') === -1 && key.indexOf(';') === -1 ? index : -1;
  }
  return -1;
}

/**
 * The parser's `IrcTags` implementation: the tag block of the line (`line[start, end)`, after the `@`), read lazily.
 *
 * A chat handler reads a handful of the ~20 tags Twitch sends, so `get` and `has` do not build them all: the first
 * lookup records where each tag starts (one `indexOf(';')` per tag, see {@link indexTagBlock}) and which tags hold
 * the {@link INDEXED_KEYS}; each lookup then takes that tag directly (an indexed key) or compares `key` against the
 * recorded positions in the line, and slices and unescapes only the value it returns. Iteration,
 * `forEach`, `size` and `toJSON` need every tag, so they build the full {@link IrcTagList} once (every key and value
 * sliced and unescaped) and every call uses it from then on; so do lookups in a block of more than
 * {@link MAX_INDEXED_TAGS} tags. Either way the answers are the same: last value wins for a key sent twice, `null` for
 * a bare key, `""` for `key=`.
 *
 * @internal
 */
export class IrcTagBlock implements ReadonlyMap<string, string | null> {
  // `declare` + constructor stores, not `#private` fields: their initializers cost measurably per message on node 20.
  private declare readonly line: string;
  private declare readonly start: number;
  private declare readonly end: number;
  /** Tag start positions, built on the first lookup; `null` when the block is too large to scan (see the list). */
  private declare starts: number[] | null | undefined;
  private declare list: IrcTagList | undefined;

  constructor(line: string, start: number, end: number) {
    this.line = line;
    this.start = start;
    this.end = end;
    this.starts = undefined;
    this.list = undefined;
  }

  /** The full tag list, built on first need. */
  private tagList(): IrcTagList {
    return (this.list ??= new IrcTagList(parseTagEntries(this.line, this.start, this.end)));
  }

  /** The tag start positions, or `null` when the full list must answer (it is built, or the block is too large). */
  private index(): number[] | null {
    if (this.list !== undefined) return null;
    let starts = this.starts;
    if (starts === undefined) starts = this.starts = indexTagBlock(this.line, this.start, this.end) ?? null;
    return starts;
  }

  get(key: string): string | null | undefined {
    const starts = this.index();
    if (starts === null) return this.tagList().get(key);
    const found = findIndexedTag(this.line, starts, key);
    if (found === -1) return undefined;
    const valueStart = (starts[found] as number) + key.length + 1;
    const tagEnd = (starts[found + 1] as number) - 1;
    // A bare `key` (no `=`) is distinct from `key=`: null versus "".
    if (valueStart > tagEnd) return null;
    const value = this.line.slice(valueStart, tagEnd);
    return tagEnd <= (starts[starts.length - 1] as number) ? value : unescapeTagValue(value);
  }

  has(key: string): boolean {
    const starts = this.index();
    return starts === null ? this.tagList().has(key) : findIndexedTag(this.line, starts, key) !== -1;
  }

  /** The number of tags as written (a key sent twice counts twice; Twitch never does that). */
  get size(): number {
    return this.tagList().size;
  }

  forEach(callback: (value: string | null, key: string, map: ReadonlyMap<string, string | null>) => void, thisArg?: unknown): void {
    this.tagList().forEach((value, key) => callback.call(thisArg, value, key, this));
  }

  entries(): MapIterator<[string, string | null]> {
    return this.tagList().entries();
  }

  keys(): MapIterator<string> {
    return this.tagList().keys();
  }

  values(): MapIterator<string | null> {
    return this.tagList().values();
  }

  [Symbol.iterator](): MapIterator<[string, string | null]> {
    return this.tagList().entries();
  }

  /** The tags as a plain object, for `JSON.stringify`. */
  toJSON(): Record<string, string | null> {
    return this.tagList().toJSON();
  }
}
