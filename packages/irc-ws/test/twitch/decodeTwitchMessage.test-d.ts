import type { PrivmsgMessage, RaidUserNotice, TwitchMessageOfType, UserNoticeMessage } from '@tio/core';
import { expectTypeOf, test } from 'vitest';
import type { IrcMessage } from '../../src/protocol/IrcMessage.js';
import { decodeTwitchMessage } from '../../src/twitch/decodeTwitchMessage.js';

test('decoded messages narrow on type and kind, and keep their IRC line', () => {
  const message = decodeTwitchMessage({} as IrcMessage);
  expectTypeOf(message.ircMessage).toEqualTypeOf<IrcMessage>();
  if (message.type === 'privmsg') {
    expectTypeOf(message).toMatchTypeOf<PrivmsgMessage>();
    expectTypeOf(message.emotes[0]?.start).toEqualTypeOf<number | undefined>();
  }
  if (message.type === 'usernotice' && message.kind === 'raid') {
    expectTypeOf(message).toMatchTypeOf<RaidUserNotice>();
    expectTypeOf(message.viewerCount).toEqualTypeOf<number | undefined>();
  }
  expectTypeOf<TwitchMessageOfType<'privmsg'>>().toEqualTypeOf<PrivmsgMessage>();
  expectTypeOf<TwitchMessageOfType<'usernotice'>>().toEqualTypeOf<UserNoticeMessage>();
});
