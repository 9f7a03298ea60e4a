import type { BadgeMap, BaseTwitchMessage } from './BaseTwitchMessage.js';

/**
 * A channel's chat settings (IRC `ROOMSTATE`). Sent in full after a successful JOIN, then partially (only the changed
 * setting) whenever a setting changes: a setting is `undefined` when this message does not carry it.
 */
export interface RoomStateMessage extends BaseTwitchMessage {
  /** Discriminant. */
  readonly type: 'roomstate';
  /** The channel's login, without `#`. */
  readonly channel: string;
  /** `room-id`: the channel's user id. `""` when missing. */
  readonly channelId: string;
  /** `emote-only`. */
  readonly emoteOnly: boolean | undefined;
  /** `followers-only`: minimum follow time in minutes; `-1` means off, `0` any follower. */
  readonly followersOnlyMinutes: number | undefined;
  /** `r9k`: unique-chat mode. */
  readonly uniqueChat: boolean | undefined;
  /** `slow`: seconds between messages of one user; `0` means off. */
  readonly slowSeconds: number | undefined;
  /** `subs-only`. */
  readonly subscribersOnly: boolean | undefined;
  /**
   * Whether all five settings are present (`emote-only`, `followers-only`, `r9k`, `slow`, `subs-only`): a full
   * ROOMSTATE is the reply to a successful JOIN, a partial one a settings change.
   */
  readonly isFull: boolean;
}

/** The bot's own state in a channel (IRC `USERSTATE`), sent on JOIN and after each PRIVMSG the bot sends. */
export interface UserStateMessage extends BaseTwitchMessage {
  /** Discriminant. */
  readonly type: 'userstate';
  /** The channel's login, without `#`. */
  readonly channel: string;
  /** The bot's display name. `""` when missing. */
  readonly displayName: string;
  /** The name colour as `#RRGGBB`, or `undefined` when none was chosen. */
  readonly color: string | undefined;
  /** The bot's badges in this channel. */
  readonly badges: BadgeMap;
  /** Badge details. */
  readonly badgeInfo: BadgeMap;
  /** `emote-sets`: the emote sets the bot may use (ids may be UUIDs). */
  readonly emoteSets: readonly string[];
  /** Whether the bot is a moderator here (`mod=1` or a `moderator` badge). */
  readonly isModerator: boolean;
  /** Whether the bot is the broadcaster here. */
  readonly isBroadcaster: boolean;
  /** Whether the bot is a VIP here. */
  readonly isVip: boolean;
  /** Whether the bot is subscribed here. */
  readonly isSubscriber: boolean;
  /** `user-type`. */
  readonly userType: string;
  /**
   * `id`: present when this USERSTATE confirms a PRIVMSG the bot just sent: the id of that message. `undefined` on a
   * JOIN.
   */
  readonly sentMessageId: string | undefined;
}

/** The bot's global state (IRC `GLOBALUSERSTATE`), sent once after login. */
export interface GlobalUserStateMessage extends BaseTwitchMessage {
  /** Discriminant. */
  readonly type: 'globaluserstate';
  /** `user-id`: the bot's user id. `""` when missing. */
  readonly userId: string;
  /** The bot's display name. `""` when missing. */
  readonly displayName: string;
  /** The name colour, or `undefined`. */
  readonly color: string | undefined;
  /** Global badges. */
  readonly badges: BadgeMap;
  /** Badge details. */
  readonly badgeInfo: BadgeMap;
  /** `emote-sets`. */
  readonly emoteSets: readonly string[];
  /** `user-type`. */
  readonly userType: string;
}
