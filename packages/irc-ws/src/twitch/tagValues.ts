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

/** Parses the non-negative decimal integer `value[start, end)` without slicing; -1 when it is not one. */
function parseIndexAt(value: string, start: number, end: number): number {
  if (end <= start || end - start > 9) return -1;
  let result = 0;
  for (let index = start; index < end; index++) {
    const digit = value.charCodeAt(index) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    result = result * 10 + digit;
  }
  return result;
}

/** A tag as an integer; `undefined` when missing or not a decimal integer. */
export function tagInteger(tags: IrcTags, key: string): number | undefined {
  return parseInteger(tags.get(key));
}

const EMPTY_BADGES: BadgeMap = new IrcTagList<string>([]);

/**
 * Parses `badges` / `badge-info`: `set/version` items joined by `,`. Each item is split on its **first** `/` only,
 * because `predictions` badge-info is user text that may hold `/` (protocol reference §3.3); an item without `/`
 * is a comma that belonged to the previous value, so it is appended to it. The result is the same array-backed
 * read-only map as the tags (see `IrcTagList`): cheaper to build than a `Map` for a handful of badges.
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
const SURROGATE = /[\uD800-\uDFFF]/;

function byStart(left: Emote, right: Emote): number {
  return left.start - right.start;
}

/**
 * Parses the `emotes` tag against the text it describes.
 *
 * Twitch positions are Unicode code points with an inclusive end (protocol reference §3.3); they become UTF-16
 * `[start, end)` so `text.slice(start, end)` is the emote. Ends past the text are clamped (twitchdev/issues#104) and
 * occurrences starting past it are dropped. A `/`-separated segment without `:` belongs to the previous id, because
 * ids such as `80481_/3` contain `/`.
 */
export function parseEmotes(value: string | null | undefined, text: string): readonly Emote[] {
  if (value === undefined || value === null || value === '') return EMPTY_EMOTES;
  // Code point → UTF-16 offsets, only needed when the text has surrogates.
  let offsets: number[] | undefined;
  let codePointLength = text.length;
  if (SURROGATE.test(text)) {
    offsets = [];
    for (let index = 0; index < text.length; index++) {
      offsets.push(index);
      const code = text.charCodeAt(index);
      if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
        const next = text.charCodeAt(index + 1);
        if (next >= 0xdc00 && next <= 0xdfff) index++;
      }
    }
    codePointLength = offsets.length;
    offsets.push(text.length);
  }
  const emotes: Emote[] = [];
  let sorted = true;
  let lastStart = -1;
  const length = value.length;
  let position = 0;
  while (position < length) {
    const colon = value.indexOf(':', position);
    if (colon === -1) break;
    const id = value.slice(position, colon);
    let rangesEnd = value.indexOf('/', colon + 1);
    if (rangesEnd === -1) rangesEnd = length;
    let range = colon + 1;
    while (range < rangesEnd) {
      let comma = value.indexOf(',', range);
      if (comma === -1 || comma > rangesEnd) comma = rangesEnd;
      const dash = value.indexOf('-', range);
      if (dash !== -1 && dash < comma) {
        const first = parseIndexAt(value, range, dash);
        const last = parseIndexAt(value, dash + 1, comma);
        if (first >= 0 && first < codePointLength && last >= first) {
          const endCodePoint = last + 1 > codePointLength ? codePointLength : last + 1;
          const start = offsets === undefined ? first : (offsets[first] as number);
          emotes.push({ id, start, end: offsets === undefined ? endCodePoint : (offsets[endCodePoint] as number) });
          if (start < lastStart) sorted = false;
          lastStart = start;
        }
      }
      range = comma + 1;
    }
    position = rangesEnd + 1;
  }
  // Twitch groups occurrences by emote id; order them by position (only when they are not already).
  if (!sorted) emotes.sort(byStart);
  return emotes;
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
