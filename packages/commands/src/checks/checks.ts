import type { ChatUserInfo } from '@tio/core';
import type { AnyBot } from '../Bot.js';
import type { CommandInvocation } from '../commands/CommandContext.js';

/**
 * A condition a command needs before it runs. Return `false` (or a promise of it) to deny the command: the bot emits
 * `commandDenied` with `reason: 'check'` and the check's name (the function's `name`). A check that throws is a
 * `commandError` (phase `check`).
 *
 * @typeParam B - The bot type.
 * @param invocation - The command about to run.
 * @returns Whether the command may run.
 *
 * @example
 * ```ts
 * const subscriberOnly: CommandCheck = (invocation) => invocation.user.isSubscriber || invocation.user.isModerator;
 * ```
 */
export type CommandCheck<B extends AnyBot = AnyBot> = (invocation: CommandInvocation<B>) => boolean | Promise<boolean>;

/**
 * Tells whether the author of a message is the channel's broadcaster: a `broadcaster` badge, or the user id equals
 * the room id (twitch-protocol.md §3.2–3.3; the id comparison also holds when badges are hidden or missing).
 *
 * @param message - A chat message.
 * @returns Whether the author owns the channel.
 * @example
 * ```ts
 * if (isBroadcaster(message)) console.log('the streamer spoke');
 * ```
 */
export function isBroadcaster(message: ChatUserInfo & { readonly channelId: string }): boolean {
  return message.isBroadcaster || (message.userId !== '' && message.userId === message.channelId);
}

/**
 * The broadcaster only.
 *
 * @param invocation - The command about to run.
 * @returns Whether its author is the broadcaster.
 * @example
 * ```ts
 * bot.command({ name: 'shutdown', checks: [broadcasterOnly], run: () => bot.stop() });
 * ```
 */
export function broadcasterOnly(invocation: CommandInvocation): boolean {
  return invocation.user.isBroadcaster;
}

/**
 * Moderators and the broadcaster (who outranks moderators but carries no `moderator` badge).
 *
 * @param invocation - The command about to run.
 * @returns Whether its author moderates the channel.
 * @example
 * ```ts
 * bot.command({ name: 'settitle', checks: [moderatorOnly], args: { title: arg.rest() }, run: setTitle });
 * ```
 */
export function moderatorOnly(invocation: CommandInvocation): boolean {
  return invocation.user.isModerator || invocation.user.isBroadcaster;
}

/**
 * VIPs, moderators and the broadcaster: "VIP and up", the usual meaning of a VIP command.
 *
 * @param invocation - The command about to run.
 * @returns Whether its author is at least a VIP.
 * @example
 * ```ts
 * bot.command({ name: 'song', checks: [vipOnly], args: { url: arg.string() }, run: queueSong });
 * ```
 */
export function vipOnly(invocation: CommandInvocation): boolean {
  return invocation.user.isVip || invocation.user.isModerator || invocation.user.isBroadcaster;
}
