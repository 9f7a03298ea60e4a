import type { TwitchMessage } from '@tio/core';
import { describe, expect, it } from 'vitest';
import { parseIrcMessage } from '../../src/protocol/parseIrcMessage.js';
import { decodeTwitchMessage } from '../../src/twitch/decodeTwitchMessage.js';
import type { DecodedTwitchMessage } from '../../src/twitch/decodeTwitchMessage.js';
import { fixture, fixtureLines } from '../fixtures/twitchLines.js';

function decodeLine(line: string): DecodedTwitchMessage {
  const parsed = parseIrcMessage(line);
  if (!parsed.ok) throw new Error(`fixture did not parse: ${parsed.reason}`);
  return decodeTwitchMessage(parsed);
}

function decode<Type extends TwitchMessage['type']>(kind: string, type: Type): Extract<DecodedTwitchMessage, { type: Type }> {
  const message = decodeLine(fixture(kind));
  expect(message.type).toBe(type);
  return message as Extract<DecodedTwitchMessage, { type: Type }>;
}

function notice<Kind extends string>(kind: string, noticeKind: Kind) {
  const message = decode(kind, 'usernotice');
  expect(message.kind).toBe(noticeKind);
  return message as Extract<typeof message, { kind: Kind }>;
}

/** Reads the named fields (getters included) into a plain object. */
function pick(message: object, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, (message as Record<string, unknown>)[key]]));
}

function emoteTexts(message: { text: string; emotes: readonly { start: number; end: number }[] }): string[] {
  return message.emotes.map((emote) => message.text.slice(emote.start, emote.end));
}

describe('decodeTwitchMessage: every reference line', () => {
  it('decodes each of the 100 lines to a typed message, none unknown', () => {
    for (const { comment, line } of fixtureLines) {
      const message = decodeLine(line);
      expect(message.type, comment).not.toBe('unknown');
      if (message.type === 'usernotice') expect(message.kind, comment).not.toBe('unknown');
    }
  });
});

