/**
 * Low-level scanning of chat text, shared by the prefix matcher and the argument parser. Kept allocation-free except
 * for the tokens themselves.
 *
 * @packageDocumentation
 * @internal
 */

/**
 * The length of the separator at `index` (0 when there is none): a space, tab, no-break space, ideographic space, or
 * the U+E0000 tag character that Chatterino and 7TV append (after a space) to dodge Twitch's duplicate-message filter
 * (twitch-protocol.md §4.2), which must not become an extra argument.
 *
 * @internal
 */
export function separatorLength(text: string, index: number): number {
  const code = text.charCodeAt(index);
  if (code === 0x20 || code === 0x09 || code === 0xa0 || code === 0x3000) return 1;
  if (code === 0xdb40 && text.charCodeAt(index + 1) === 0xdc00) return 2;
  return 0;
}

/**
 * @returns The first index at or after `index` that is not a separator (`text.length` at the end).
 * @internal
 */
export function skipSeparators(text: string, index: number): number {
  let position = index;
  for (let length = separatorLength(text, position); length > 0; length = separatorLength(text, position)) position += length;
  return position;
}

/**
 * @returns The first index at or after `index` that is a separator (`text.length` when there is none).
 * @internal
 */
export function findSeparator(text: string, index: number): number {
  let position = index;
  while (position < text.length && separatorLength(text, position) === 0) position++;
  return position;
}

/**
 * @returns The end of `text` with trailing separators removed, but not before `start`.
 * @internal
 */
export function trimmedEnd(text: string, start: number): number {
  let end = text.length;
  while (end > start) {
    if (separatorLength(text, end - 1) === 1) end--;
    else if (end - 2 >= start && separatorLength(text, end - 2) === 2) end -= 2;
    else break;
  }
  return end;
}

function isOpeningQuote(code: number): boolean {
  // ASCII ", and the curly/low quotes phone keyboards insert (“ „).
  return code === 0x22 || code === 0x201c || code === 0x201e;
}

function isClosingQuote(code: number): boolean {
  return code === 0x22 || code === 0x201d || code === 0x201c;
}

/**
 * One token read by {@link readToken}.
 *
 * @internal
 */
export interface Token {
  /** The token's text, without its quotes. */
  readonly value: string;
  /** Where reading continues. */
  readonly next: number;
}

/**
 * Reads the token at `index` (which must not be a separator): a word up to the next separator, or a quoted phrase
 * up to its closing quote. An unclosed quote runs to the end of the text, so a forgotten quote is still read.
 *
 * @internal
 */
export function readToken(text: string, index: number): Token {
  if (isOpeningQuote(text.charCodeAt(index))) {
    let close = index + 1;
    while (close < text.length && !isClosingQuote(text.charCodeAt(close))) close++;
    if (close < text.length) return { value: text.slice(index + 1, close), next: close + 1 };
    return { value: text.slice(index + 1, trimmedEnd(text, index + 1)), next: text.length };
  }
  const end = findSeparator(text, index);
  return { value: text.slice(index, end), next: end };
}

/**
 * Splits text into arguments the way commands read them: separated by spaces, with "double quotes" (or curly quotes)
 * grouping a phrase.
 *
 * @param text - The text after the command name.
 * @returns The tokens, quotes removed.
 * @example
 * ```ts
 * tokenize('bob "big hug" now'); // ['bob', 'big hug', 'now']
 * ```
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let index = skipSeparators(text, 0);
  while (index < text.length) {
    const token = readToken(text, index);
    tokens.push(token.value);
    index = skipSeparators(text, token.next);
  }
  return tokens;
}
