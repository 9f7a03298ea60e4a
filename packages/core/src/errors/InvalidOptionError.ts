import { TioError } from './TioError.js';

/**
 * Options of {@link InvalidOptionError}.
 */
export interface InvalidOptionErrorOptions {
  /** Whose options were checked, for example `Client` or `DistributedShardManager`. */
  readonly owner: string;
  /** Option names that nobody accepts (typos, options of another manager). */
  readonly unknownOptions?: readonly string[];
  /** Every option name the owner accepts. */
  readonly validOptions?: readonly string[];
  /** The option whose value is wrong. */
  readonly option?: string;
  /** A description of the value seen (never a secret). */
  readonly received?: string;
  /** What the option expects, for example `an integer >= 1`. */
  readonly expected?: string;
}

/**
 * An option passed to the `Client` (or through it to a shard manager or transport) is unknown or has a bad value.
 * Unknown names are rejected rather than ignored, so a typo such as `channelPerShard` cannot silently fall back to a
 * default.
 *
 * @example
 * ```ts
 * throw InvalidOptionError.badValue('MyManager', 'shardCount', value, 'an integer >= 1');
 * ```
 */
export class InvalidOptionError extends TioError {
  /** Whose options were checked. */
  readonly owner: string;
  /** Unknown option names, empty when the error is about a value. */
  readonly unknownOptions: readonly string[];
  /** Every valid option name, when known. */
  readonly validOptions: readonly string[];
  /** The option whose value is wrong, when the error is about a value. */
  readonly option: string | undefined;

  /**
   * Creates the error.
   *
   * @param options - What was wrong.
   */
  constructor(options: InvalidOptionErrorOptions) {
    super('INVALID_OPTION', describe(options));
    this.owner = options.owner;
    this.unknownOptions = Object.freeze([...(options.unknownOptions ?? [])]);
    this.validOptions = Object.freeze([...(options.validOptions ?? [])]);
    this.option = options.option;
  }

  /**
   * Builds the error for unknown option names.
   *
   * @param owner - Whose options were checked.
   * @param unknownOptions - The names nobody accepts.
   * @param validOptions - Every accepted name.
   * @returns The error, to throw.
   */
  static unknownKeys(owner: string, unknownOptions: readonly string[], validOptions: readonly string[]): InvalidOptionError {
    return new InvalidOptionError({ owner, unknownOptions, validOptions });
  }

  /**
   * Builds the error for a bad value.
   *
   * @param owner - Whose options were checked.
   * @param option - The option name.
   * @param value - The value seen; only its type or a short form is shown.
   * @param expected - What the option expects.
   * @returns The error, to throw.
   */
  static badValue(owner: string, option: string, value: unknown, expected: string): InvalidOptionError {
    return new InvalidOptionError({ owner, option, received: describeValue(value), expected });
  }
}

function describe(options: InvalidOptionErrorOptions): string {
  const valid = options.validOptions === undefined ? '' : ` Valid options: ${[...options.validOptions].sort().join(', ')}.`;
  if (options.unknownOptions !== undefined && options.unknownOptions.length > 0) {
    const hints = options.unknownOptions.map((name) => {
      const close = closest(name, options.validOptions ?? []);
      return close === undefined ? `"${name}"` : `"${name}" (did you mean "${close}"?)`;
    });
    return `${options.owner} does not accept the option${hints.length > 1 ? 's' : ''} ${hints.join(', ')}.${valid} Remove or rename ${hints.length > 1 ? 'them' : 'it'}.`;
  }
  return (
    `${options.owner} option "${options.option ?? '?'}" is ${options.received ?? 'invalid'}, but it must be ` +
    `${options.expected ?? 'valid'}. Change the value.`
  );
}

/**
 * Describes a value without printing secrets: primitives in short form, objects by their type.
 *
 * @internal
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'string') return `a string of length ${value.length}`;
  if (typeof value === 'function') return `a function${value.name ? ` (${value.name})` : ''}`;
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  const name = (value as { constructor?: { name?: string } }).constructor?.name;
  return name && name !== 'Object' ? `an instance of ${name}` : 'an object';
}

function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0;
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] ?? 0;
}
