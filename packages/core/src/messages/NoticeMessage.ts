import type { BaseTwitchMessage } from './BaseTwitchMessage.js';

/**
 * The `msg-id` values of NOTICE that tio knows (the current docs' table plus ids seen in practice; see the protocol
 * reference §3.7). `msg_concurrent_channel_limit_reached` is the undocumented reply to a JOIN beyond the 100-room
 * account cap.
 */
export type KnownNoticeId =
  | 'emote_only_off'
  | 'emote_only_on'
  | 'followers_off'
  | 'followers_on'
  | 'followers_on_zero'
  | 'msg_banned'
  | 'msg_banned_email_alias'
  | 'msg_bad_characters'
  | 'msg_channel_blocked'
  | 'msg_channel_suspended'
  | 'msg_concurrent_channel_limit_reached'
  | 'msg_duplicate'
  | 'msg_emoteonly'
  | 'msg_facebook'
  | 'msg_followersonly'
  | 'msg_followersonly_followed'
  | 'msg_followersonly_zero'
  | 'msg_r9k'
  | 'msg_ratelimit'
  | 'msg_rejected'
  | 'msg_rejected_mandatory'
  | 'msg_requires_verified_phone_number'
  | 'msg_room_not_found'
  | 'msg_slowmode'
  | 'msg_subsonly'
  | 'msg_suspended'
  | 'msg_timedout'
  | 'msg_verified_email'
  | 'msg_warned'
  | 'no_permission'
  | 'delete_message_success'
  | 'r9k_off'
  | 'r9k_on'
  | 'host_off'
  | 'host_on'
  | 'slow_off'
  | 'slow_on'
  | 'subs_off'
  | 'subs_on'
  | 'tos_ban'
  | 'unrecognized_cmd'
  | 'whisper_banned'
  | 'whisper_banned_recipient'
  | 'whisper_invalid_login'
  | 'whisper_invalid_self'
  | 'whisper_limit_per_min'
  | 'whisper_limit_per_sec'
  | 'whisper_restricted'
  | 'whisper_restricted_recipient';

/**
 * A NOTICE `msg-id`: one of {@link KnownNoticeId}, or any other string Twitch sends (the type stays open so a new id
 * never breaks decoding, while editors still complete the known ones).
 */
export type NoticeId = KnownNoticeId | (string & {});

/**
 * The login failures Twitch reports with a NOTICE that has **no** `msg-id` (protocol reference §1.5). They are
 * recognised by their text, case-insensitively.
 * - `authenticationFailed`: "Login authentication failed": bad, expired or revoked token; the server closes next.
 * - `improperlyFormattedAuth`: "Improperly formatted auth": NICK before PASS, or a PASS without `oauth:`.
 * - `loginUnsuccessful`: older texts "Login unsuccessful" and "Error logging in".
 * - `invalidNick`: older text "Invalid NICK".
 */
export type AuthFailureKind = 'authenticationFailed' | 'improperlyFormattedAuth' | 'loginUnsuccessful' | 'invalidNick';

/**
 * A server notice (IRC `NOTICE`): a reply to something the bot did (a failed PRIVMSG or JOIN, a mode change) or a
 * login failure. Compare {@link NoticeMessage.noticeId}, never the text: Twitch changes texts.
 *
 * @example
 * ```ts
 * if (message.type === 'notice' && message.noticeId === 'msg_concurrent_channel_limit_reached') stopJoining();
 * if (message.type === 'notice' && message.authFailure !== undefined) refreshToken();
 * ```
 */
export interface NoticeMessage extends BaseTwitchMessage {
  /** Discriminant. */
  readonly type: 'notice';
  /** The channel's login without `#`, or `undefined` for a notice addressed to the connection (target `*`). */
  readonly channel: string | undefined;
  /** `msg-id`, or `undefined` when the notice has none (login failures). */
  readonly noticeId: NoticeId | undefined;
  /** The notice text. */
  readonly text: string;
  /** Which login failure this is, for a NOTICE without `msg-id` whose text is a known login failure. */
  readonly authFailure: AuthFailureKind | undefined;
  /** `target-user-id`, when sent (for example with `whisper_restricted`). */
  readonly targetUserId: string | undefined;
}
