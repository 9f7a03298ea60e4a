import type { BadgeMap, Emote } from '@tio/core';
import type { IrcTags } from '../protocol/IrcMessage.js';
import { IrcTagList } from '../protocol/IrcTagList.js';

/** A tag as a string; `""` when missing or bare. */
export function tagString(tags: IrcTags, key: string): string {
  return tags.get(key) ?? '';
}

/** A tag as a string; `undefined` when missing, bare or empty. */
export function tagOptional(tags: IrcTags, key: string): string | undefined {
  const value = tags.get(key);
  return value === undefined || value === null || value === '' ? undefined : value;
}

/** A tag as a flag: `"1"` or `"true"` is true, anything else (or missing) false. */
export function tagFlag(tags: IrcTags, key: string): boolean {
  const value = tags.get(key);
  return value === '1' || value === 'true';
}

/** A tag as an optional flag: `undefined` when missing. */
export function tagOptionalFlag(tags: IrcTags, key: string): boolean | undefined {
  const value = tags.get(key);
  if (value === undefined || value === null) return undefined;
  return value === '1' || value === 'true';
}

/** Parses a decimal integer (optional leading `-`); `undefined` for anything else. */
export function parseInteger(value: string | null | undefined): number | undefined {
  if (value === undefined || value === null) return undefined;
  const length = value.length;
  if (length === 0 || length > 16) return undefined;
  let index = value.charCodeAt(0) === 0x2d /* - */ ? 1 : 0;
  if (index === length) return undefined;
  let result = 0;
  for (; index < length; index++) {
    const digit = value.charCodeAt(index) - 0x30;
    if (digit < 0 || digit > 9) return undefined;
    result = result * 10 + digit;
  }
  return value.charCodeAt(0) === 0x2d ? -result : result;
}

/** A tag as an integer; `undefined` when missing or not a decimal integer. */
export function tagInteger(tags: IrcTags, key: string): number | undefined {
  return parseInteger(tags.get(key));
}

const EMPTY_BADGES: BadgeMap = new IrcTagList<string>([]);

/**
 * Parses `badges` / `badge-info`: `set/version` items joined by `,`. Each item is split on its **first** `/` only,
 * because `predictions` badge-info is user text that may hold `/` (protocol reference §3.3); an item without `/`
 * is a comma that belonged to the previous value, so it is appended to it. The result is the array-backed
 * read-only map behind fully parsed tags (see `IrcTagList`): cheaper to build than a `Map` for a handful of badges.
 */
export function parseBadges(value: string | null | undefined): BadgeMap {
  if (value === undefined || value === null || value === '') return EMPTY_BADGES;
  const entries: string[] = [];
  let start = 0;
  const length = value.length;
  while (start <= length) {
    let comma = value.indexOf(',', start);
    if (comma === -1) comma = length;
    const slash = value.indexOf('/', start);
    if (slash !== -1 && slash < comma) {
      entries.push(value.slice(start, slash), value.slice(slash + 1, comma));
    } else if (entries.length > 0) {
      entries[entries.length - 1] += `,${value.slice(start, comma)}`;
    } else if (comma > start) {
      entries.push(value.slice(start, comma), '');
    }
    start = comma + 1;
  }
  return new IrcTagList<string>(entries);
}

const EMPTY_EMOTES: readonly Emote[] = Object.freeze([]);

