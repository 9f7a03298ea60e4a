import type { AnyBot } from '../Bot.js';
import type { Argument, ArgumentSchema, ArgumentValues } from '../arguments/Argument.js';
import { formatUsage } from '../arguments/parseArguments.js';
import type { CommandCheck } from '../checks/checks.js';
import type { Cooldown, CooldownScope } from '../cooldowns/CooldownTracker.js';
import { InvalidCommandError } from '../errors/InvalidCommandError.js';
import type { CommandContext } from './CommandContext.js';

/**
 * What `bot.command()` takes. The type of `ctx.args` in `run` is inferred from `args`.
 *
 * @typeParam S - The argument schema.
 * @typeParam B - The bot type (`ctx.bot`).
 *
 * @example
 * ```ts
 * bot.command({
 *   name: 'give',
 *   aliases: ['gift'],
 *   description: 'Give points to a user',
 *   args: { user: arg.user(), amount: arg.integer({ min: 1 }), reason: arg.rest({ optional: true }) },
 *   cooldown: { scope: 'user', durationMs: 10_000 },
 *   checks: [moderatorOnly],
 *   run: async (ctx) => {
 *     await ctx.reply(`${ctx.args.user} got ${ctx.args.amount} points`);
 *   },
 * });
 * ```
 */
export interface CommandDefinition<S extends ArgumentSchema = ArgumentSchema, B extends AnyBot = AnyBot> {
  /** The name typed after the prefix: no spaces, no quotes. */
  readonly name: string;
  /** Other names for the command. @defaultValue `[]` */
  readonly aliases?: readonly string[];
  /** A one-line description for your own help command. @defaultValue none */
  readonly description?: string;
  /** The arguments, by name, in the order they are typed (see {@link arg}). @defaultValue no arguments */
  readonly args?: S;
  /** One cooldown or several (all must be free). @defaultValue none */
  readonly cooldown?: Cooldown | readonly Cooldown[];
  /** Conditions checked in order before anything else (see {@link moderatorOnly}). @defaultValue none */
  readonly checks?: readonly CommandCheck<B>[];
  /**
   * Runs the command. Its errors (throws and rejections) become `commandError` events; the bot keeps running.
   *
   * @param context - The message, the parsed arguments, `reply` and `send`.
   */
  run(context: CommandContext<ArgumentValues<S>, B>): unknown;
}

/**
 * A registered command, as listed by `bot.commands`: the definition, normalised and frozen.
 *
 * @typeParam S - The argument schema.
 */
export interface Command<S extends ArgumentSchema = ArgumentSchema> {
  /** The canonical name (lower-case when names are case-insensitive). */
  readonly name: string;
  /** The aliases, normalised like the name. */
  readonly aliases: readonly string[];
  /** The description, if any. */
  readonly description: string | undefined;
  /** The argument schema (empty when the command takes none). */
  readonly args: S;
  /** The cooldowns. */
  readonly cooldowns: readonly Cooldown[];
  /** The checks. */
  readonly checks: readonly CommandCheck[];
  /** The usage without prefix, such as `give <user> <amount> [reason...]`. */
  readonly usage: string;
  /**
   * Runs the command.
   *
   * @param context - The command context.
   */
  run(context: CommandContext<ArgumentValues<S>>): unknown;
}

const SCOPES: readonly CooldownScope[] = ['user', 'channel', 'global'];
const EXEMPT_ROLES: readonly string[] = ['broadcaster', 'moderator', 'vip'];
const INTEGER_KEY = /^(?:0|[1-9]\d*)$/;

/**
 * Normalises a command name or alias, or explains why it is invalid.
 *
 * @internal
 */
