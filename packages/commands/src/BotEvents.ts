import type { ClientEvents } from '@tio/core';
import type { ArgumentFailure } from './arguments/parseArguments.js';
import type { CommandContext, CommandInvocation } from './commands/CommandContext.js';
import type { CooldownScope } from './cooldowns/CooldownTracker.js';

/**
 * Why a command did not run, by `reason`:
 * - `check`: a check returned `false`; `check` names it (the function's name, or `checks[i]` for an anonymous one);
 * - `cooldown`: a cooldown is in use; `retryAfterMs` says when the command is free again;
 * - `usage`: the arguments could not be read; `message` is a ready-made reply.
 */
export type CommandDenial =
  | { readonly reason: 'check'; readonly check: string }
  | { readonly reason: 'cooldown'; readonly scope: CooldownScope; readonly retryAfterMs: number }
  | {
      readonly reason: 'usage';
      /** Which argument was wrong, and how. */
      readonly failure: ArgumentFailure;
      /** The usage line, such as `!give <user> <amount> [reason...]`. */
      readonly usage: string;
      /** What to tell the user: `amount must be a whole number, got 'abc'. Usage: !give <user> <amount> [reason...]`. */
      readonly message: string;
    };

/**
 * Where a command failed: in a `check`, in a custom argument's `parse` (`arguments`), or in `run`.
 */
export type CommandErrorPhase = 'check' | 'arguments' | 'run';

/**
 * The events a `Bot` adds to the `Client`'s. Every message that names a registered command ends in exactly one of
 * them. A listener that throws or rejects is reported as the client's `error` event (`source: 'listener'`,
 * `event: 'message'`); it never stops the bot.
 */
export interface CommandEvents {
  /** A command ran and its `run` settled without error. */
  commandRun: [context: CommandContext];
  /** A command did not run: a check failed, a cooldown is in use, or the arguments were wrong. */
  commandDenied: [denial: CommandDenial, invocation: CommandInvocation];
  /** A check, a custom argument parser or the command itself threw or rejected. The bot keeps running. */
  commandError: [error: Error, invocation: CommandInvocation, phase: CommandErrorPhase];
}

/**
 * Every event of a `Bot`: the {@link ClientEvents} plus the {@link CommandEvents}.
 */
export interface BotEvents extends ClientEvents, CommandEvents {}

/**
 * The name of a {@link BotEvents} event.
 */
export type BotEventName = keyof BotEvents;
