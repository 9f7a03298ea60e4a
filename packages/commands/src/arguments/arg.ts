import type { Argument, ArgumentParseResult, ArgumentValue, CommonArgumentOptions } from './Argument.js';

/** Options of {@link arg.string}. */
export interface StringArgumentOptions extends CommonArgumentOptions<string> {
  /** The fewest code points accepted. @defaultValue `0` */
  readonly minLength?: number;
  /** The most code points accepted. @defaultValue no limit */
  readonly maxLength?: number;
}

/** Options of {@link arg.integer} and {@link arg.number}. */
export interface NumberArgumentOptions extends CommonArgumentOptions<number> {
  /** The smallest value accepted. @defaultValue no limit */
  readonly min?: number;
  /** The largest value accepted. @defaultValue no limit */
  readonly max?: number;
}

/** Options of {@link arg.duration}: bounds in milliseconds. */
export interface DurationArgumentOptions extends CommonArgumentOptions<number> {
  /** The shortest duration accepted, in milliseconds. @defaultValue `0` */
  readonly minMs?: number;
  /** The longest duration accepted, in milliseconds. @defaultValue no limit */
  readonly maxMs?: number;
}

/** Options of {@link arg.rest}. */
export interface RestArgumentOptions extends CommonArgumentOptions<string> {
  /** The most code points accepted. @defaultValue no limit */
  readonly maxLength?: number;
}

/** Options of {@link arg.custom}. */
export interface CustomArgumentOptions<T> extends CommonArgumentOptions<T> {
  /** A short name of the kind of value, for diagnostics (`color`, `emote`). */
  readonly kind: string;
  /**
   * Reads one raw token (quotes removed). Return `{ ok: false, problem }` for bad input; throwing is treated as a
   * bug in the command (a `commandError` event), not as a usage error.
   *
   * @param raw - The token.
   * @returns The value or the problem, phrased to follow the argument's name (`must be a hex colour`).
   */
  readonly parse: (raw: string) => ArgumentParseResult<T>;
}

type NoOptions = Record<never, never>;

// Twitch logins are `[a-z0-9_]`, 1 to 25 characters; 1–3 character logins exist on old accounts
// (twitch-protocol.md §4.8). Chat users usually type `@DisplayName`, so `@` and upper case are accepted.
const LOGIN = /^@?[A-Za-z0-9_]{1,25}$/;
const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const DURATION_PART = /(\d+(?:\.\d+)?)\s*(milliseconds?|ms|minutes?|mins?|m|seconds?|secs?|s|hours?|hrs?|h|days?|d|weeks?|w)/gy;
const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const TRUE_WORDS = new Set(['true', 'yes', 'y', 'on', '1', 'enable', 'enabled']);
const FALSE_WORDS = new Set(['false', 'no', 'n', 'off', '0', 'disable', 'disabled']);

function ok<T>(value: T): ArgumentParseResult<T> {
  return { ok: true, value };
}

function fail(problem: string): ArgumentParseResult<never> {
  return { ok: false, problem };
}

function codePointLength(text: string): number {
  let length = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    // A high surrogate followed by a low one is one code point.
    if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) index++;
    }
    length++;
  }
  return length;
}

function create<T>(
  kind: string,
  options: CommonArgumentOptions<T> | undefined,
  rest: boolean,
  parse: (raw: string) => ArgumentParseResult<T>,
): Argument<T> {
  const hasDefault = options !== undefined && 'default' in options && options.default !== undefined;
  return Object.freeze({
    kind,
    required: !hasDefault && options?.optional !== true,
    rest,
    defaultValue: hasDefault ? options.default : undefined,
    description: options?.description,
    parse,
  });
}

function checkLength(raw: string, minLength: number | undefined, maxLength: number | undefined): ArgumentParseResult<string> {
  if (minLength === undefined && maxLength === undefined) return ok(raw);
  const length = codePointLength(raw);
  if (minLength !== undefined && length < minLength) return fail(`must be at least ${minLength} characters long`);
  if (maxLength !== undefined && length > maxLength) return fail(`must be at most ${maxLength} characters long`);
  return ok(raw);
}

function checkRange(value: number, min: number | undefined, max: number | undefined, unit = ''): ArgumentParseResult<number> {
  if (min !== undefined && value < min) return fail(`must be at least ${min}${unit}`);
  if (max !== undefined && value > max) return fail(`must be at most ${max}${unit}`);
  return ok(value);
}

/**
 * Declares a single word, or a "quoted phrase".
 *
 * @param options - Length bounds, `optional`, `default`, `description`.
 * @returns The argument.
 * @example
 * ```ts
 * bot.command({ name: 'title', args: { title: arg.string({ maxLength: 140 }) }, run: (ctx) => ctx.reply(ctx.args.title) });
 * ```
 */
function string<const O extends StringArgumentOptions = NoOptions>(options?: O): Argument<ArgumentValue<string, O>> {
  return create('string', options, false, (raw) => checkLength(raw, options?.minLength, options?.maxLength)) as Argument<
    ArgumentValue<string, O>
  >;
}

