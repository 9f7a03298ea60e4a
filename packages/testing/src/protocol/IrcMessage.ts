/**
 * The mock's own IRC line parser and serializer. It is deliberately independent of `@tio/irc-ws`, so a bug in the
 * client's parser cannot hide behind the same bug in the mock.
 *
 * Grammar (twitch-protocol.md §3): `['@' tags SP] [':' prefix SP] COMMAND [SP params] [SP ':' trailing]`.
 */

/**
 * One IRC message, as the mock reads it from a client or writes it to one.
 */
export interface IrcMessage {
  /** IRCv3 tags in the order they were read or will be written; `undefined` is a bare key without `=`. */
  readonly tags: ReadonlyMap<string, string | undefined>;
  /** The prefix without the leading `:`, or `undefined` when the line has none. */
  readonly prefix: string | undefined;
  /** The command or numeric, upper-cased when parsed. */
  readonly command: string;
  /** Every parameter, the trailing one last and without its `:`. */
  readonly params: readonly string[];
}

/**
 * Reverses IRCv3 tag-value escaping (twitch-protocol.md §3.1): `\:` → `;`, `\s` → space, `\\` → `\`, `\r`, `\n`;
 * a backslash before any other character is dropped, and a lone trailing backslash is dropped.
 *
 * @param value - an escaped tag value as it appears on the wire
 * @returns the unescaped value
 */
export function unescapeTagValue(value: string): string {
  if (!value.includes('\\')) return value;
  let result = '';
  for (let index = 0; index < value.length; index++) {
    const character = value[index];
    if (character !== '\\') {
      result += character;
      continue;
    }
    const next = value[index + 1];
    index++;
    switch (next) {
      case ':':
        result += ';';
        break;
      case 's':
        result += ' ';
        break;
      case '\\':
        result += '\\';
        break;
      case 'r':
        result += '\r';
        break;
      case 'n':
        result += '\n';
        break;
      case undefined:
        break;
      default:
        result += next;
    }
  }
  return result;
}

/**
 * Escapes a tag value for the wire (the reverse of {@link unescapeTagValue}).
 *
 * @param value - a raw tag value
 * @returns the escaped value, safe to place after `key=`
 */
export function escapeTagValue(value: string): string {
  let result = '';
  for (const character of value) {
    switch (character) {
      case ';':
        result += '\\:';
        break;
      case ' ':
        result += '\\s';
        break;
      case '\\':
        result += '\\\\';
        break;
      case '\r':
        result += '\\r';
        break;
      case '\n':
        result += '\\n';
        break;
      default:
        result += character;
    }
  }
  return result;
}

/**
 * Parses one IRC line (without its CRLF). Input from the wire never throws: a line with no command gives
 * `undefined`.
 *
 * @param line - one line, with or without a trailing CR/LF
 * @returns the message, or `undefined` when the line holds no command
 */
export function parseIrcLine(line: string): IrcMessage | undefined {
  let rest = line.replace(/[\r\n]+$/, '');
  const tags = new Map<string, string | undefined>();
  if (rest.startsWith('@')) {
    const end = rest.indexOf(' ');
    const raw = end === -1 ? rest.slice(1) : rest.slice(1, end);
    rest = end === -1 ? '' : rest.slice(end + 1);
    for (const pair of raw.split(';')) {
      if (pair === '') continue;
      const equals = pair.indexOf('=');
      if (equals === -1) tags.set(pair, undefined);
      else tags.set(pair.slice(0, equals), unescapeTagValue(pair.slice(equals + 1)));
    }
  }
  rest = rest.replace(/^ +/, '');
  let prefix: string | undefined;
  if (rest.startsWith(':')) {
    const end = rest.indexOf(' ');
    prefix = end === -1 ? rest.slice(1) : rest.slice(1, end);
    rest = end === -1 ? '' : rest.slice(end + 1);
  }
  const params: string[] = [];
  let command: string | undefined;
  while (rest.length > 0) {
    rest = rest.replace(/^ +/, '');
    if (rest.length === 0) break;
    if (command !== undefined && rest.startsWith(':')) {
      params.push(rest.slice(1));
      break;
    }
    const end = rest.indexOf(' ');
    const word = end === -1 ? rest : rest.slice(0, end);
    rest = end === -1 ? '' : rest.slice(end + 1);
    if (command === undefined) command = word;
    else params.push(word);
  }
  if (command === undefined || command.length === 0) return undefined;
  return { tags, prefix, command: command.toUpperCase(), params };
}

/**
 * Serializes a message to one IRC line without CRLF. The last parameter always gets a leading `:` when it is
 * empty, contains a space or starts with `:`; the mock writes it with `:` for commands whose trailing part is text,
 * as Twitch does (twitch-lines.txt), which callers choose with `trailing`.
 *
 * @param message - the message to write
 * @param trailing - write the last parameter as a trailing parameter (with `:`) even when it would not need one
 * @returns the line, without CRLF
 */
export function serializeIrcMessage(message: IrcMessage, trailing = true): string {
  let line = '';
  if (message.tags.size > 0) {
    const parts: string[] = [];
    for (const [key, value] of message.tags) parts.push(value === undefined ? key : `${key}=${escapeTagValue(value)}`);
    line += `@${parts.join(';')} `;
  }
  if (message.prefix !== undefined) line += `:${message.prefix} `;
  line += message.command;
  const count = message.params.length;
  message.params.forEach((param, index) => {
    const last = index === count - 1;
    const needsColon = param.length === 0 || param.includes(' ') || param.startsWith(':');
    line += last && (trailing || needsColon) ? ` :${param}` : ` ${param}`;
  });
  return line;
}

/**
 * Splits one WebSocket text frame from a client into lines: CRLF or a bare LF ends a line, empty lines are dropped,
 * and a final line without a terminator is a complete line (twitch-protocol.md §1.2: clients send with or without
 * CRLF, one or several commands per frame).
 *
 * @param frame - the frame's text
 * @returns the non-empty lines, without terminators
 */
export function splitFrameLines(frame: string): string[] {
  return frame.split(/\r?\n/).filter((line) => line.length > 0);
}

/**
 * Writes a tag block without the leading `@` or trailing space, escaping every value.
 *
 * @param tags - key/value pairs in the order to write them
 * @returns `key=value;key=value…`
 */
export function serializeTags(tags: Iterable<readonly [string, string]>): string {
  const parts: string[] = [];
  for (const [key, value] of tags) parts.push(`${key}=${escapeTagValue(value)}`);
  return parts.join(';');
}
