/**
 * What an argument parser returns for one raw value: the value, or the problem in words.
 *
 * @typeParam T - The parsed value's type.
 */
export type ArgumentParseResult<T> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false;
      /**
       * What the value must be, phrased to follow the argument's name: `must be a whole number`,
       * `must be at least 1`. The parser adds the name and the value seen.
       */
      readonly problem: string;
    };

/**
 * One declared command argument: how to read it from chat, and whether it may be left out. Create arguments with
 * {@link arg}; write your own with {@link arg.custom}.
 *
 * @typeParam T - The value the command sees in `ctx.args` (includes `undefined` for optional arguments without a
 *   default).
 */
export interface Argument<T> {
  /** A short name of the kind of value (`integer`, `user`, …), for diagnostics. */
  readonly kind: string;
  /** Whether the argument must be given: `false` when it is `optional` or has a `default`. */
  readonly required: boolean;
  /** Whether the argument takes the rest of the message, unsplit and unquoted (only the last argument may). */
  readonly rest: boolean;
  /** The value used when the argument is left out (`undefined` when it has none). */
  readonly defaultValue: T | undefined;
  /** A one-line description for your own help output. */
  readonly description: string | undefined;
  /**
   * Reads one raw value: a token (quotes already removed) or, for a rest argument, the rest of the message.
   *
   * @param raw - The raw text, never empty for rest arguments.
   * @returns The value, or the problem.
   */
  parse(raw: string): ArgumentParseResult<T>;
}

/**
 * A command's arguments, by name, in the order they are typed in chat (object key order). Names must not look like
 * integers (`'1'`), because JavaScript orders such keys first.
 *
 * @example
 * ```ts
 * const schema = { user: arg.user(), amount: arg.integer({ min: 1 }), reason: arg.rest({ optional: true }) } satisfies ArgumentSchema;
 * ```
 */
export type ArgumentSchema = { readonly [name: string]: Argument<unknown> };

/**
 * The parsed values of a schema, as the command sees them in `ctx.args`.
 *
 * @typeParam S - An argument schema.
 *
 * @example
 * ```ts
 * type Values = ArgumentValues<{ amount: Argument<number>; reason: Argument<string | undefined> }>;
 * // { readonly amount: number; readonly reason: string | undefined }
 * ```
 */
export type ArgumentValues<S extends ArgumentSchema> = { readonly [K in keyof S]: S[K] extends Argument<infer T> ? T : never };

/**
 * Options every argument kind accepts.
 *
 * @typeParam T - The value type.
 */
export interface CommonArgumentOptions<T> {
  /**
   * Whether the argument may be left out; it is then `undefined` in `ctx.args` (unless it has a `default`).
   * Required arguments cannot follow optional ones.
   *
   * @defaultValue `false`
   */
  readonly optional?: boolean;
  /** The value when the argument is left out; implies `optional`. @defaultValue none */
  readonly default?: T;
  /** A one-line description for your own help output. @defaultValue none */
  readonly description?: string;
}

/**
 * The value type of an argument of type `T` declared with options `O`: `T` when it is required or has a default,
 * `T | undefined` when it is optional.
 *
 * @typeParam T - The parsed type.
 * @typeParam O - The options as written.
 */
export type ArgumentValue<T, O> = O extends { readonly default: unknown }
  ? T
  : O extends { readonly optional: infer Optional }
    ? false extends Optional
      ? true extends Optional
        ? T | undefined
        : T
      : T | undefined
    : T;
