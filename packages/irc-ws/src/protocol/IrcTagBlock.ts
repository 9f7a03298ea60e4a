import { IrcTagList } from './IrcTagList.js';
import { unescapeTagValue } from './tagEscaping.js';

/**
 * After this many direct lookups on one tag block, the full tag list is built instead: a direct lookup costs a scan of
 * the block, so a handler reading many tags (or an adversarial block of thousands of tags read thousands of times)
 * never pays more than a bounded number of scans before lookups become the list's.
 */
const MAX_DIRECT_LOOKUPS = 16;

const SEMICOLON = 0x3b;
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

/** `';' + key` for the keys looked up so far (at most {@link MAX_NEEDLES}), so a lookup allocates nothing. */
const needles = new Map<string, string>();
const MAX_NEEDLES = 512;

function needleFor(key: string): string {
  let needle = needles.get(key);
  if (needle === undefined) {
    needle = `;${key}`;
    if (needles.size < MAX_NEEDLES) needles.set(key, needle);
  }
  return needle;
}

/** Whether the tag name starting at `position` is exactly `keyLength` long: followed by `=`, `;` or the block's end. */
function endsName(line: string, after: number, end: number): boolean {
  if (after === end) return true;
  const code = line.charCodeAt(after);
  return code === EQUALS || code === SEMICOLON;
}

/**
 * Where the last tag named `key` sits in the tag block `line[start, end)`: the offset just after its key (an `=`, a
 * `;` or `end`), or -1 when no tag has that name.
 *
 * Why a substring search is exact: inside a tag value `;` is always escaped (`\:`), so every literal `;` in the block
 * separates two tags; `';' + key` followed by `=`, `;` or the block's end is therefore a tag named `key`, and so is
 * `key` at the start of the block, provided `key` itself holds no `;` and no `=` (a name ends at the first `=` of its
 * tag) and is not empty (the parser drops tags with an empty name). A key sent twice (malformed; Twitch never does)
 * resolves to its last occurrence, as in the full list: the search goes on after a match until it leaves the block.
 *
 * @internal
 */
export function findTagKeyEnd(line: string, start: number, end: number, key: string): number {
  const keyLength = key.length;
  if (keyLength === 0 || keyLength > end - start) return -1;
  let found = line.startsWith(key, start) && endsName(line, start + keyLength, end) ? start + keyLength : -1;
  const needle = needleFor(key);
  const last = end - keyLength - 1;
  let position = line.indexOf(needle, start);
  while (position !== -1 && position <= last) {
    const after = position + 1 + keyLength;
    if (endsName(line, after, end)) found = after;
    position = line.indexOf(needle, after);
  }
  if (found === -1 || key.indexOf(';') !== -1 || key.indexOf('=') !== -1) return -1;
  return found;
}

/**
 * The value of the tag whose key ends at `keyEnd` (as returned by {@link findTagKeyEnd}): unescaped, `""` for `key=`,
 * `null` for a bare `key`.
 *
 * @internal
 */
export function tagValueAt(line: string, keyEnd: number, end: number): string | null {
  if (keyEnd === end || line.charCodeAt(keyEnd) === SEMICOLON) return null;
  let semicolon = line.indexOf(';', keyEnd + 1);
  if (semicolon === -1 || semicolon > end) semicolon = end;
  return unescapeTagValue(line.slice(keyEnd + 1, semicolon));
}

/**
 * The parser's `IrcTags` implementation: the tag block of the line (`line[start, end)`, after the `@`), read lazily.
 *
 * A chat handler reads a handful of the ~20 tags Twitch sends, so `get` and `has` find the one tag they need directly
 * in the line (see {@link findTagKeyEnd}) and unescape only its value; building every key and value as strings is
 * left to what needs them all: iteration, `forEach`, `size` and `toJSON` build the full {@link IrcTagList} once (every
 * tag parsed and unescaped) and use it from then on, as do lookups after {@link MAX_DIRECT_LOOKUPS} direct ones.
 * Either way the answers are the same: last value wins for a key sent twice, `null` for a bare key, `""` for `key=`.
 *
 * @internal
 */
export class IrcTagBlock implements ReadonlyMap<string, string | null> {
  // `declare` + constructor stores, not `#private` fields: their initializers cost measurably per message on node 20.
  private declare readonly line: string;
  private declare readonly start: number;
  private declare readonly end: number;
  private declare list: IrcTagList | undefined;
  private declare lookups: number;

  constructor(line: string, start: number, end: number) {
    this.line = line;
    this.start = start;
    this.end = end;
    this.list = undefined;
    this.lookups = 0;
  }

  /** The full tag list, built on first need. */
  private tagList(): IrcTagList {
    return (this.list ??= new IrcTagList(parseTagEntries(this.line, this.start, this.end)));
  }

  get(key: string): string | null | undefined {
    if (this.list !== undefined || ++this.lookups > MAX_DIRECT_LOOKUPS) return this.tagList().get(key);
    const keyEnd = findTagKeyEnd(this.line, this.start, this.end, key);
    return keyEnd === -1 ? undefined : tagValueAt(this.line, keyEnd, this.end);
  }

  has(key: string): boolean {
    if (this.list !== undefined || ++this.lookups > MAX_DIRECT_LOOKUPS) return this.tagList().has(key);
    return findTagKeyEnd(this.line, this.start, this.end, key) !== -1;
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
