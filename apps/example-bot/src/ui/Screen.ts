/** Where the UI is written: a terminal (redrawn in place) or anything else (plain log lines). */
export interface ScreenOutput {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

// Plain ANSI escapes: no TUI dependency. `F` moves to the start of a line n rows up, `2K` clears a line, `J` clears
// everything below the cursor, `?25l`/`?25h` hide and show the cursor.
const ESC = '\u001b[';
const ANSI_PATTERN = /\u001b\[[0-9;?]*[A-Za-z]/g;

/** Removes ANSI escapes, for measuring and for outputs that are not terminals. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI_PATTERN, '');
}

/**
 * The terminal view. On a TTY, `frame()` is redrawn in place every `redrawMs`; elsewhere (CI, a pipe, a test's captured
 * stream) `logLine()` is printed every `logEveryMs` and `log()` lines go straight out, all without colours.
 */
export class Screen {
  readonly tty: boolean;
  #drawn = 0;
  #timer: NodeJS.Timeout | undefined;
  #frame: () => string[] = () => [];

  constructor(
    readonly output: ScreenOutput,
    readonly options: { readonly redrawMs?: number; readonly logEveryMs?: number } = {},
  ) {
    this.tty = output.isTTY === true;
  }

  /** Writes lines once, above the live view. */
  print(lines: readonly string[]): void {
    for (const line of lines) this.output.write(`${this.#fit(line)}\n`);
  }

  /** Starts the live view. */
  start(frame: () => string[], logLine: () => string): void {
    this.#frame = frame;
    if (this.tty) {
      this.output.write(`${ESC}?25l`);
      this.#draw();
      this.#timer = setInterval(() => this.#draw(), this.options.redrawMs ?? 250);
    } else {
      this.#timer = setInterval(() => this.print([logLine()]), this.options.logEveryMs ?? 2_000);
    }
  }

  /** A line worth a log entry (an answer); a TTY shows it in the frame instead. */
  log(line: string): void {
    if (!this.tty) this.print([line]);
  }

  /** Draws the last frame and stops redrawing; idempotent. */
  freeze(): void {
    if (this.#timer === undefined) return;
    clearInterval(this.#timer);
    this.#timer = undefined;
    if (this.tty) {
      this.#draw();
      this.output.write(`${ESC}?25h`);
    }
  }

  /** Freezes the view and prints `after` below it. */
  stop(after: readonly string[]): void {
    this.freeze();
    this.print(after);
  }

  #draw(): void {
    const lines = this.#frame();
    let text = this.#drawn > 0 ? `${ESC}${this.#drawn}F` : '';
    for (const line of lines) text += `${ESC}2K${this.#fit(line)}\n`;
    this.output.write(`${text}${ESC}J`);
    this.#drawn = lines.length;
  }

  /** Keeps a line within the terminal width (a wrapped line would break the redraw); no colours off a TTY. */
  #fit(line: string): string {
    if (!this.tty) return stripAnsi(line);
    const width = Math.max(20, (this.output.columns ?? 120) - 1);
    const plain = stripAnsi(line);
    return plain.length <= width ? line : `${plain.slice(0, width - 1)}…`;
  }
}
