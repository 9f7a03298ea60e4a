import type { IrcLineSplitter } from './IrcLineSplitter.js';
import type { IrcMessage, IrcParseFailure, IrcParseFailureReason, IrcTags } from './IrcMessage.js';
import { IrcTagBlock } from './IrcTagBlock.js';


/**
 * The parsed line; a class so every message shares one hidden class. The prefix is kept as its bounds in the line and
 * sliced (and split into nick, user and host) on access: most handlers read only the nick, once, and the decoder reads
 * the nick straight from the line.
 */
class ParsedIrcMessage implements IrcMessage {
  // `declare` + constructor stores: class-field initializers cost measurably per message on node 20.
  declare readonly ok: true;
  declare readonly raw: string;
  declare readonly tags: IrcTags;
  declare readonly command: string;
  declare readonly params: readonly string[];
  /** Where the prefix starts in `raw` (after its `:`), or -1 when there is none. */
  private declare readonly prefixStart: number;
  private declare readonly prefixEnd: number;

  constructor(raw: string, tags: IrcTags, prefixStart: number, prefixEnd: number, command: string, params: readonly string[]) {
    this.ok = true;
    this.raw = raw;
    this.tags = tags;
    this.prefixStart = prefixStart;
    this.prefixEnd = prefixEnd;
    this.command = command;
    this.params = params;
  }

  get prefix(): string | undefined {
    return this.prefixStart === -1 ? undefined : this.raw.slice(this.prefixStart, this.prefixEnd);
  }

  get nick(): string | undefined {
    const start = this.prefixStart;
    if (start === -1) return undefined;
    const raw = this.raw;
    const end = this.prefixEnd;
    // Searches may run past the prefix; a position at or after its end means "not in the prefix".
    const bang = raw.indexOf('!', start);
    let at = raw.indexOf('@', start);
    if (at >= end) at = -1;
    if (bang !== -1 && bang < end && (at === -1 || bang < at)) return raw.slice(start, bang);
    return at === -1 ? undefined : raw.slice(start, at);
  }

  get user(): string | undefined {
    const prefix = this.prefix;
    if (prefix === undefined) return undefined;
    const bang = prefix.indexOf('!');
    const at = prefix.indexOf('@');
    if (bang === -1 || (at !== -1 && at < bang)) return undefined;
    return at === -1 ? prefix.slice(bang + 1) : prefix.slice(bang + 1, at);
  }

  get host(): string | undefined {
    const prefix = this.prefix;
    if (prefix === undefined) return undefined;
    const at = prefix.indexOf('@');
    if (at !== -1) return prefix.slice(at + 1);
    return prefix.indexOf('!') === -1 ? prefix : undefined;
  }
}

/** Shared by every line without tags: the tag list is immutable. */
const NO_TAGS: IrcTags = new IrcTagBlock('', 0, 0);

function failure(reason: IrcParseFailureReason, raw: string, position: number): IrcParseFailure {
  return { ok: false, reason, raw, position };
}

function isValidCommand(line: string, start: number, end: number): boolean {
  const length = end - start;
  const first = line.charCodeAt(start);
  if (first >= 0x30 && first <= 0x39) {
    if (length !== 3) return false;
    const second = line.charCodeAt(start + 1);
    const third = line.charCodeAt(start + 2);
    return second >= 0x30 && second <= 0x39 && third >= 0x30 && third <= 0x39;
  }
  for (let index = start; index < end; index++) {
    const code = line.charCodeAt(index) | 0x20; // ASCII lower-case fold
    if (code < 0x61 || code > 0x7a) return false;
  }
  return true;
}