export function normalizeCommandName(command: string, name: unknown, caseInsensitive: boolean): string {
  if (typeof name !== 'string' || name.length === 0) {
    throw new InvalidCommandError(command, `a name or alias must be a non-empty string, got ${describe(name)}.`);
  }
  // Names end at the first separator when a message is read, so a name with a space could never match.
  if (/[\s"“”„\u{E0000}]/u.test(name)) {
    throw new InvalidCommandError(command, `the name "${name}" contains a space or a quote; chat could never type it.`);
  }
  return caseInsensitive ? name.toLowerCase() : name;
}

/**
 * Checks and freezes a definition.
 *
 * @internal
 */
export function createCommand(definition: CommandDefinition<ArgumentSchema, AnyBot>, caseInsensitive: boolean): Command {
  if (typeof definition !== 'object' || definition === null) {
    throw new InvalidCommandError(String(definition), 'bot.command() expects an object { name, run, ... }.');
  }
  const label = typeof definition.name === 'string' ? definition.name : describe(definition.name);
  const name = normalizeCommandName(label, definition.name, caseInsensitive);
  if (typeof definition.run !== 'function') throw new InvalidCommandError(label, 'run must be a function (context) => ...');
  const aliases = (definition.aliases ?? []).map((alias) => normalizeCommandName(label, alias, caseInsensitive));
  const args = definition.args ?? {};
  checkSchema(label, args);
  const cooldowns = definition.cooldown === undefined ? [] : Array.isArray(definition.cooldown) ? definition.cooldown : [definition.cooldown];
  for (const cooldown of cooldowns as readonly Cooldown[]) checkCooldown(label, cooldown);
  const checks = definition.checks ?? [];
  if (!Array.isArray(checks) || checks.some((check) => typeof check !== 'function')) {
    throw new InvalidCommandError(label, 'checks must be an array of functions (invocation) => boolean.');
  }
  const run = definition.run.bind(definition);
  return Object.freeze({
    name,
    aliases: Object.freeze([...new Set(aliases)].filter((alias) => alias !== name)),
    description: definition.description,
    args,
    cooldowns: Object.freeze([...(cooldowns as readonly Cooldown[])]),
    checks: Object.freeze([...checks]) as readonly CommandCheck[],
    usage: formatUsage(name, args),
    run,
  });
}

function checkSchema(command: string, args: unknown): void {
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    throw new InvalidCommandError(command, 'args must be an object of arguments, such as { user: arg.user() }.');
  }
  let optionalSeen: string | undefined;
  const entries = Object.entries(args as Record<string, Argument<unknown>>);
  entries.forEach(([key, argument], index) => {
    if (INTEGER_KEY.test(key)) {
      throw new InvalidCommandError(command, `argument name "${key}" looks like an integer; JavaScript would reorder it. Use a word.`);
    }
    if (typeof argument !== 'object' || argument === null || typeof argument.parse !== 'function') {
      throw new InvalidCommandError(command, `argument "${key}" is not an argument; create it with arg.string(), arg.integer(), …`);
    }
    if (argument.rest && index !== entries.length - 1) {
      throw new InvalidCommandError(command, `rest argument "${key}" must be the last argument.`);
    }
    if (argument.required && optionalSeen !== undefined) {
      throw new InvalidCommandError(
        command,
        `required argument "${key}" follows optional argument "${optionalSeen}", so chat could not tell them apart. Move it before "${optionalSeen}" or make it optional.`,
      );
    }
    if (!argument.required) optionalSeen = key;
  });
}

function checkCooldown(command: string, cooldown: Cooldown): void {
  if (typeof cooldown !== 'object' || cooldown === null || !SCOPES.includes(cooldown.scope)) {
    throw new InvalidCommandError(command, `a cooldown needs a scope of ${SCOPES.map((scope) => `'${scope}'`).join(', ')}.`);
  }
  if (typeof cooldown.durationMs !== 'number' || !Number.isFinite(cooldown.durationMs) || cooldown.durationMs <= 0) {
    throw new InvalidCommandError(command, `cooldown durationMs is ${describe(cooldown.durationMs)}, but it must be a number of milliseconds > 0.`);
  }
  if (cooldown.uses !== undefined && (!Number.isInteger(cooldown.uses) || cooldown.uses < 1)) {
    throw new InvalidCommandError(command, `cooldown uses is ${describe(cooldown.uses)}, but it must be an integer >= 1.`);
  }
  if (cooldown.exempt !== undefined && (!Array.isArray(cooldown.exempt) || cooldown.exempt.some((role) => !EXEMPT_ROLES.includes(role)))) {
    throw new InvalidCommandError(command, `cooldown exempt must list roles among ${EXEMPT_ROLES.join(', ')}.`);
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  return typeof value;
}
