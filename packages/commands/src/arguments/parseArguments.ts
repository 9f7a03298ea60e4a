import type { ArgumentSchema, ArgumentValues } from './Argument.js';
import { readToken, skipSeparators, trimmedEnd } from './tokenize.js';

/** How many code points of a bad value a usage message repeats; chat input is echoed, so keep it short. */
const SHOWN_VALUE_LENGTH = 25;

/**
 * Why arguments could not be read: which argument, and what was wrong with it. A value, never thrown.
 */
export interface ArgumentFailure {
  /** The argument's name in the schema. */
  readonly argument: string;
  /** `missing`: a required argument was not given; `invalid`: its value was refused. */
  readonly problem: 'missing' | 'invalid';
  /** The raw value seen, for `invalid`. */
  readonly value: string | undefined;
  /** One sentence for the user, such as `amount must be a whole number, got 'abc'` or `user is missing`. */
  readonly detail: string;
}

/**
 * The outcome of {@link parseArguments}.
 *
 * @typeParam S - The argument schema.
 */
export type ArgumentsParseResult<S extends ArgumentSchema> =
  | { readonly ok: true; readonly args: ArgumentValues<S> }
  | { readonly ok: false; readonly failure: ArgumentFailure };

/**
 * Reads a command's arguments from chat text, in schema order: each argument takes one token (a word or a
 * "quoted phrase"), a rest argument takes the rest of the text. Left-out optional arguments get their default (or
 * `undefined`); extra words after the last argument are ignored, like twitchio and most chat bots do.
 *
 * @param schema - The arguments, by name, in order.
 * @param text - The chat text.
 * @param start - Where the arguments begin in `text` (after the command name).
 * @returns The values, or the first failure.
 * @throws Only what a custom argument's `parse` throws; built-in arguments never throw, whatever the input.
 * @example
 * ```ts
 * const result = parseArguments({ user: arg.user(), amount: arg.integer() }, '@Bob abc');
 * if (!result.ok) console.log(result.failure.detail); // "amount must be a whole number, got 'abc'"
 * ```
 */
export function parseArguments<S extends ArgumentSchema>(schema: S, text: string, start = 0): ArgumentsParseResult<S> {
  const values: Record<string, unknown> = {};
  let index = skipSeparators(text, start);
  for (const name of Object.keys(schema)) {
    const argument = schema[name];
    if (argument === undefined) continue;
    let raw: string | undefined;
    if (index < text.length) {
      if (argument.rest) {
        raw = text.slice(index, trimmedEnd(text, index));
        index = text.length;
      } else {
        const token = readToken(text, index);
        raw = token.value;
        index = skipSeparators(text, token.next);
      }
    }
    if (raw === undefined) {
      if (argument.required) {
        return { ok: false, failure: { argument: name, problem: 'missing', value: undefined, detail: `${name} is missing` } };
      }
      values[name] = argument.defaultValue;
      continue;
    }
    const result = argument.parse(raw);
    if (!result.ok) {
      return {
        ok: false,
        failure: { argument: name, problem: 'invalid', value: raw, detail: `${name} ${result.problem}, got '${shorten(raw)}'` },
      };
    }
    values[name] = result.value;
  }
  return { ok: true, args: values as ArgumentValues<S> };
}

function shorten(raw: string): string {
  const points = Array.from(raw);
  return points.length <= SHOWN_VALUE_LENGTH ? raw : `${points.slice(0, SHOWN_VALUE_LENGTH).join('')}…`;
}

/**
 * Formats a usage line: the invocation followed by `<required>` and `[optional]` arguments, `...` marking a rest
 * argument.
 *
 * @param invocation - What the user types before the arguments, such as `!give`.
 * @param schema - The arguments.
 * @returns The usage line, such as `!give <user> <amount> [reason...]`.
 * @example
 * ```ts
 * formatUsage('!give', { user: arg.user(), amount: arg.integer(), reason: arg.rest({ optional: true }) });
 * // '!give <user> <amount> [reason...]'
 * ```
 */
export function formatUsage(invocation: string, schema: ArgumentSchema): string {
  let usage = invocation;
  for (const name of Object.keys(schema)) {
    const argument = schema[name];
    if (argument === undefined) continue;
    const label = argument.rest ? `${name}...` : name;
    usage += argument.required ? ` <${label}>` : ` [${label}]`;
  }
  return usage;
}
