import type { IrcMessage } from './IrcMessage.js';
import { IrcInjectionError } from './errors/IrcInjectionError.js';
import { InvalidIrcMessageError } from './errors/InvalidIrcMessageError.js';
import { escapeTagValue } from './tagEscaping.js';

/**
 * A message to serialize. Every field of a parsed {@link IrcMessage} fits, so `serializeIrcMessage(parsed)` works.
 */
export interface IrcMessageInit {
  /**
   * Tags to send, as a read-only map (such as a parsed message's tags) or a plain object. `null` writes a bare `key`;
   * `undefined` entries are skipped.
   */
  readonly tags?: ReadonlyMap<string, string | null | undefined> | Readonly<Record<string, string | null | undefined>>;
  /** A prefix without its `:` (clients normally send none). */
  readonly prefix?: string | undefined;
  /** A command word (`PRIVMSG`) or a three-digit numeric. */
  readonly command: string;
  /**
   * The parameters. Every one but the last must be non-empty, without spaces and not start with `:`; the last one is
   * written as a trailing parameter (`:` + text) when it needs it (empty, has a space, or starts with `:`).
   */
  readonly params?: readonly string[];
}

/** Returns the index of the first CR, LF or NUL in `value`, or -1. */
function forbiddenIndex(value: string): number {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code === 0x0d || code === 0x0a || code === 0x00) return index;
  }
  return -1;
}

/**
 * Throws {@link IrcInjectionError} when `value` contains CR, LF or NUL.
 *
 * @internal
 */
export function assertNoLineBreak(field: string, value: string): void {
  const index = forbiddenIndex(value);
  if (index !== -1) throw new IrcInjectionError(field, index);
}

// IRCv3 tag names: an optional client `+`, an optional vendor (a host name) and `/`, then letters, digits and `-`.
const TAG_NAME = /^\+?(?:[A-Za-z0-9.-]+\/)?[A-Za-z0-9-]+$/;
const COMMAND = /^(?:[A-Za-z]+|[0-9]{3})$/;

function writeTag(key: string, value: string | null | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!TAG_NAME.test(key)) {
    assertNoLineBreak(`tag name ${JSON.stringify(key)}`, key);
    throw new InvalidIrcMessageError(
      `tag name ${JSON.stringify(key)}`,
      'tag names are letters, digits and "-", with an optional "+" and "vendor/" in front.',
    );
  }
  if (value === null) return key;
  assertNoLineBreak(`tags.${key}`, value);
  return `${key}=${escapeTagValue(value)}`;
}

/**
 * Serializes a message into one IRC line, without the line ending (add `\r\n` if the transport needs it; Twitch
 * accepts both, protocol reference §1.2).
 *
 * Tag values are escaped. Nothing else is changed: a value that cannot be written safely is refused, never altered.
 *
 * @param message - The tags, prefix, command and parameters.
 * @returns The line.
 * @throws {@link IrcInjectionError} When any tag, the prefix, the command or a parameter contains CR, LF or NUL.
 * @throws {@link InvalidIrcMessageError} When the command is not a word or a three-digit numeric, a tag name is
 *   invalid, the prefix is empty or has a space, or a middle parameter is empty, has a space or starts with `:`.
 * @example
 * ```ts
 * serializeIrcMessage({ tags: { 'reply-parent-msg-id': 'abc' }, command: 'PRIVMSG', params: ['#ronni', 'hi there'] });
 * // '@reply-parent-msg-id=abc PRIVMSG #ronni :hi there'
 * ```
 */
export function serializeIrcMessage(message: IrcMessageInit): string {
  let line = '';
  const { tags, prefix, command, params = [] } = message;
  if (tags !== undefined) {
    const parts: string[] = [];
    // Any read-only map (a parsed message's tags, a Map) or a plain object.
    const entries: Iterable<[string, string | null | undefined]> =
      typeof (tags as Partial<ReadonlyMap<string, unknown>>).entries === 'function' &&
      typeof (tags as Partial<ReadonlyMap<string, unknown>>).get === 'function'
        ? (tags as ReadonlyMap<string, string | null | undefined>).entries()
        : Object.entries(tags as Readonly<Record<string, string | null | undefined>>);
    for (const [key, value] of entries) {
      const written = writeTag(key, value);
      if (written !== undefined) parts.push(written);
    }
    if (parts.length > 0) line = `@${parts.join(';')} `;
  }
  if (prefix !== undefined) {
    assertNoLineBreak('prefix', prefix);
    if (prefix === '' || prefix.includes(' ')) {
      throw new InvalidIrcMessageError('prefix', 'a prefix must be non-empty and contain no space.');
    }
    line += `:${prefix} `;
  }
  assertNoLineBreak('command', command);
  if (!COMMAND.test(command)) {
    throw new InvalidIrcMessageError('command', `${JSON.stringify(command)} is neither letters nor a three-digit numeric.`);
  }
  line += command;
  const last = params.length - 1;
  for (let index = 0; index <= last; index++) {
    const param = params[index] as string;
    assertNoLineBreak(`params[${index}]`, param);
    if (index === last) {
      line += param === '' || param.includes(' ') || param.charCodeAt(0) === 0x3a ? ` :${param}` : ` ${param}`;
    } else {
      if (param === '' || param.includes(' ') || param.charCodeAt(0) === 0x3a) {
        throw new InvalidIrcMessageError(
          `params[${index}]`,
          'only the last parameter may be empty, contain spaces or start with ":"; join the words or move the value last.',
        );
      }
      line += ` ${param}`;
    }
  }
  return line;
}