/**
 * Declares a whole number (`42`, `-3`, `+7`), within `min`/`max` when given.
 *
 * @param options - Bounds, `optional`, `default`, `description`.
 * @returns The argument.
 * @example
 * ```ts
 * const amount = arg.integer({ min: 1, max: 1_000 }); // ctx.args.amount: number
 * ```
 */
function integer<const O extends NumberArgumentOptions = NoOptions>(options?: O): Argument<ArgumentValue<number, O>> {
  return create('integer', options, false, (raw) => {
    if (!INTEGER.test(raw)) return fail('must be a whole number');
    const value = Number(raw);
    if (!Number.isSafeInteger(value)) return fail(`must be a whole number between ${Number.MIN_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}`);
    return checkRange(value, options?.min, options?.max);
  }) as Argument<ArgumentValue<number, O>>;
}

/**
 * Declares a decimal number (`1.5`, `-2`, `.5`, `1e3`), within `min`/`max` when given.
 *
 * @param options - Bounds, `optional`, `default`, `description`.
 * @returns The argument.
 * @example
 * ```ts
 * const multiplier = arg.number({ min: 0, default: 1 }); // ctx.args.multiplier: number
 * ```
 */
function number<const O extends NumberArgumentOptions = NoOptions>(options?: O): Argument<ArgumentValue<number, O>> {
  return create('number', options, false, (raw) => {
    if (!DECIMAL.test(raw)) return fail('must be a number');
    const value = Number(raw);
    if (!Number.isFinite(value)) return fail('must be a finite number');
    return checkRange(value, options?.min, options?.max);
  }) as Argument<ArgumentValue<number, O>>;
}

/**
 * Declares a yes/no value: `true yes y on 1 enable` or `false no n off 0 disable` (any case).
 *
 * @param options - `optional`, `default`, `description`.
 * @returns The argument.
 * @example
 * ```ts
 * const enabled = arg.boolean(); // !emoteonly on
 * ```
 */
function boolean<const O extends CommonArgumentOptions<boolean> = NoOptions>(options?: O): Argument<ArgumentValue<boolean, O>> {
  return create('boolean', options, false, (raw) => {
    const word = raw.toLowerCase();
    if (TRUE_WORDS.has(word)) return ok(true);
    if (FALSE_WORDS.has(word)) return ok(false);
    return fail('must be yes or no (on/off, true/false)');
  }) as Argument<ArgumentValue<boolean, O>>;
}

/**
 * Declares a Twitch user, typed as a login or `@DisplayName`; the value is the lower-case login without `@`.
 * Non-ASCII display names cannot be mapped to a login offline and are refused.
 *
 * @param options - `optional`, `default`, `description`.
 * @returns The argument.
 * @example
 * ```ts
 * const user = arg.user(); // "!hug @Alice" → ctx.args.user === 'alice'
 * ```
 */
function user<const O extends CommonArgumentOptions<string> = NoOptions>(options?: O): Argument<ArgumentValue<string, O>> {
  return create('user', options, false, (raw) => {
    if (!LOGIN.test(raw)) return fail('must be a Twitch user name (letters, digits and _, at most 25)');
    return ok((raw.charCodeAt(0) === 64 ? raw.slice(1) : raw).toLowerCase());
  }) as Argument<ArgumentValue<string, O>>;
}

/**
 * Declares one of a fixed set of words, matched without regard to case; the value is the word as declared.
 *
 * @param choices - The accepted words (at least one).
 * @param options - `optional`, `default`, `description`.
 * @returns The argument.
 * @throws `TypeError` when `choices` is empty.
 * @example
 * ```ts
 * const side = arg.choice(['heads', 'tails']); // ctx.args.side: 'heads' | 'tails'
 * ```
 */
function choice<const C extends readonly [string, ...string[]], const O extends CommonArgumentOptions<C[number]> = NoOptions>(
  choices: C,
  options?: O,
): Argument<ArgumentValue<C[number], O>> {
  if (!Array.isArray(choices) || choices.length === 0) throw new TypeError('arg.choice(choices) needs at least one choice.');
  const byLowerCase = new Map(choices.map((entry) => [entry.toLowerCase(), entry] as const));
  const problem = `must be one of ${choices.join(', ')}`;
  return create('choice', options, false, (raw) => {
    const found = byLowerCase.get(raw.toLowerCase());
    return found === undefined ? fail(problem) : ok(found);
  }) as Argument<ArgumentValue<C[number], O>>;
}

/**
 * Declares a duration such as `90` (seconds, like Twitch's `/timeout`), `10m`, `1h30m` or `2 days`; the value is
 * in milliseconds. Units: `ms`, `s`, `m`, `h`, `d`, `w` (and their long forms).
 *
 * @param options - Bounds in milliseconds, `optional`, `default`, `description`.
 * @returns The argument.
 * @example
 * ```ts
 * const length = arg.duration({ maxMs: 14 * 86_400_000 }); // "!timeout bob 10m" → 600_000
 * ```
 */