describe('decodeTwitchMessage: PRIVMSG', () => {
  it('docs example: sender, channel, ids, flags', () => {
    const message = decode('PRIVMSG with tags (docs', 'privmsg');
    expect(
      pick(message, ['channel', 'channelId', 'id', 'text', 'userLogin', 'userId', 'displayName', 'color', 'isEmoteOnly', 'isFirstMessage', 'clientNonce', 'sentAt', 'isBroadcaster', 'isModerator', 'isVip', 'raw']),
    ).toEqual({
      channel: 'lovingt3s',
      channelId: '713936733',
      id: '885196de-cb67-427a-baa8-82f9b0fcd05f',
      text: 'bleedPurple',
      userLogin: 'lovingt3s',
      userId: '713936733',
      displayName: 'lovingt3s',
      color: '#0000FF',
      isEmoteOnly: true,
      isFirstMessage: false,
      clientNonce: '459e3142897c7a22b7d275178f2259e0',
      sentAt: 1643904084794,
      isBroadcaster: true,
      isModerator: false,
      isVip: false,
      raw: fixture('PRIVMSG with tags (docs'),
    });
    expect(emoteTexts(message)).toEqual(['bleedPurple']);
  });

  it('emotes are sorted by position and slice to their codes', () => {
    const message = decode('PRIVMSG many emotes from a moderator', 'privmsg');
    expect(emoteTexts(message)).toEqual(['Kappa', 'Keepo', 'Kappa', 'Kappa', 'Keepo', 'Keepo', ':)', ':)', ':P']);
    expect(message.userType).toBe('mod');
    expect(message.isModerator).toBe(true);
    expect(message.badgeInfo.get('subscriber')).toBe('22');
  });

  it('emote positions after emoji are converted from code points to UTF-16', () => {
    const message = decode('PRIVMSG emoji before emotes', 'privmsg');
    expect(message.text).toBe('👉 <3 👉 <3 👉 <3');
    expect(emoteTexts(message)).toEqual(['<3', '<3', '<3']);
  });

  it('an out-of-range emote end is clamped to the text', () => {
    const message = decode('PRIVMSG with an out-of-range emote index', 'privmsg');
    expect(message.emotes).toEqual([{ id: '25', start: 40, end: 44 }]);
    expect(message.flags).toBe('17-26:S.6');
  });

  it('cheer: bits', () => {
    const message = decode('PRIVMSG cheer', 'privmsg');
    expect(message.bits).toBe(100);
    expect(message.color).toBeUndefined();
    expect([...message.badges]).toEqual([['staff', '1'], ['bits', '1000']]);
    expect(decode('PRIVMSG with tags (docs', 'privmsg').bits).toBeUndefined();
  });

  it('reply: reply-parent-*', () => {
    const message = decode('PRIVMSG reply (reply-parent', 'privmsg');
    expect(message.reply).toEqual({
      parentMessageId: '6b13e51b-7ecb-43b5-ba5b-2bb5288df696',
      parentUserId: '37940952',
      parentUserLogin: 'retoon',
      parentDisplayName: 'Retoon',
      parentMessageText: 'hello',
      threadParentMessageId: undefined,
      threadParentUserId: undefined,
      threadParentUserLogin: undefined,
      threadParentDisplayName: undefined,
    });
    expect(message.isReturningChatter).toBe(false);
    expect(decode('PRIVMSG with tags (docs', 'privmsg').reply).toBeUndefined();
  });

  it('thread reply mirrored by Shared Chat: reply-thread-parent-* and source-*', () => {
    const message = decode('PRIVMSG reply in a thread', 'privmsg');
    expect(message.reply?.parentMessageText).toBe('@Alca oh ur right');
    expect(message.reply?.threadParentUserLogin).toBe('alca');
    expect(message.reply?.threadParentDisplayName).toBe('Alca');
    const sharedChat = message.sharedChat;
    expect(sharedChat && pick(sharedChat, ['messageId', 'roomId', 'isSourceOnly'])).toEqual({
      messageId: '0b1e60f3-5990-4b26-94e2-885231614e07',
      roomId: '1025597036',
      isSourceOnly: undefined,
    });
    expect([...(sharedChat?.badges ?? [])]).toEqual([['glitchcon2020', '1']]);
    expect(sharedChat?.badgeInfo.size).toBe(0);
  });

  it('kitchen sink: vip, badges, reply body unescaped, emotes after an emoji', () => {
    const message = decode('PRIVMSG kitchen sink', 'privmsg');
    expect(message.isVip).toBe(true);
    expect(message.isSubscriber).toBe(true);
    expect(message.reply?.parentMessageText).toBe('hello there; ok');
    expect(emoteTexts(message)).toEqual(['Kappa', 'Keepo']);
    expect(message.emotes[1]).toEqual({ id: '1902', start: 17, end: 22 });
  });

  it('/me action: flag, text without framing, emote offsets after "ACTION "', () => {
    const message = decode('PRIVMSG /me action', 'privmsg');
    expect(message.isAction).toBe(true);
    expect(message.text).toBe('-tags Kappa 123 Keepo');
    expect(emoteTexts(message)).toEqual(['Kappa', 'Keepo']);
  });

  it('VIP with a channel-points reward', () => {
    const message = decode('PRIVMSG from a VIP', 'privmsg');
    expect(message.isVip).toBe(true);
    expect(message.customRewardId).toBe('ea98be77-c54e-49cd-bc52-d8290cf12ad8');
  });

  it('first message', () => {
    expect(decode('PRIVMSG first message ever', 'privmsg').isFirstMessage).toBe(true);
  });

  it('Shared Chat with source-only', () => {
    const message = decode('PRIVMSG mirrored by Shared Chat (source-only', 'privmsg');
    expect(message.sharedChat?.isSourceOnly).toBe(false);
    expect(message.sharedChat?.badgeInfo.get('subscriber')).toBe('5');
  });

  it('colon-less trailing, shuffled tags, non-numeric emote id', () => {
    const message = decode('PRIVMSG whose single-word text has NO leading colon', 'privmsg');
    expect(message.text).toBe('shared9Dog');
    expect(message.emotes).toEqual([{ id: 'emotesv2_8811dd848a214cef8a77575476cc33f4', start: 0, end: 10 }]);
    expect(message.sharedChat?.badges.get('bits-leader')).toBe('3');
  });

  it('Hype Chat and predictions badge-info split on the first / only', () => {
    const message = decode('PRIVMSG Hype Chat', 'privmsg');
    expect(message.badgeInfo.get('predictions')).toBe('Day 53/53 forsenSmug');
    expect(message.badgeInfo.get('subscriber')).toBe('67');
    expect(message.paidPinnedChat).toEqual({
      amount: 1400,
      canonicalAmount: 1400,
      currency: 'NOK',
      exponent: 2,
      level: 'ONE',
      isSystemMessage: false,
    });
  });

  it('non-ASCII display name and an escaped trailing space', () => {
    expect(decode('PRIVMSG whose non-ASCII display-name', 'privmsg').displayName).toBe('테스트계정420');
    const message = decode('PRIVMSG whose display-name ends in an escaped space', 'privmsg');
    expect(message.displayName).toBe('Iamme420');
    expect(message.ircMessage.tags.get('display-name')).toBe('Iamme420 ');
  });

  it('emote ids containing "/" and prediction text with commas', () => {
    const message = decodeLine(
      '@badge-info=predictions/a\\s/\\sb,c,subscriber/3;emotes=80481_/3:7-14,16-18;msg-id=highlighted-message :a!a@a PRIVMSG #c :hello, 80481_/3 xyz',
    );
    if (message.type !== 'privmsg') throw new Error(message.type);
    expect(message.emotes).toEqual([
      { id: '80481_/3', start: 7, end: 15 },
      { id: '80481_/3', start: 16, end: 19 },
    ]);
    expect([...message.badgeInfo]).toEqual([['predictions', 'a / b,c'], ['subscriber', '3']]);
    expect(message.messageId).toBe('highlighted-message');
  });
});

