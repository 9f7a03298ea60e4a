import { describe, expect, it } from 'vitest';
import { isAuthFailureText, joinFailureReasonOf, sendFailureReasonOf } from '../../src/transport/noticeOutcomes.js';

describe('NOTICE outcomes', () => {
  it('maps the NOTICE ids that refuse a PRIVMSG', () => {
    expect(sendFailureReasonOf('msg_duplicate')).toBe('duplicate');
    expect(sendFailureReasonOf('msg_ratelimit')).toBe('rateLimited');
    expect(sendFailureReasonOf('msg_banned')).toBe('banned');
    expect(sendFailureReasonOf('msg_timedout')).toBe('timedOut');
    expect(sendFailureReasonOf('msg_slowmode')).toBe('slowMode');
    expect(sendFailureReasonOf('msg_followersonly')).toBe('followersOnly');
    expect(sendFailureReasonOf('msg_followersonly_zero')).toBe('followersOnly');
    expect(sendFailureReasonOf('msg_followersonly_something_new')).toBe('followersOnly');
    expect(sendFailureReasonOf('msg_subsonly')).toBe('subsOnly');
    expect(sendFailureReasonOf('msg_emoteonly')).toBe('emoteOnly');
    expect(sendFailureReasonOf('msg_channel_suspended')).toBe('suspended');
    expect(sendFailureReasonOf('msg_rejected')).toBe('rejected');
    expect(sendFailureReasonOf('msg_rejected_mandatory')).toBe('rejected');
    expect(sendFailureReasonOf('msg_requires_verified_phone_number')).toBe('verificationRequired');
    expect(sendFailureReasonOf('msg_verified_email')).toBe('verificationRequired');
    expect(sendFailureReasonOf('msg_r9k')).toBe('other');
    expect(sendFailureReasonOf('msg_warned')).toBe('other');
  });

  it('ignores NOTICE ids that do not refuse a message', () => {
    for (const id of ['slow_on', 'subs_off', 'emote_only_on', 'msg_concurrent_channel_limit_reached', 'whatever']) {
      expect(sendFailureReasonOf(id)).toBeUndefined();
    }
  });

  it('maps the NOTICE ids that answer a JOIN', () => {
    expect(joinFailureReasonOf('msg_channel_suspended')).toBe('suspended');
    expect(joinFailureReasonOf('msg_banned')).toBe('banned');
    expect(joinFailureReasonOf('msg_room_not_found')).toBe('nonexistent');
    expect(joinFailureReasonOf('msg_concurrent_channel_limit_reached')).toBe('concurrentRoomCap');
    expect(joinFailureReasonOf('msg_duplicate')).toBeUndefined();
  });

  it('recognises login failures by text, case-insensitively', () => {
    expect(isAuthFailureText('Login authentication failed')).toBe(true);
    expect(isAuthFailureText('Improperly formatted AUTH')).toBe(true);
    expect(isAuthFailureText('improperly formatted auth')).toBe(true);
    expect(isAuthFailureText('Login unsuccessful')).toBe(true);
    expect(isAuthFailureText('This room is now in slow mode.')).toBe(false);
  });
});
