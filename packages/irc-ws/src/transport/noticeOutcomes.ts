import type { JoinFailureReason, SendFailureReason } from '@tio/core';

/**
 * NOTICE ids that refuse a PRIVMSG, and the {@link SendFailureReason} each maps to. The list is dank-twitch-irc's
 * (`lib/operations/say.ts`) plus `msg_requires_verified_phone_number` and `msg_warned` (protocol reference §3.7).
 */
const SEND_FAILURES: ReadonlyMap<string, SendFailureReason> = new Map<string, SendFailureReason>([
  ['msg_duplicate', 'duplicate'],
  ['msg_ratelimit', 'rateLimited'],
  ['msg_banned', 'banned'],
  ['msg_timedout', 'timedOut'],
  ['msg_slowmode', 'slowMode'],
  ['msg_followersonly', 'followersOnly'],
  ['msg_followersonly_followed', 'followersOnly'],
  ['msg_followersonly_zero', 'followersOnly'],
  ['msg_subsonly', 'subsOnly'],
  ['msg_emoteonly', 'emoteOnly'],
  ['msg_channel_suspended', 'suspended'],
  ['msg_rejected', 'rejected'],
  ['msg_rejected_mandatory', 'rejected'],
  ['msg_requires_verified_phone_number', 'verificationRequired'],
  ['msg_verified_email', 'verificationRequired'],
  ['msg_bad_characters', 'other'],
  ['msg_channel_blocked', 'other'],
  ['msg_facebook', 'other'],
  ['msg_r9k', 'other'],
  ['msg_room_not_found', 'other'],
  ['msg_suspended', 'other'],
  ['msg_warned', 'other'],
  ['msg_banned_email_alias', 'other'],
  // Only `/me` is left as a chat command (§0.1); anything else that slips through is refused this way.
  ['unrecognized_cmd', 'other'],
]);

/**
 * NOTICE ids that answer a JOIN (protocol reference §3.10).
 */
const JOIN_FAILURES: ReadonlyMap<string, JoinFailureReason> = new Map<string, JoinFailureReason>([
  ['msg_channel_suspended', 'suspended'],
  ['msg_banned', 'banned'],
  ['msg_room_not_found', 'nonexistent'],
  ['msg_concurrent_channel_limit_reached', 'concurrentRoomCap'],
]);

/**
 * Maps a NOTICE `msg-id` to the reason a PRIVMSG failed.
 *
 * @param noticeId - The `msg-id` tag.
 * @returns The reason, or `undefined` when this NOTICE does not refuse a message (a mode change, for example).
 * @internal
 */
export function sendFailureReasonOf(noticeId: string): SendFailureReason | undefined {
  const known = SEND_FAILURES.get(noticeId);
  if (known !== undefined) return known;
  // Twitch adds variants of existing ids now and then (`msg_followersonly_*` grew twice).
  if (noticeId.startsWith('msg_followersonly')) return 'followersOnly';
  if (noticeId.startsWith('msg_rejected')) return 'rejected';
  return undefined;
}

/**
 * Maps a NOTICE `msg-id` to the reason a JOIN failed.
 *
 * @param noticeId - The `msg-id` tag.
 * @returns The reason, or `undefined` when this NOTICE does not answer a JOIN.
 * @internal
 */
export function joinFailureReasonOf(noticeId: string): JoinFailureReason | undefined {
  return JOIN_FAILURES.get(noticeId);
}

const AUTH_FAILURE_TEXTS = [
  'login authentication failed',
  'improperly formatted auth',
  'login unsuccessful',
  'error logging in',
  'invalid nick',
];

/**
 * Tells whether a NOTICE text is a login failure. These NOTICEs carry no `msg-id` and are matched by text,
 * case-insensitively: twurple compares `Improperly formatted AUTH` in upper case (protocol reference §1.5).
 *
 * @param text - The NOTICE text.
 * @returns `true` for a login failure.
 * @internal
 */
export function isAuthFailureText(text: string): boolean {
  const lower = text.toLowerCase();
  return AUTH_FAILURE_TEXTS.some((known) => lower.includes(known));
}