describe('decodeTwitchMessage: USERNOTICE', () => {
  it('sub', () => {
    const message = notice('USERNOTICE sub (Prime)', 'sub');
    expect(pick(message, ['cumulativeMonths', 'shouldShareStreak', 'subPlan', 'subPlanName', 'text', 'systemMessage', 'userLogin'])).toEqual({
      cumulativeMonths: 1,
      shouldShareStreak: false,
      subPlan: 'Prime',
      subPlanName: 'Channel Subscription (xqcow)',
      text: undefined,
      systemMessage: 'fallenseraphhh subscribed with Twitch Prime.',
      userLogin: 'fallenseraphhh',
    });
  });

  it('resub with text and emote', () => {
    const message = notice('USERNOTICE resub with user message', 'resub');
    expect(pick(message, ['cumulativeMonths', 'streakMonths', 'shouldShareStreak', 'subPlan', 'text'])).toEqual({
      cumulativeMonths: 2,
      streakMonths: 2,
      shouldShareStreak: true,
      subPlan: '1000',
      text: 'xqcL',
    });
    expect(message.text?.slice(message.emotes[0]?.start, message.emotes[0]?.end)).toBe('xqcL');
    expect(notice('USERNOTICE resub (docs example)', 'resub').text).toBe('Great stream -- keep it up!');
  });

  it('subgift', () => {
    const message = notice('USERNOTICE subgift: robotty', 'subgift');
    expect(pick(message, ['months', 'giftMonths', 'recipientId', 'recipientLogin', 'recipientDisplayName', 'senderCount', 'isAnonymous', 'originId'])).toEqual({
      months: 2,
      giftMonths: 1,
      recipientId: '236653628',
      recipientLogin: 'qatarking24xd',
      recipientDisplayName: 'qatarking24xd',
      senderCount: 0,
      isAnonymous: false,
      originId: 'da 39 a3 ee 5e 6b 4b 0d 32 55 bf ef 95 60 18 90 af d8 07 09',
    });
    const modern = notice('USERNOTICE subgift (2025 capture', 'subgift');
    expect(modern.communityGiftId).toBe('4645652708379472175');
    expect(modern.subPlanName).toBe('look at those shitty emotes, rip $5 LUL');
    expect(notice('USERNOTICE subgift from an anonymous gifter', 'subgift').isAnonymous).toBe(true);
  });

  it('submysterygift', () => {
    const message = notice('USERNOTICE submysterygift (mass gift', 'submysterygift');
    expect(pick(message, ['massGiftCount', 'senderCount', 'subPlan', 'isAnonymous'])).toEqual({
      massGiftCount: 20,
      senderCount: 100,
      subPlan: '1000',
      isAnonymous: false,
    });
    expect(notice('USERNOTICE submysterygift from an anonymous', 'submysterygift').isAnonymous).toBe(true);
  });

  it('giftpaidupgrade and anongiftpaidupgrade', () => {
    const message = notice('USERNOTICE giftpaidupgrade', 'giftpaidupgrade');
    expect([message.senderLogin, message.senderDisplayName, message.promoName]).toEqual(['stridezgum', 'Stridezgum', undefined]);
    expect(notice('USERNOTICE anongiftpaidupgrade', 'anongiftpaidupgrade').promoGiftTotal).toBeUndefined();
  });

  it('raid: camelCase parameters', () => {
    const message = notice('USERNOTICE raid', 'raid');
    expect(pick(message, ['raiderLogin', 'raiderDisplayName', 'viewerCount', 'profileImageUrl'])).toEqual({
      raiderLogin: 'iamelisabete',
      raiderDisplayName: 'iamelisabete',
      viewerCount: 430,
      profileImageUrl:
        'https://static-cdn.jtvnw.net/jtv_user_pictures/cae3ca63-510d-4715-b4ce-059dcf938978-profile_image-70x70.png',
    });
  });

  it('unraid', () => {
    expect(notice('USERNOTICE unraid', 'unraid').systemMessage).toBe('The raid has been cancelled.');
  });

  it('announcement', () => {
    const message = notice('USERNOTICE announcement', 'announcement');
    expect([message.announcementColor, message.text, message.color]).toEqual(['PRIMARY', 'mm test lol', '#FF0000']);
  });

  it('bitsbadgetier', () => {
    expect(notice('USERNOTICE bitsbadgetier', 'bitsbadgetier').threshold).toBe(1000);
  });

  it('rewardgift', () => {
    const message = notice('USERNOTICE rewardgift', 'rewardgift');
    expect(pick(message, ['domain', 'selectedCount', 'totalRewardCount', 'triggerAmount', 'triggerType'])).toEqual({
      domain: 'pride_megacommerce_2020',
      selectedCount: 100,
      totalRewardCount: 100,
      triggerAmount: 20,
      triggerType: 'SUBGIFT',
    });
  });

  it('viewermilestone', () => {
    const message = notice('USERNOTICE viewermilestone', 'viewermilestone');
    expect([message.category, message.milestoneId, message.value]).toEqual(['watch-streak', 'a872953b-606f-410a-9970-c95b744f116c', 3]);
  });

  it('modiversary', () => {
    const message = notice('USERNOTICE modiversary', 'modiversary');
    expect([message.months, message.isVip, message.isModerator]).toEqual([108, false, true]);
  });

  it('sharedchatnotice', () => {
    const message = notice('USERNOTICE sharedchatnotice', 'sharedchatnotice');
    expect(message.sourceMsgId).toBe('announcement');
    expect(message.sharedChat?.roomId).toBe('1025594235');
    expect(message.parameters).toEqual({ color: 'PRIMARY' });
  });

  it('ritual', () => {
    expect(notice('USERNOTICE ritual', 'ritual').ritualName).toBe('new_chatter');
  });

  const base = '@badge-info=;badges=;color=;display-name=A;emotes=;id=x;login=a;mod=0;room-id=1;subscriber=0;user-id=2;user-type=';
  const kinds: Array<[string, string, Record<string, unknown>]> = [
    ['anonsubgift', 'msg-param-recipient-user-name=b;msg-param-months=3', { isAnonymous: true, recipientLogin: 'b', months: 3 }],
    ['anonsubmysterygift', 'msg-param-mass-gift-count=5', { isAnonymous: true, massGiftCount: 5 }],
    ['primepaidupgrade', 'msg-param-sub-plan=1000', { subPlan: '1000' }],
    [
      'standardpayforward',
      'msg-param-prior-gifter-anonymous=false;msg-param-prior-gifter-user-name=c;msg-param-recipient-user-name=d',
      { priorGifterIsAnonymous: false, priorGifterLogin: 'c', recipientLogin: 'd' },
    ],
    ['communitypayforward', 'msg-param-prior-gifter-anonymous=true', { priorGifterIsAnonymous: true, priorGifterId: undefined }],
    [
      'primecommunitygiftreceived',
      'msg-param-gift-name=World\\sof\\sTanks;msg-param-recipient=e;msg-param-middle-man=f',
      { giftName: 'World of Tanks', recipientLogin: 'e', middleMan: 'f' },
    ],
    ['extendsub', 'msg-param-sub-benefit-end-month=4;msg-param-cumulative-months=16', { benefitEndMonth: 4, cumulativeMonths: 16 }],
    [
      'charitydonation',
      'msg-param-charity-name=Example;msg-param-donation-amount=2500;msg-param-donation-currency=USD;msg-param-exponent=2',
      { charityName: 'Example', amount: 2500, currency: 'USD', exponent: 2 },
    ],
    ['midnightsquid', 'msg-param-amount=500;msg-param-currency=EUR;msg-param-exponent=2', { amount: 500, currency: 'EUR', exponent: 2 }],
    ['somethingnew', 'msg-param-x=1', { kind: 'unknown', msgId: 'somethingnew', parameters: { x: '1' } }],
  ];
  for (const [msgId, params, expected] of kinds) {
    it(`${msgId} (constructed line)`, () => {
      const message = decodeLine(`${base};msg-id=${msgId};${params} :tmi.twitch.tv USERNOTICE #chan`);
      expect(message.type).toBe('usernotice');
      expect(pick(message, ['kind', ...Object.keys(expected)])).toEqual({ kind: msgId === 'somethingnew' ? 'unknown' : msgId, ...expected });
    });
  }
});