/**
 * Parses one IRC line (IRCv3 tags, prefix, command, middle parameters and trailing parameter).
 *
 * It accepts what Twitch really sends: a trailing parameter without its `:` (`PRIVMSG #pajlada shared9Dog`), tags in
 * any order, bare `key` tags (value `null`) next to `key=` (value `""`), runs of spaces between parts, and line
 * endings (`\r\n` or `\n`) at the end. It never throws, whatever the input (empty, huge, lone surrogates, …): a line
 * that is not a message returns an {@link IrcParseFailure}. Tags are read lazily from the line: `tags.get(key)` finds
 * and unescapes just that tag, and iterating the tags (or `size`) parses and unescapes all of them once; the values
 * are the same either way. Twitch meaning (badges, emotes, …) is left to `decodeTwitchMessage`.
 *
 * @param line - One line, with or without its trailing `\r\n`. To split WebSocket frames use {@link IrcLineSplitter}.
 * @returns The message (`ok: true`) or why it is not one (`ok: false`).
 * @example
 * ```ts
 * const message = parseIrcMessage('@badge-info=;color=#0000FF :ronni!ronni@ronni.tmi.twitch.tv PRIVMSG #ronni :hi');
 * if (message.ok) {
 *   message.tags.get('color'); // '#0000FF'
 *   message.nick; // 'ronni'
 *   message.params; // ['#ronni', 'hi']
 * }
 * ```
 */
export function parseIrcMessage(line: string): IrcMessage | IrcParseFailure {
  if (typeof line !== 'string') return failure('not-a-string', String(line), 0);
  let end = line.length;
  while (end > 0) {
    const code = line.charCodeAt(end - 1);
    if (code !== 0x0a && code !== 0x0d) break;
    end--;
  }
  const raw = end === line.length ? line : line.slice(0, end);
  let position = 0;
  while (position < end && raw.charCodeAt(position) === 0x20) position++;
  if (position === end) return failure('empty', raw, position);

  let tags: IrcTags;
  if (raw.charCodeAt(position) === 0x40 /* @ */) {
    let space = raw.indexOf(' ', position + 1);
    if (space === -1) space = end;
    tags = new IrcTagBlock(raw, position + 1, space);
    position = space;
    while (position < end && raw.charCodeAt(position) === 0x20) position++;
    if (position === end) return failure('missing-command', raw, position);
  } else {
    tags = NO_TAGS;
  }

  let prefixStart = -1;
  let prefixEnd = -1;
  if (raw.charCodeAt(position) === 0x3a /* : */) {
    let space = raw.indexOf(' ', position + 1);
    if (space === -1) space = end;
    prefixStart = position + 1;
    prefixEnd = space;
    position = space;
    while (position < end && raw.charCodeAt(position) === 0x20) position++;
    if (position === end) return failure('missing-command', raw, position);
  }

  let commandEnd = raw.indexOf(' ', position);
  if (commandEnd === -1) commandEnd = end;
  let command: string;
  if (commandEnd - position === 7 && raw.startsWith('PRIVMSG', position)) {
    // The hot command: reuse the constant instead of validating and slicing (and the decoder's switch then compares
    // two identical strings).
    command = 'PRIVMSG';
  } else {
    if (!isValidCommand(raw, position, commandEnd)) return failure('invalid-command', raw, position);
    command = raw.slice(position, commandEnd);
  }
  position = commandEnd;

  // The first two parameters (all a chat line has) are kept in locals and the array is built at its final size: an
  // empty array grown by `push` allocates room for 17.
  let first: string | undefined;
  let second: string | undefined;
  let rest: string[] | undefined;
  let count = 0;
  while (position < end) {
    while (position < end && raw.charCodeAt(position) === 0x20) position++;
    if (position === end) break;
    let param: string;
    const trailing = raw.charCodeAt(position) === 0x3a; /* : */
    if (trailing) {
      param = raw.slice(position + 1, end);
      position = end;
    } else {
      let space = raw.indexOf(' ', position);
      if (space === -1) space = end;
      param = raw.slice(position, space);
      position = space;
    }
    if (count === 0) first = param;
    else if (count === 1) second = param;
    else if (rest === undefined) rest = [first as string, second as string, param];
    else rest.push(param);
    count++;
  }
  const params: string[] =
    rest ?? (count === 0 ? [] : count === 1 ? [first as string] : [first as string, second as string]);

  return new ParsedIrcMessage(raw, tags, prefixStart, prefixEnd, command, params);
}
