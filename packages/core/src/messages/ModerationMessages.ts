import type { BaseTwitchMessage } from './BaseTwitchMessage.js';

/** Fields shared by every CLEARCHAT variant. */
interface BaseClearChat extends BaseTwitchMessage {
  /** Discriminant. */
  readonly type: 'clearchat';
  /** The channel's login, without `#`. */
  readonly channel: string;
  /** `room-id`: the channel's user id. `""` when missing. */
  readonly channelId: string;
  /** `tmi-sent-ts`: epoch milliseconds. */
  readonly sentAt: number | undefined;
}

/** A user was banned permanently: CLEARCHAT with a user and no `ban-duration`. */
export interface ClearChatBanMessage extends BaseClearChat {
  /** Which CLEARCHAT this is. */
  readonly kind: 'ban';
  /** The banned user's login. */
  readonly targetUserLogin: string;
  /** `target-user-id`. `""` when missing. */
  readonly targetUserId: string;
}

/** A user was timed out: CLEARCHAT with a user and a `ban-duration`. */
export interface ClearChatTimeoutMessage extends BaseClearChat {
  /** Which CLEARCHAT this is. */
  readonly kind: 'timeout';
  /** The timed-out user's login. */
  readonly targetUserLogin: string;
  /** `target-user-id`. `""` when missing. */
  readonly targetUserId: string;
  /** `ban-duration`: the timeout in seconds. */
  readonly durationSeconds: number;
}

/** The whole chat was cleared: CLEARCHAT without a user. */
export interface ClearChatClearMessage extends BaseClearChat {
  /** Which CLEARCHAT this is. */
  readonly kind: 'clear';
}

/**
 * A CLEARCHAT: a ban, a timeout, or the whole chat cleared, discriminated by `kind`. It is a `ban` only when the
 * `ban-duration` tag is absent; a present but non-numeric `ban-duration` still decodes as a `timeout`, with
 * `durationSeconds: 0`.
 */
export type ClearChatMessage = ClearChatBanMessage | ClearChatTimeoutMessage | ClearChatClearMessage;

/** One message was deleted (IRC `CLEARMSG`). */
export interface ClearMsgMessage extends BaseTwitchMessage {
  /** Discriminant. */
  readonly type: 'clearmsg';
  /** The channel's login, without `#`. */
  readonly channel: string;
  /** `login`: the author of the deleted message. `""` when missing. */
  readonly targetUserLogin: string;
  /** `target-msg-id`: the id of the deleted message. `""` when missing. */
  readonly targetMessageId: string;
  /** The deleted message's text, without `/me` framing. */
  readonly text: string;
  /** Whether the deleted message was a `/me` message. */
  readonly isAction: boolean;
  /** `tmi-sent-ts`: epoch milliseconds. */
  readonly sentAt: number | undefined;
}
