import type { BaseTwitchMessage, ChatUserInfo, Emote, SharedChatSource } from './BaseTwitchMessage.js';

/**
 * Known values of the `msg-id` tag on a chat message (highlighted messages, sub-mode skips, intros, …). Other values
 * may appear, so the type stays open.
 */
export type PrivmsgMessageId =
  | 'highlighted-message'
  | 'skip-subs-mode-message'
  | 'user-intro'
  | 'gigantified-emote-message'
  | 'animated-message'
  | (string & {});

/**
 * What a reply points at (the `reply-parent-*` and `reply-thread-parent-*` tags).
 */
export interface ReplyInfo {
  /** `reply-parent-msg-id`: the id of the message replied to. */
  readonly parentMessageId: string;
  /** `reply-parent-user-id`: the author of the message replied to. `""` when missing. */
  readonly parentUserId: string;
  /** `reply-parent-user-login`. `""` when missing. */
  readonly parentUserLogin: string;
  /** `reply-parent-display-name`. `""` when missing. */
  readonly parentDisplayName: string;
  /** `reply-parent-msg-body`: the text of the message replied to. `""` when missing. */
  readonly parentMessageText: string;
  /** `reply-thread-parent-msg-id`: the first message of the thread, or `undefined` when not sent. */
  readonly threadParentMessageId: string | undefined;
  /** `reply-thread-parent-user-id`, or `undefined` when not sent. */
  readonly threadParentUserId: string | undefined;
  /** `reply-thread-parent-user-login`, or `undefined` when not sent. */
  readonly threadParentUserLogin: string | undefined;
  /** `reply-thread-parent-display-name`, or `undefined` when not sent. */
  readonly threadParentDisplayName: string | undefined;
}

/**
 * A paid, pinned "Hype Chat" message (the `pinned-chat-paid-*` tags, 2023).
 */
export interface PaidPinnedChatInfo {
  /** `pinned-chat-paid-amount`: the amount in minor units (see {@link PaidPinnedChatInfo.exponent}). */
  readonly amount: number | undefined;
  /** `pinned-chat-paid-canonical-amount`. */
  readonly canonicalAmount: number | undefined;
  /** `pinned-chat-paid-currency`: an ISO 4217 code such as `NOK`. */
  readonly currency: string;
  /** `pinned-chat-paid-exponent`: the amount is `amount / 10 ** exponent` of the currency. */
  readonly exponent: number | undefined;
  /** `pinned-chat-paid-level`: `ONE` to `TEN`. */
  readonly level: string;
  /** `pinned-chat-paid-is-system-message`. */
  readonly isSystemMessage: boolean;
}

/**
 * A chat message sent by a user in a channel (IRC `PRIVMSG`).
 *
 * @example
 * ```ts
 * if (message.type === 'privmsg' && !message.isAction) {
 *   for (const emote of message.emotes) console.log(emote.id, message.text.slice(emote.start, emote.end));
 * }
 * ```
 */
export interface PrivmsgMessage extends BaseTwitchMessage, ChatUserInfo {
  /** Discriminant. */
  readonly type: 'privmsg';
  /** The channel's login, without `#`. */
  readonly channel: string;
  /** `room-id`: the channel's user id. `""` when missing. */
  readonly channelId: string;
  /** `id`: the message id (a UUID), for replies, deletion and de-duplication. `""` when missing. */
  readonly id: string;
  /** The text, without the `\x01ACTION …\x01` framing of `/me` messages. */
  readonly text: string;
  /** Whether this is a `/me` message (the text was framed as `\x01ACTION …\x01`). */
  readonly isAction: boolean;
  /** The emotes in {@link PrivmsgMessage.text}, sorted by position, as UTF-16 `[start, end)` ranges. */
  readonly emotes: readonly Emote[];
  /** `tmi-sent-ts`: when Twitch sent the message, in epoch milliseconds. */
  readonly sentAt: number | undefined;
  /** `bits`: the number of bits cheered, or `undefined` when the message is not a cheer. */
  readonly bits: number | undefined;
  /** `first-msg=1`: the user's first message in this channel. */
  readonly isFirstMessage: boolean;
  /** `returning-chatter=1`. */
  readonly isReturningChatter: boolean;
  /** `emote-only=1`: the text is only emotes. */
  readonly isEmoteOnly: boolean;
  /** `client-nonce`: set by the sending client, useful to match your own messages echoed to other connections. */
  readonly clientNonce: string | undefined;
  /** `custom-reward-id`: the channel-points reward redeemed with this message. */
  readonly customRewardId: string | undefined;
  /** `msg-id`: a special kind of message such as `highlighted-message`, or `undefined` for a normal one. */
  readonly messageId: PrivmsgMessageId | undefined;
  /** `flags`: AutoMod's raw classification, or `undefined` when empty. */
  readonly flags: string | undefined;
  /** Reply information when the message is a reply, otherwise `undefined`. */
  readonly reply: ReplyInfo | undefined;
  /** Shared Chat origin when the message is mirrored from a shared session, otherwise `undefined`. */
  readonly sharedChat: SharedChatSource | undefined;
  /** Hype Chat payment details when the message is a paid pinned message, otherwise `undefined`. */
  readonly paidPinnedChat: PaidPinnedChatInfo | undefined;
}

/**
 * A chat message sent by a user in a channel: another name for {@link PrivmsgMessage}.
 */
export type ChatMessage = PrivmsgMessage;
