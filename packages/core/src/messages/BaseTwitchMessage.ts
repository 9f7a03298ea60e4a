import type { UnknownMessage } from './ConnectionMessages.js';

/**
 * Fields shared by every decoded Twitch chat message.
 *
 * Decoded messages are plain data as far as the contract is concerned: an implementation (for example the IRC decoder
 * of `@tio/irc-ws`) may compute rarely read fields lazily, but every field behaves like a read-only property.
 *
 * Wire data is never trusted. The rule every decoder follows:
 * - a **number** field is `undefined` when its tag is missing or is not a decimal integer;
 * - a **boolean** flag is `false` when its tag is missing (`"1"` or `"true"` mean `true`, anything else `false`);
 * - an **identity string** Twitch always sends (message id, user id, display name) is `""` when missing;
 * - an **optional string** (a reply parent, a client nonce, a colour) is `undefined` when missing or empty;
 * - a line whose command is known but whose **structure** is broken (no channel, no sender) is not forced into a
 *   typed shape: it decodes to an {@link UnknownMessage} with `reason: 'malformed'`.
 */
export interface BaseTwitchMessage {
  /** The discriminant: which kind of message this is. */
  readonly type: string;
  /** The line as received, without its line ending, when the transport keeps it. */
  readonly raw?: string;
}

/**
 * One emote occurrence inside a message text.
 *
 * Twitch counts emote positions in Unicode code points with an inclusive end; decoders convert them to JavaScript
 * string (UTF-16) indices with an exclusive end, so `text.slice(emote.start, emote.end)` is the emote's code.
 * Positions Twitch sends past the end of the text are clamped to it (twitchdev/issues#104), and occurrences that start
 * past the end are dropped.
 */
export interface Emote {
  /** The emote id, for example `25` or `emotesv2_8811dd848a214cef8a77575476cc33f4`. Not always numeric. */
  readonly id: string;
  /** UTF-16 index of the first character of the occurrence in the message text. */
  readonly start: number;
  /** UTF-16 index just after the last character of the occurrence (exclusive). */
  readonly end: number;
}

/**
 * Chat badges as a map from badge set to version (for `badges`) or to detail (for `badge-info`), in wire order.
 *
 * For `badge-info`, the `subscriber` entry holds the exact number of subscribed months, and `predictions` holds
 * user-chosen text that may itself contain `/` and `,`.
 *
 * @example
 * ```ts
 * if (message.badges.has('moderator')) console.log('mod');
 * const months = Number(message.badgeInfo.get('subscriber') ?? 0);
 * ```
 */
export type BadgeMap = ReadonlyMap<string, string>;

/**
 * The sender of a message, as described by the tags of PRIVMSG, USERNOTICE and WHISPER.
 */
export interface ChatUserInfo {
  /** The sender's user id (`user-id`), the stable identity of an account. `""` when missing. */
  readonly userId: string;
  /** The sender's login: lowercase, `[a-z0-9_]`. */
  readonly userLogin: string;
  /** The sender's display name, which may differ from the login in case and script. Falls back to the login. */
  readonly displayName: string;
  /** The name colour as `#RRGGBB`, or `undefined` when the user never chose one. */
  readonly color: string | undefined;
  /** The badges shown next to the name (`badges`). */
  readonly badges: BadgeMap;
  /** Extra badge details (`badge-info`), such as exact subscription months. */
  readonly badgeInfo: BadgeMap;
  /** `user-type`: `""`, `mod`, `admin`, `global_mod`, `staff`, or something new. Prefer {@link ChatUserInfo.badges}. */
  readonly userType: string;
  /** Whether the sender is a moderator of the channel (`mod=1` or a `moderator` badge). */
  readonly isModerator: boolean;
  /** Whether the sender is the broadcaster (a `broadcaster` badge). */
  readonly isBroadcaster: boolean;
  /** Whether the sender is a subscriber (`subscriber=1`, or a `subscriber`/`founder` badge). */
  readonly isSubscriber: boolean;
  /** Whether the sender is a VIP: the `vip` tag is present (Twitch omits it otherwise) and not `0`, or a `vip` badge. */
  readonly isVip: boolean;
}

/**
 * Where a message mirrored by Shared Chat comes from (the `source-*` tags). Present only on mirrored messages.
 */
export interface SharedChatSource {
  /** `source-id`: the id of the original message, the same in every room of the session. De-duplicate on it. */
  readonly messageId: string;
  /** `source-room-id`: the id of the room the message was sent in. Equals the message's channel id in that room. */
  readonly roomId: string;
  /** `source-badges`: the sender's badges in the source room. */
  readonly badges: BadgeMap;
  /** `source-badge-info`: the sender's badge details in the source room. */
  readonly badgeInfo: BadgeMap;
  /** `source-only`: whether the message is shown only in the source room; `undefined` when the tag is absent. */
  readonly isSourceOnly: boolean | undefined;
}