describe('decodeTwitchMessage: other commands', () => {
  it('CLEARCHAT ban, timeout, clear', () => {
    expect(pick(decode('CLEARCHAT permanent ban', 'clearchat'), ['kind', 'channel', 'channelId', 'targetUserLogin', 'targetUserId'])).toEqual({
      kind: 'ban',
      channel: 'dallas',
      channelId: '12345678',
      targetUserLogin: 'ronni',
      targetUserId: '87654321',
    });
    const timeout = decode('CLEARCHAT timeout', 'clearchat');
    expect(timeout.kind === 'timeout' && timeout.durationSeconds).toBe(350);
    expect(decode('CLEARCHAT whole chat cleared', 'clearchat').kind).toBe('clear');
  });

  it('CLEARMSG, including a /me message', () => {
    expect(pick(decode('CLEARMSG single message', 'clearmsg'), ['targetUserLogin', 'targetMessageId', 'text', 'isAction'])).toEqual({
      targetUserLogin: 'foo',
      targetMessageId: '94e6c7ff-bf98-4faa-af5d-7ad633a158a9',
      text: 'what a great day',
      isAction: false,
    });
    expect(pick(decode('CLEARMSG of a /me message', 'clearmsg'), ['text', 'isAction'])).toEqual({ text: 'test', isAction: true });
  });

  it('ROOMSTATE full versus partial', () => {
    expect(
      pick(decode('ROOMSTATE full with modes on', 'roomstate'), ['isFull', 'emoteOnly', 'followersOnlyMinutes', 'uniqueChat', 'slowSeconds', 'subscribersOnly']),
    ).toEqual({ isFull: true, emoteOnly: true, followersOnlyMinutes: 10, uniqueChat: true, slowSeconds: 5, subscribersOnly: true });
    expect(decode('ROOMSTATE full (on join)', 'roomstate').followersOnlyMinutes).toBe(-1);
    expect(pick(decode('ROOMSTATE partial (slow mode', 'roomstate'), ['isFull', 'slowSeconds', 'emoteOnly'])).toEqual({
      isFull: false,
      slowSeconds: 5,
      emoteOnly: undefined,
    });
    expect(decode('ROOMSTATE partial (unique-chat', 'roomstate').uniqueChat).toBe(true);
  });

  it('USERSTATE on join, as moderator, after a PRIVMSG', () => {
    expect(decode('USERSTATE on join', 'userstate').sentMessageId).toBeUndefined();
    const moderator = decode('USERSTATE as moderator', 'userstate');
    expect([moderator.isModerator, moderator.emoteSets]).toEqual([true, ['0', '75c09c7b-332a-43ec-8be8-1d4571706155']]);
    expect(decode('USERSTATE after a successful PRIVMSG', 'userstate').sentMessageId).toBe('6e2ccb1f-01ed-44d0-85b6-edf762524475');
  });

  it('GLOBALUSERSTATE', () => {
    const message = decode('GLOBALUSERSTATE (docs example', 'globaluserstate');
    expect([message.userId, message.userType, message.badgeInfo.get('subscriber'), message.emoteSets.length]).toEqual(['12345678', 'admin', '8', 12]);
  });

  it('NOTICE with msg-id, including msg_concurrent_channel_limit_reached', () => {
    const message = decode('NOTICE msg_concurrent_channel_limit_reached', 'notice');
    expect(pick(message, ['channel', 'noticeId', 'authFailure'])).toEqual({
      channel: 'byrakeru',
      noticeId: 'msg_concurrent_channel_limit_reached',
      authFailure: undefined,
    });
    expect(decode('NOTICE whisper_restricted', 'notice').targetUserId).toBe('12345678');
  });

  it('NOTICE login failures without msg-id are recognised by text, case-insensitively', () => {
    expect(pick(decode('NOTICE login failure', 'notice'), ['channel', 'noticeId', 'authFailure'])).toEqual({
      channel: undefined,
      noticeId: undefined,
      authFailure: 'authenticationFailed',
    });
    expect(decode('NOTICE malformed auth', 'notice').authFailure).toBe('improperlyFormattedAuth');
    const upper = decodeLine(':tmi.twitch.tv NOTICE * :Improperly formatted AUTH');
    expect(upper.type === 'notice' && upper.authFailure).toBe('improperlyFormattedAuth');
  });

  it('WHISPER', () => {
    const message = decode('WHISPER received', 'whisper');
    expect(pick(message, ['userLogin', 'recipientLogin', 'messageId', 'threadId', 'userId'])).toEqual({
      userLogin: 'randers',
      recipientLogin: 'randers811',
      messageId: '1',
      threadId: '40286300_553170741',
      userId: '40286300',
    });
    expect(emoteTexts(message)).toEqual(['Kappa']);
  });

  it('JOIN and PART', () => {
    expect(pick(decode('JOIN of another user', 'join'), ['channel', 'userLogin'])).toEqual({ channel: 'dallas', userLogin: 'ronni' });
    expect(pick(decode('PART of another user', 'part'), ['channel', 'userLogin'])).toEqual({ channel: 'dallas', userLogin: 'ronni' });
  });

  it('RECONNECT, PING, PONG', () => {
    expect(decode('RECONNECT', 'reconnect').type).toBe('reconnect');
    expect(decode('PING (server keepalive', 'ping').argument).toBe('tmi.twitch.tv');
    expect(decode("PONG reply to client 'PING asd'", 'pong').argument).toBe('asd');
  });

  it('CAP ACK and NAK', () => {
    expect(pick(decode('CAP ACK: official', 'cap'), ['subcommand', 'capabilities'])).toEqual({
      subcommand: 'ACK',
      capabilities: ['twitch.tv/membership', 'twitch.tv/tags', 'twitch.tv/commands'],
    });
    expect(pick(decode('CAP NAK', 'cap'), ['subcommand', 'capabilities'])).toEqual({ subcommand: 'NAK', capabilities: ['twitch.tv/foo'] });
  });

  it('login numerics, 353, 366, 421', () => {
    expect(pick(decode('numeric 001 (login success)', 'serverInfo'), ['numeric', 'nick', 'text'])).toEqual({
      numeric: '001',
      nick: 'mybot',
      text: 'Welcome, GLHF!',
    });
    expect(decode('numeric 376', 'serverInfo').numeric).toBe('376');
    expect(decode('353 NAMES listing existing users', 'names').users).toEqual(['xhipgamer', 'blushyface', 'mauerbac_bot', 'moobot']);
    expect(decode('366 end of NAMES', 'endOfNames').channel).toBe('twitchdev');
    expect(decode('numeric 421', 'unknownCommand').command).toBe('WHO');
  });

  it('HOSTTARGET start and stop', () => {
    expect(pick(decode('HOSTTARGET start', 'hosttarget'), ['channel', 'targetChannel', 'viewerCount'])).toEqual({
      channel: 'randers',
      targetChannel: 'leebaxd',
      viewerCount: 0,
    });
    expect(decode('HOSTTARGET stop', 'hosttarget').targetChannel).toBeUndefined();
  });
});

