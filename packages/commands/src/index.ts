// The bot
export { Bot } from './Bot.js';
export type { AnyBot } from './Bot.js';
export { DefaultBotOptions } from './BotOptions.js';
export type { BotCommandOptions, BotOptions, Prefix, PrefixResult, SharedChatPolicy } from './BotOptions.js';
export type { BotEventName, BotEvents, CommandDenial, CommandErrorPhase, CommandEvents } from './BotEvents.js';

// Commands
export type { Command, CommandDefinition } from './commands/Command.js';
export type { CommandContext, CommandInvocation, CommandUser } from './commands/CommandContext.js';

// Arguments
export { arg } from './arguments/arg.js';
export type {
  CustomArgumentOptions,
  CustomArgumentValue,
  DurationArgumentOptions,
  NumberArgumentOptions,
  RestArgumentOptions,
  StringArgumentOptions,
} from './arguments/arg.js';
export type {
  Argument,
  ArgumentParseResult,
  ArgumentSchema,
  ArgumentValue,
  ArgumentValues,
  CommonArgumentOptions,
} from './arguments/Argument.js';
export { formatUsage, parseArguments } from './arguments/parseArguments.js';
export type { ArgumentFailure, ArgumentsParseResult } from './arguments/parseArguments.js';
export { tokenize } from './arguments/tokenize.js';

// Checks
export { broadcasterOnly, isBroadcaster, moderatorOnly, vipOnly } from './checks/checks.js';
export type { CommandCheck } from './checks/checks.js';

// Cooldowns
export { CooldownTracker } from './cooldowns/CooldownTracker.js';
export type { Cooldown, CooldownExemptRole, CooldownScope, CooldownTrackerOptions } from './cooldowns/CooldownTracker.js';

// Errors
export { DuplicateCommandError } from './errors/DuplicateCommandError.js';
export { InvalidCommandError } from './errors/InvalidCommandError.js';