function duration<const O extends DurationArgumentOptions = NoOptions>(options?: O): Argument<ArgumentValue<number, O>> {
  return create('duration', options, false, (raw) => {
    const value = parseDuration(raw);
    if (value === undefined) return fail('must be a duration such as 30s, 10m or 1h30m');
    const { minMs, maxMs } = options ?? {};
    if (minMs !== undefined && value < minMs) return fail(`must be at least ${formatMs(minMs)}`);
    if (maxMs !== undefined && value > maxMs) return fail(`must be at most ${formatMs(maxMs)}`);
    return ok(value);
  }) as Argument<ArgumentValue<number, O>>;
}

/**
 * Declares the rest of the message, as typed (quotes kept, inner spacing kept, ends trimmed). Only the last argument
 * may be a rest argument.
 *
 * @param options - `maxLength`, `optional`, `default`, `description`.
 * @returns The argument.
 * @example
 * ```ts
 * const reason = arg.rest({ optional: true }); // ctx.args.reason: string | undefined
 * ```
 */
function rest<const O extends RestArgumentOptions = NoOptions>(options?: O): Argument<ArgumentValue<string, O>> {
  return create('rest', options, true, (raw) => checkLength(raw, undefined, options?.maxLength)) as Argument<
    ArgumentValue<string, O>
  >;
}

/**
 * Declares an argument read by your own function.
 *
 * @param options - `kind`, `parse`, and `optional`, `default`, `description`.
 * @returns The argument.
 * @example
 * ```ts
 * const color = arg.custom({
 *   kind: 'color',
 *   parse: (raw) => (/^#[0-9a-f]{6}$/i.test(raw) ? { ok: true, value: raw } : { ok: false, problem: 'must be a colour like #ff0000' }),
 * });
 * ```
 */
function custom<const O extends CustomArgumentOptions<unknown>>(options: O): Argument<ArgumentValue<CustomArgumentValue<O>, O>> {
  if (typeof options?.parse !== 'function') throw new TypeError('arg.custom(options) needs a parse function.');
  const parse = options.parse;
  return create(options.kind, options, false, (raw) => parse(raw)) as Argument<ArgumentValue<CustomArgumentValue<O>, O>>;
}

/**
 * The value type a custom argument's `parse` produces.
 *
 * @typeParam O - The options of {@link arg.custom}.
 */
export type CustomArgumentValue<O> = O extends {
  /** The parser the value type is read from. */
  readonly parse: (raw: string) => infer R;
}
  ? R extends { readonly ok: true; readonly value: infer T }
    ? T
    : never
  : never;

/**
 * Reads a duration; `undefined` when it is not one.
 *
 * @internal
 */
export function parseDuration(raw: string): number | undefined {
  const text = raw.trim().toLowerCase();
  if (text.length === 0) return undefined;
  if (DECIMAL.test(text)) {
    const seconds = Number(text);
    return Number.isFinite(seconds) && seconds >= 0 ? Math.round(seconds * 1_000) : undefined;
  }
  let total = 0;
  let index = 0;
  DURATION_PART.lastIndex = 0;
  while (index < text.length) {
    DURATION_PART.lastIndex = index;
    const match = DURATION_PART.exec(text);
    if (match === null) return undefined;
    const unit = match[2] ?? '';
    const key = unit === 'ms' || unit.startsWith('milli') ? 'ms' : unit.charAt(0);
    total += Number(match[1]) * (UNIT_MS[key] ?? Number.NaN);
    index = DURATION_PART.lastIndex;
    while (index < text.length && text.charCodeAt(index) === 32) index++;
  }
  return Number.isFinite(total) ? Math.round(total) : undefined;
}

function formatMs(ms: number): string {
  if (ms % 3_600_000 === 0 && ms > 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0 && ms > 0) return `${ms / 60_000}m`;
  if (ms % 1_000 === 0) return `${ms / 1_000}s`;
  return `${ms}ms`;
}

/**
 * Builders for command arguments. Each returns an {@link Argument} whose value type follows from its options:
 * `optional: true` adds `undefined`, a `default` keeps the plain type.
 *
 * @example
 * ```ts
 * bot.command({
 *   name: 'give',
 *   args: { user: arg.user(), amount: arg.integer({ min: 1 }), reason: arg.rest({ optional: true }) },
 *   run: (ctx) => ctx.reply(`${ctx.args.user} gets ${ctx.args.amount}`), // amount: number, reason: string | undefined
 * });
 * ```
 *
 * @namespace
 */
export const arg = Object.freeze({
  /** Declares a single word, or a "quoted phrase". */
  string,
  /** Declares a whole number. */
  integer,
  /** Declares a number. */
  number,
  /** Declares a yes/no value. */
  boolean,
  /** Declares a Twitch user. */
  user,
  /** Declares one of a fixed set of words. */
  choice,
  /** Declares a duration such as `10m`. */
  duration,
  /** Declares the rest of the message. */
  rest,
  /** Declares an argument with your own parser. */
  custom,
});