describe('decodeTwitchMessage: broken input never throws', () => {
  it('a known command with a broken structure decodes to unknown/malformed', () => {
    for (const line of ['PRIVMSG', ':a!a@a PRIVMSG #chan', 'PRIVMSG #chan :no sender', ':a!a@a PRIVMSG # :x', 'USERNOTICE', 'JOIN #chan', 'CLEARCHAT', 'NOTICE', 'CAP', '353 a', 'WHISPER']) {
      const message = decodeLine(line);
      expect(message, line).toMatchObject({ type: 'unknown', reason: 'malformed' });
    }
  });

  it('an unknown command decodes to unknown/unsupported with its parameters', () => {
    expect(decodeLine(':jtv MODE #chan +o someone')).toMatchObject({ type: 'unknown', reason: 'unsupported', command: 'MODE', params: ['#chan', '+o', 'someone'] });
  });

  it('broken fields become undefined, false or "" without rejecting the line', () => {
    const message = decodeLine('@bits=lots;tmi-sent-ts=;emotes=x:a-b,3-1,99-100/:;badges=,,/;vip :a!a@a PRIVMSG #chan :hi');
    if (message.type !== 'privmsg') throw new Error(message.type);
    expect(pick(message, ['bits', 'sentAt', 'emotes', 'id', 'isVip', 'displayName'])).toEqual({
      bits: undefined,
      sentAt: undefined,
      emotes: [],
      id: '',
      isVip: true,
      displayName: 'a',
    });
    expect(() => message.badges).not.toThrow();
    const timeout = decodeLine('@ban-duration=soon :tmi.twitch.tv CLEARCHAT #chan :user');
    expect(timeout).toMatchObject({ type: 'clearchat', kind: 'timeout', durationSeconds: 0 });
  });
});