/** Stable insertion sort by start: an emote tag has few occurrences, far below where `Array#sort` pays off. */
function sortByStart(emotes: Emote[]): void {
  for (let index = 1; index < emotes.length; index++) {
    const emote = emotes[index] as Emote;
    const start = emote.start;
    let position = index - 1;
    while (position >= 0 && (emotes[position] as Emote).start > start) {
      emotes[position + 1] = emotes[position] as Emote;
      position--;
    }
    emotes[position + 1] = emote;
  }
}

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Parses the `emotes` tag against the text it describes.
 *
 * Twitch positions are Unicode code points with an inclusive end (protocol reference §3.3); they become UTF-16
 * `[start, end)` so `text.slice(start, end)` is the emote. Ends past the text are clamped (twitchdev/issues#104) and
 * occurrences starting past it are dropped. A `/`-separated segment without `:` belongs to the previous id, because
 * ids such as `80481_/3` contain `/`.
 *
 * One pass over the tag reads the numbers in place (no slices); the occurrences are first collected in code points,
 * and converted to UTF-16 only when the text holds a surrogate, by one walk of the text up to the furthest position.
 */
export function parseEmotes(value: string | null | undefined, text: string): readonly Emote[] {
  if (value === undefined || value === null || value === '') return EMPTY_EMOTES;
  const textLength = text.length;
  const emotes: Emote[] = [];
  let sorted = true;
  let lastStart = -1;
  let furthest = 0;
  const length = value.length;
  let position = 0;
  while (position < length) {
    const colon = value.indexOf(':', position);
    if (colon === -1) break;
    const id = value.slice(position, colon);
    let rangesEnd = value.indexOf('/', colon + 1);
    if (rangesEnd === -1) rangesEnd = length;
    // Each range is `first-last`, ranges joined by `,`; anything else is skipped up to the next `,`. Every read stays
    // below `rangesEnd`: reading past a string's end would make V8 deoptimize this loop.
    let index = colon + 1;
    while (index < rangesEnd) {
      let first = 0;
      let digits = 0;
      let code = value.charCodeAt(index);
      while (code >= 0x30 && code <= 0x39 && digits < 10) {
        first = first * 10 + (code - 0x30);
        digits++;
        code = ++index < rangesEnd ? value.charCodeAt(index) : 0;
      }
      let valid = digits > 0 && digits < 10 && code === 0x2d; /* - */
      let last = 0;
      if (valid) {
        digits = 0;
        code = ++index < rangesEnd ? value.charCodeAt(index) : 0;
        while (code >= 0x30 && code <= 0x39 && digits < 10) {
          last = last * 10 + (code - 0x30);
          digits++;
          code = ++index < rangesEnd ? value.charCodeAt(index) : 0;
        }
        valid = digits > 0 && digits < 10 && (index === rangesEnd || code === 0x2c); /* , */
      }
      if (!valid) {
        // Not a range: skip to the next `,` of this group.
        const comma = value.indexOf(',', index);
        index = comma === -1 || comma > rangesEnd ? rangesEnd : comma;
      }
      // `first < textLength` is a cheap bound (a code point index is never above the UTF-16 index); the exact one is
      // checked against the code-point length below, when the text has surrogates.
      if (valid && first < textLength && last >= first) {
        const end = last + 1 > textLength ? textLength : last + 1;
        emotes.push({ id, start: first, end });
        if (first < lastStart) sorted = false;
        lastStart = first;
        if (end > furthest) furthest = end;
      }
      index++;
    }
    position = rangesEnd + 1;
  }
  if (emotes.length === 0) return emotes;
  // Code points → UTF-16, only when the text has surrogates: a position past a surrogate pair shifts by one per pair.
  // (A native regular-expression scan: for text of one-byte characters V8 answers without looking at it.)
  if (SURROGATE.test(text)) toUtf16(emotes, text, furthest);
  // Twitch groups occurrences by emote id; order them by position (only when they are not already).
  if (!sorted) sortByStart(emotes);
  return emotes;
}

/**
 * Converts code-point `[start, end)` positions (clamped to the UTF-16 length so far) into UTF-16 offsets: one walk of
 * the text up to the furthest position, then each occurrence looked up; occurrences starting past the text's last code
 * point are dropped and ends past it are clamped, as for text without surrogates.
 */
function toUtf16(emotes: Emote[], text: string, furthest: number): void {  // offsets[codePoint] = its UTF-16 offset, for code points 0..furthest (or the text's end, if sooner).
  const offsets: number[] = [];
  const textLength = text.length;
  let index = 0;
  while (index < textLength && offsets.length <= furthest) {
    offsets.push(index);
    const code = text.charCodeAt(index);
    index++;
    if (code >= 0xd800 && code <= 0xdbff && index < textLength) {
      const next = text.charCodeAt(index);
      if (next >= 0xdc00 && next <= 0xdfff) index++;
    }
  }
  // The code-point length of the text, if the walk reached the end of it.
  const codePointLength = index >= textLength && offsets.length <= furthest ? offsets.length : -1;
  if (codePointLength !== -1) offsets.push(textLength);
  let kept = 0;
  for (let position = 0; position < emotes.length; position++) {
    const emote = emotes[position] as Emote;
    if (codePointLength !== -1 && emote.start >= codePointLength) continue;
    const end = codePointLength !== -1 && emote.end > codePointLength ? codePointLength : emote.end;
    emotes[kept++] = { id: emote.id, start: offsets[emote.start] as number, end: offsets[end] as number };
  }
  emotes.length = kept;
}

/** Splits `\x01ACTION text\x01` framing off a text; returns `undefined` when it is not an action. */
export function stripAction(text: string): string | undefined {
  if (text.charCodeAt(0) !== 0x01 || !text.startsWith('\u0001ACTION')) return undefined;
  if (text.length === 7) return '';
  const next = text.charCodeAt(7);
  if (next === 0x01) return '';
  if (next !== 0x20) return undefined;
  return text.charCodeAt(text.length - 1) === 0x01 ? text.slice(8, -1) : text.slice(8);
}
