import type { ChatMessageEvent, ReplyOptions, SendOptions, SentMessage } from '@tio/core';
import type { AnyBot } from '../Bot.js';
import type { Command } from './Command.js';

/**
 * The author of a command message, with the roles commands usually check.
 */
export interface CommandUser {
  /** The user id (`user-id`), the stable identity of the account. */
  readonly id: string;
  /** The lower-case login. */
  readonly login: string;
  /** The display name. */
  readonly displayName: string;
  /** The channel owner: a `broadcaster` badge, or the user id equals the room id. */
  readonly isBroadcaster: boolean;
  /** A moderator of the channel (`mod=1` or a `moderator` badge). The broadcaster is not one unless also flagged. */
  readonly isModerator: boolean;
  /** A VIP of the channel (`vip` tag or badge). */
  readonly isVip: boolean;
  /** A subscriber (`subscriber` tag, `subscriber` or `founder` badge). */
  readonly isSubscriber: boolean;
}

/**
 * A command about to run: who typed what, where, and how to answer. Checks and the `commandDenied` and
 * `commandError` events receive this; the command itself receives a {@link CommandContext}, which adds `args`.
 *
 * @typeParam B - The bot type.
 */
export interface CommandInvocation<B extends AnyBot = AnyBot> {
  /** The bot that received the command. */
  readonly bot: B;
  /** The chat message. */
  readonly message: ChatMessageEvent;
  /** The registered command. */
  readonly command: Command;
  /** The name or alias as typed (`!Gift` → `Gift`); `command.name` is the canonical name. */
  readonly commandName: string;
  /** The prefix the message used. */
  readonly prefix: string;
  /** The channel's login, without `#`. */
  readonly channel: string;
  /** The channel's user id (`room-id`). */
  readonly channelId: string;
  /** The author. */
  readonly user: CommandUser;
  /** The text after the command name, untouched. */
  readonly argsText: string;
  /**
   * Replies to the command message (a threaded reply, `reply-parent-msg-id`), through the bot's send path and rate
   * limits, as the account that received it.
   *
   * @param text - The reply.
   * @param options - Another login, a signal, a deadline.
   * @returns The sent message.
   * @throws `SendError`, `InvalidMessageError`, `NoSenderShardError`, like `Client.send`.
   */
  reply(text: string, options?: ReplyOptions): Promise<SentMessage>;
  /**
   * Sends a plain message to the command's channel, as the account that received the command.
   *
   * @param text - The message.
   * @param options - Another login, a signal, a deadline.
   * @returns The sent message.
   * @throws `SendError`, `InvalidMessageError`, `NoSenderShardError`, like `Client.send`.
   */
  send(text: string, options?: SendOptions): Promise<SentMessage>;
}

/**
 * What a command's `run` receives: the {@link CommandInvocation} plus its parsed arguments.
 *
 * @typeParam A - The parsed arguments (from the command's `args` schema).
 * @typeParam B - The bot type.
 *
 * @example
 * ```ts
 * bot.command({
 *   name: 'hug',
 *   args: { user: arg.user() },
 *   run: (ctx) => ctx.reply(`${ctx.user.displayName} hugs ${ctx.args.user}`),
 * });
 * ```
 */
export interface CommandContext<A = Readonly<Record<string, unknown>>, B extends AnyBot = AnyBot> extends CommandInvocation<B> {
  /** The parsed arguments. */
  readonly args: A;
}
