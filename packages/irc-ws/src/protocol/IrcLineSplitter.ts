import type { IrcParseFailure } from './IrcMessage.js';

/**
 * Options of an {@link IrcLineSplitter}.
 */
export interface IrcLineSplitterOptions {
  /**
   * The longest line accepted, in UTF-16 code units, without its line ending. Longer lines are dropped and reported
   * as a `line-too-long` {@link IrcParseFailure}; this also bounds the carry-over buffer, so a peer sending megabytes
   * without a newline cannot grow memory. Twitch documents no maximum for server lines; the IRCv3 tag block alone may
   * reach 8191 bytes (protocol reference §3.1), so the default leaves ample room above that.
   *
   * @defaultValue `65536` (64 KiB). Setting it below about 12 KiB risks dropping real lines with large tag blocks.
   */
  readonly maxLineLength?: number;
}

/** The default of {@link IrcLineSplitterOptions.maxLineLength}: 64 KiB. */
export const DEFAULT_MAX_LINE_LENGTH = 65_536;

const PREVIEW_LENGTH = 512;

function tooLong(line: string, length: number): IrcParseFailure {
  return { ok: false, reason: 'line-too-long', raw: line.slice(0, PREVIEW_LENGTH), position: length };
}

/**
 * Splits the text of WebSocket frames into IRC lines.
 *
 * One frame can carry several CRLF-terminated lines (protocol reference §1.2), so every frame goes through here. The
 * splitter accepts `\r\n` and bare `\n`, drops empty lines, and keeps an unterminated tail until the next frame, in
 * case a line is ever split across two frames. Lines longer than {@link IrcLineSplitterOptions.maxLineLength} are
 * dropped and reported in place as an {@link IrcParseFailure}, never thrown.
 *
 * @example
 * ```ts
 * const splitter = new IrcLineSplitter();
 * for (const line of splitter.push(frameText)) {
 *   const message = typeof line === 'string' ? parseIrcMessage(line) : line;
 *   if (message.ok) handle(message);
 *   else report(message);
 * }
 * ```
 */
export class IrcLineSplitter {
  /** The longest line accepted (see {@link IrcLineSplitterOptions.maxLineLength}). */
  readonly maxLineLength: number;
  #carry = '';
  #discarding = false;

  /**
   * Creates a splitter with an empty buffer.
   *
   * @param options - The maximum line length.
   * @throws RangeError when `maxLineLength` is not a positive integer (a programming error, not wire input).
   */
  constructor(options: IrcLineSplitterOptions = {}) {
    const maxLineLength = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
    if (!Number.isSafeInteger(maxLineLength) || maxLineLength < 1) {
      throw new RangeError(`maxLineLength must be a positive integer, got ${String(maxLineLength)}; omit it for 65536.`);
    }
    this.maxLineLength = maxLineLength;
  }

  /** How many characters of an unterminated line are waiting for the next frame. */
  get bufferedLength(): number {
    return this.#carry.length;
  }

  /**
   * Feeds one frame and returns the complete lines it finished, in order, without their line endings.
   *
   * @param frame - The text of one WebSocket frame (or any chunk of the stream).
   * @returns The complete non-empty lines, and a `line-too-long` failure in place of each line that was too long.
   */
  push(frame: string): Array<string | IrcParseFailure> {
    const lines: Array<string | IrcParseFailure> = [];
    const data = this.#carry === '' ? frame : this.#carry + frame;
    this.#carry = '';
    const max = this.maxLineLength;
    let start = 0;
    let newline = data.indexOf('\n');
    while (newline !== -1) {
      if (this.#discarding) {
        // The rest of a line already reported as too long.
        this.#discarding = false;
      } else {
        const end = newline > start && data.charCodeAt(newline - 1) === 0x0d ? newline - 1 : newline;
        const length = end - start;
        if (length > max) lines.push(tooLong(data.slice(start, Math.min(end, start + PREVIEW_LENGTH)), length));
        else if (length > 0) lines.push(data.slice(start, end));
      }
      start = newline + 1;
      newline = data.indexOf('\n', start);
    }
    const rest = data.length - start;
    if (rest > 0 && !this.#discarding) {
      // A tail of max + 1 may still be a line of max characters followed by a `\r` whose `\n` is in the next frame.
      if (rest > max + 1) {
        lines.push(tooLong(data.slice(start, start + PREVIEW_LENGTH), rest));
        this.#discarding = true;
      } else {
        this.#carry = start === 0 ? data : data.slice(start);
      }
    }
    return lines;
  }

  /** Forgets any buffered partial line, for example when the connection is replaced. */
  reset(): void {
    this.#carry = '';
    this.#discarding = false;
  }
}
