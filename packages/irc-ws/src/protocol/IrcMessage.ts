import type { IrcLineSplitter } from './IrcLineSplitter.js';

/**
 * The IRCv3 tags of a message as a read-only map: tag name → unescaped value, in wire order.
 *
 * A tag written `key=` has the value `""`; a bare `key` (no `=`) has the value `null`, so the two stay distinct;
 * `get()` of a missing tag is `undefined`. When a tag appears twice (malformed; Twitch never does), `get()` returns
 * the last value while iteration and `size` show both, as written. Keys such as `__proto__` are ordinary keys. The
 * parser's implementation is immutable and lazy: a lookup finds its tag in the line and unescapes only that value,
 * while iteration parses every tag once (faster than a `Map` for the few lookups a handler makes; see the package
 * README); copy it with `new Map(tags)` when you need a mutable one.
 */
export type IrcTags = ReadonlyMap<string, string | null>;

/**
 * One parsed IRC line: `['@' tags SP] [':' prefix SP] COMMAND [SP params] [SP ':' trailing]`.
 *
 * @example
 * ```ts
 * const message = parseIrcMessage('@id=1 :ronni!ronni@ronni.tmi.twitch.tv PRIVMSG #ronni :Kappa');
 * if (message.ok) console.log(message.command, message.params); // PRIVMSG [ '#ronni', 'Kappa' ]
 * ```
 */
export interface IrcMessage {
  /** Always `true`: tells a message from an {@link IrcParseFailure}. */
  readonly ok: true;
  /** The line as parsed, without its line ending. */
  readonly raw: string;
  /** The tags, unescaped. Empty when the line has none. */
  readonly tags: IrcTags;
  /** The whole prefix without its `:` (`nick!user@host` or a server name), or `undefined` when absent. */
  readonly prefix: string | undefined;
  /** The nick of a `nick!user@host` (or `nick@host`) prefix; `undefined` for a server-name prefix or none. */
  readonly nick: string | undefined;
  /** The user part of the prefix, when it has one. */
  readonly user: string | undefined;
  /** The host part of the prefix; for a server-name prefix (`tmi.twitch.tv`), the whole prefix. */
  readonly host: string | undefined;
  /** The command as written: a word such as `PRIVMSG`, or a three-digit numeric such as `001`. */
  readonly command: string;
  /** The parameters in order; the trailing parameter (with or without its `:`) is the last one. */
  readonly params: readonly string[];
}

/**
 * Why a line could not be parsed.
 * - `empty`: the line is empty or only spaces.
 * - `missing-command`: tags and/or a prefix, but no command.
 * - `invalid-command`: the command is neither letters nor a three-digit numeric.
 * - `line-too-long`: a line exceeded the {@link IrcLineSplitter}'s maximum length and was dropped.
 * - `not-a-string`: the input was not a string (only possible from untyped callers).
 */
export type IrcParseFailureReason = 'empty' | 'missing-command' | 'invalid-command' | 'line-too-long' | 'not-a-string';

/**
 * A line that is not a valid IRC message. Parsing never throws: malformed wire input becomes this value.
 *
 * @example
 * ```ts
 * const result = parseIrcMessage('@badges=');
 * if (!result.ok) console.warn(`${result.reason} at ${result.position}`); // missing-command at 8
 * ```
 */
export interface IrcParseFailure {
  /** Always `false`: tells a failure from an {@link IrcMessage}. */
  readonly ok: false;
  /** What is wrong. */
  readonly reason: IrcParseFailureReason;
  /**
   * The offending line. For `line-too-long`, only its first 512 characters, so a failure never pins a huge buffer.
   */
  readonly raw: string;
  /** The UTF-16 offset in the line where the problem was found (for `line-too-long`: the line's length). */
  readonly position: number;
}
