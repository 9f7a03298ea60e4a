import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useMockTwitchServer } from '../src/vitest/index.js';
import { MockTwitchServer } from '../src/index.js';
import { RawClient, tagsOf } from './helpers/RawClient.js';
import { trackClients } from './helpers/setup.js';

const server = useMockTwitchServer({
  accounts: [
    { login: 'mybot', token: 'secret', userId: '111', displayName: 'MyBot' },
    { login: 'reader', token: 'reader', userId: '222' },
  ],
  channels: { chan: { roomId: '999' } },
});
const track = trackClients();

async function joined(login: string, token: string, channel = 'chan', capabilities?: string): Promise<RawClient> {
  const client = track(await RawClient.login(server().url, login, token, capabilities));
  client.send(`JOIN #${channel}`);
  await client.waitFor((line) => line.endsWith(`JOIN #${channel}`));
  await client.quiet(10);
  return client;
}

const sentPrivmsg = (client: RawClient, text: string): Promise<string> =>
  client.next((line) => line.includes('PRIVMSG') && line.endsWith(`:${text}`));

describe('chat relay', () => {
  beforeEach(() => {
    // Only Date is faked: the clock reads Date.now() at call time, while sockets keep their real timers.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-01-01T00:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('relays a PRIVMSG with full tags to other connections, including the same account, but not to the sender', async () => {
    const sender = await joined('mybot', 'secret');
    const sameAccount = await joined('mybot', 'secret');
    const reader = await joined('reader', 'reader');
    sender.send('@client-nonce=459e3142897c7a22b7d275178f2259e0 PRIVMSG #chan :hello world');
    const [fromSame, fromReader, userstate] = await Promise.all([
      sentPrivmsg(sameAccount, 'hello world'),
      sentPrivmsg(reader, 'hello world'),
      sender.next((line) => line.includes('USERSTATE')),
    ]);
    expect(fromSame).toBe(fromReader);
    const tags = tagsOf(fromReader);
    expect([...tags.keys()]).toEqual([
      'badge-info', 'badges', 'client-nonce', 'color', 'display-name', 'emotes', 'first-msg', 'flags', 'id', 'mod',
      'returning-chatter', 'room-id', 'subscriber', 'tmi-sent-ts', 'turbo', 'user-id', 'user-type',
    ]);
    expect(tags.get('client-nonce')).toBe('459e3142897c7a22b7d275178f2259e0');
    expect(tags.get('room-id')).toBe('999');
    expect(tags.get('user-id')).toBe('111');
    expect(tags.get('display-name')).toBe('MyBot');
    expect(tags.get('tmi-sent-ts')).toBe(String(Date.parse('2026-01-01T00:00:00Z')));
    expect(tags.get('id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(fromReader.endsWith(' :mybot!mybot@mybot.tmi.twitch.tv PRIVMSG #chan :hello world')).toBe(true);
    // The sender gets USERSTATE carrying the message id, and never its own PRIVMSG.
    expect(tagsOf(userstate).get('id')).toBe(tags.get('id'));
    await sender.quiet(50);
    expect(sender.lines.some((line) => line.includes('PRIVMSG'))).toBe(false);
    expect(server().stats()).toMatchObject({ messagesReceived: 1, messagesRelayed: 2 });
  });

  it('delivers to connections in the channel when the sender has not joined it (§3.2)', async () => {
    const reader = await joined('reader', 'reader');
    const sender = track(await RawClient.login(server().url, 'mybot', 'secret'));
    sender.send('PRIVMSG #chan :from outside');
    await sentPrivmsg(reader, 'from outside');
    expect(tagsOf(await sender.next((line) => line.includes('USERSTATE #chan'))).has('id')).toBe(true);
  });

  it('fills reply-parent-* from a known parent and the thread root from its thread', async () => {
    const reader = await joined('reader', 'reader');
    const sender = await joined('mybot', 'secret');
    const parent = server().chat('chan', { login: 'retoon', displayName: 'Retoon', userId: '37940952', text: 'hello there; ok' });
    await sentPrivmsg(reader, 'hello there; ok');
    sender.send(`@reply-parent-msg-id=${parent.id} PRIVMSG #chan :@Retoon yes`);
    const reply = tagsOf(await sentPrivmsg(reader, '@Retoon yes'));
    expect(Object.fromEntries([...reply].filter(([key]) => key.startsWith('reply-')))).toEqual({
      'reply-parent-display-name': 'Retoon',
      'reply-parent-msg-body': 'hello there; ok',
      'reply-parent-msg-id': parent.id,
      'reply-parent-user-id': '37940952',
      'reply-parent-user-login': 'retoon',
      'reply-thread-parent-display-name': 'Retoon',
      'reply-thread-parent-msg-id': parent.id,
      'reply-thread-parent-user-id': '37940952',
      'reply-thread-parent-user-login': 'retoon',
    });
    // The escaped form is on the wire.
    expect(reader.lines.at(-1)).toContain('reply-parent-msg-body=hello\\sthere\\:\\sok;');
    // A reply to the reply keeps the thread root.
    const secondId = reply.get('id') as string;
    vi.setSystemTime(Date.now() + 2000);
    const nested = server().chat('chan', { login: 'viewer', text: '@MyBot no', replyTo: secondId });
    const nestedTags = tagsOf(await sentPrivmsg(reader, '@MyBot no'));
    expect(nestedTags.get('reply-parent-user-login')).toBe('mybot');
    expect(nestedTags.get('reply-thread-parent-msg-id')).toBe(parent.id);
    expect(nested.deliveredTo).toBe(2);
  });

  it('turns /me into an ACTION and rejects other commands with unrecognized_cmd', async () => {
    const reader = await joined('reader', 'reader');
    const sender = await joined('mybot', 'secret');
    sender.send('PRIVMSG #chan :/me waves');
    await sentPrivmsg(reader, '\u0001ACTION waves\u0001');
    sender.send('PRIVMSG #chan :/ban someone');
    expect(await sender.next((line) => line.includes('NOTICE'))).toBe(
      '@msg-id=unrecognized_cmd :tmi.twitch.tv NOTICE #chan :Unrecognized command: /ban',
    );
  });

  it('rejects a duplicate within 30 s, accepts it after, and exempts moderators', async () => {
    const reader = await joined('reader', 'reader');
    const sender = await joined('mybot', 'secret');
    sender.send('PRIVMSG #chan :same text');
    await sentPrivmsg(reader, 'same text');
    vi.setSystemTime(Date.now() + 29_999);
    sender.send('PRIVMSG #chan :same  text ');
    expect(await sender.next((line) => line.includes('NOTICE'))).toBe(
      '@msg-id=msg_duplicate :tmi.twitch.tv NOTICE #chan :Your message was not sent because it is identical to the previous one you sent, less than 30 seconds ago.',
    );
    vi.setSystemTime(Date.now() + 1);
    sender.send('PRIVMSG #chan :same text');
    await sentPrivmsg(reader, 'same text');
    server().setModerator('chan', 'mybot', true);
    sender.send('PRIVMSG #chan :same text');
    await sentPrivmsg(reader, 'same text');
  });

  it('enforces 1 message per second per channel for non-moderators with msg_ratelimit', async () => {
    const reader = await joined('reader', 'reader');
    const sender = await joined('mybot', 'secret');
    sender.send('PRIVMSG #chan :one');
    await sentPrivmsg(reader, 'one');
    vi.setSystemTime(Date.now() + 999);
    sender.send('PRIVMSG #chan :two');
    expect(await sender.next((line) => line.includes('NOTICE'))).toBe(
      '@msg-id=msg_ratelimit :tmi.twitch.tv NOTICE #chan :Your message was not sent because you are sending messages too quickly.',
    );
    expect(server().violations()).toMatchObject([{ kind: 'channelMessage', account: 'mybot', detail: { channel: 'chan', limit: 1, windowMs: 1000 } }]);
    vi.setSystemTime(Date.now() + 1);
    sender.send('PRIVMSG #chan :three');
    await sentPrivmsg(reader, 'three');
    // Another channel has its own 1 s budget.
    sender.send('PRIVMSG #elsewhere :four');
    expect(tagsOf(await sender.next((line) => line.includes('USERSTATE #elsewhere'))).has('id')).toBe(true);
  });

  it('enforces slow mode with msg_slowmode and the seconds left', async () => {
    server().setChannelState('chan', { slowMode: 5 });
    const reader = await joined('reader', 'reader');
    const sender = await joined('mybot', 'secret');
    sender.send('PRIVMSG #chan :first');
    await sentPrivmsg(reader, 'first');
    vi.setSystemTime(Date.now() + 1_500);
    sender.send('PRIVMSG #chan :second');
    expect(await sender.next((line) => line.includes('NOTICE'))).toBe(
      '@msg-id=msg_slowmode :tmi.twitch.tv NOTICE #chan :This room is in slow mode and you are sending messages too quickly. You will be able to talk again in 4 seconds.',
    );
    vi.setSystemTime(Date.now() + 3_500);
    sender.send('PRIVMSG #chan :third');
    await sentPrivmsg(reader, 'third');
  });

  it.each([
    [{ followersOnly: 10 }, 'msg_followersonly'],
    [{ followersOnly: 0 }, 'msg_followersonly_zero'],
    [{ subsOnly: true }, 'msg_subsonly'],
    [{ emoteOnly: true }, 'msg_emoteonly'],
    [{ suspended: true }, 'msg_channel_suspended'],
    [{ banned: true }, 'msg_banned'],
  ])('rejects a message in a room with %o using %s; a moderator is exempt from modes', async (state, msgId) => {
    server().setChannelState('modes', state);
    const sender = track(await RawClient.login(server().url, 'mybot', 'secret'));
    sender.send('PRIVMSG #modes :hello');
    expect(tagsOf(await sender.next((line) => line.includes('NOTICE #modes'))).get('msg-id')).toBe(msgId);
    if (!('suspended' in state) && !('banned' in state)) {
      server().setModerator('modes', 'mybot', true);
      sender.send('PRIVMSG #modes :hello');
      await sender.next((line) => line.includes('USERSTATE #modes'));
    }
  });

  it('drops messages silently for nonexistent channels and anonymous senders', async () => {
    server().setChannelState('nothing', { nonexistent: true });
    const sender = track(await RawClient.login(server().url, 'mybot', 'secret'));
    const anonymous = await joined('justinfan1', '');
    const dropped = server().waitFor('privmsg', (event) => event.login === 'justinfan1');
    anonymous.send('PRIVMSG #chan :hi');
    expect(await dropped).toMatchObject({ outcome: 'dropped', reason: 'anonymous' });
    const silent = server().waitFor('privmsg', (event) => event.channel === 'nothing');
    sender.send('PRIVMSG #nothing :hi');
    expect(await silent).toMatchObject({ outcome: 'dropped', reason: 'nonexistent' });
    await sender.quiet(30);
    expect(sender.lines.some((line) => line.includes('#nothing'))).toBe(false);
  });
});

describe('over-long messages', () => {
  const long = 'é'.repeat(499) + '👉👉';

  it('trims to 500 code points by default', async () => {
    const reader = track(await RawClient.login(server().url, 'reader', 'reader'));
    reader.send('JOIN #chan');
    await reader.waitFor((line) => line.includes('ROOMSTATE'));
    const sender = track(await RawClient.login(server().url, 'mybot', 'secret'));
    sender.send(`PRIVMSG #chan :${long}`);
    const line = await reader.next((received) => received.includes('PRIVMSG'));
    expect(Array.from(line.slice(line.indexOf('PRIVMSG #chan :') + 'PRIVMSG #chan :'.length))).toHaveLength(500);
    expect(line.endsWith('é👉')).toBe(true);
  });

  it('rejects with a NOTICE in notice mode, and accepts exactly 500 code points', async () => {
    const strict = new MockTwitchServer({ overlongMessages: 'notice', accounts: [{ login: 'mybot', token: 'secret' }] });
    await strict.start();
    try {
      const sender = track(await RawClient.login(strict.url, 'mybot', 'secret'));
      sender.send(`PRIVMSG #chan :${long}`);
      expect(tagsOf(await sender.next((line) => line.includes('NOTICE'))).get('msg-id')).toBe('msg_rejected');
      sender.send(`PRIVMSG #chan :${'👉'.repeat(500)}`);
      await sender.next((line) => line.includes('USERSTATE'));
    } finally {
      await strict.stop();
    }
  });
});

describe('injection', () => {
  it('injects PRIVMSG with realistic tags, emotes in code points, badges and ACTION', async () => {
    const reader = track(await RawClient.login(server().url, 'reader', 'reader'));
    reader.send('JOIN #chan');
    await reader.waitFor((line) => line.includes('ROOMSTATE'));
    const injected = server().chat('#chan', {
      login: 'Ronni',
      displayName: 'Ronni',
      text: 'Kappa 👉 Keepo',
      badges: 'vip/1,subscriber/12',
      badgeInfo: 'subscriber/14',
      color: '#1E90FF',
      emotes: [
        { id: '25', start: 0, end: 4 },
        { id: '1902', start: 8, end: 12 },
      ],
      action: true,
      tags: { bits: '100' },
    });
    const line = await reader.next((received) => received.includes('PRIVMSG'));
    expect(line).toBe(injected.line);
    const tags = tagsOf(line);
    expect(tags.get('emotes')).toBe('25:0-4/1902:8-12');
    expect(tags.get('badges')).toBe('vip/1,subscriber/12');
    expect(tags.get('vip')).toBe('1');
    expect(tags.get('subscriber')).toBe('1');
    expect(tags.get('bits')).toBe('100');
    expect(tags.get('room-id')).toBe('999');
    expect(tags.get('id')).toBe(injected.id);
    expect(line.endsWith(':ronni!ronni@ronni.tmi.twitch.tv PRIVMSG #chan :\u0001ACTION Kappa 👉 Keepo\u0001')).toBe(true);
  });

  it('strips tags for connections without the tags capability', async () => {
    const reader = track(await RawClient.login(server().url, 'reader', 'reader', ''));
    reader.send('JOIN #chan');
    await reader.waitFor((line) => line.endsWith('JOIN #chan'));
    server().chat('chan', { login: 'viewer', text: 'plain' });
    expect(await reader.next((line) => line.includes('PRIVMSG'))).toBe(':viewer!viewer@viewer.tmi.twitch.tv PRIVMSG #chan :plain');
  });

  it('injects USERNOTICE, CLEARCHAT and CLEARMSG only to connections with commands', async () => {
    const reader = track(await RawClient.login(server().url, 'reader', 'reader'));
    const bare = track(await RawClient.login(server().url, 'reader', 'reader', 'twitch.tv/tags'));
    for (const client of [reader, bare]) {
      client.send('JOIN #chan');
      await client.waitFor((line) => line.endsWith('JOIN #chan'));
    }
    const notice = server().usernotice('chan', {
      msgId: 'resub',
      login: 'ronni',
      text: 'Great stream -- keep it up!',
      systemMessage: 'ronni has subscribed for 6 months!',
      params: { 'cumulative-months': '6', 'sub-plan': 'Prime' },
    });
    expect(notice.deliveredTo).toBe(1);
    const line = await reader.next((received) => received.includes('USERNOTICE'));
    const tags = tagsOf(line);
    expect(tags.get('msg-id')).toBe('resub');
    expect(tags.get('msg-param-cumulative-months')).toBe('6');
    expect(tags.get('system-msg')).toBe('ronni has subscribed for 6 months!');
    expect(tags.get('login')).toBe('ronni');
    expect(line).toContain('system-msg=ronni\\shas\\ssubscribed\\sfor\\s6\\smonths!');
    expect(line.endsWith(':tmi.twitch.tv USERNOTICE #chan :Great stream -- keep it up!')).toBe(true);

    server().clearchat('chan', { login: 'ronni', userId: '87654321', durationSeconds: 350 });
    expect(await reader.next((received) => received.includes('CLEARCHAT'))).toMatch(
      /^@ban-duration=350;room-id=999;target-user-id=87654321;tmi-sent-ts=\d+ :tmi\.twitch\.tv CLEARCHAT #chan :ronni$/,
    );
    server().clearchat('chan');
    expect(await reader.next((received) => received.includes('CLEARCHAT'))).toMatch(/^@room-id=999;tmi-sent-ts=\d+ :tmi\.twitch\.tv CLEARCHAT #chan$/);
    server().clearmsg('chan', { login: 'foo', text: 'what a great day', targetMessageId: '94e6c7ff-bf98-4faa-af5d-7ad633a158a9' });
    expect(await reader.next((received) => received.includes('CLEARMSG'))).toMatch(
      /^@login=foo;room-id=;target-msg-id=94e6c7ff-bf98-4faa-af5d-7ad633a158a9;tmi-sent-ts=\d+ :tmi\.twitch\.tv CLEARMSG #chan :what a great day$/,
    );
    await bare.quiet(30);
    expect(bare.lines.some((received) => /USERNOTICE|CLEARCHAT|CLEARMSG/.test(received))).toBe(false);
  });

  it('sends raw lines and raw frames (text and binary) unchanged', async () => {
    const client = track(await RawClient.login(server().url, 'reader', 'reader'));
    const id = server().connections('reader')[0]?.id as string;
    expect(server().send(['@bad=tag :nonsense', 'GARBAGE'], id)).toBe(1);
    await client.waitFor((line) => line === 'GARBAGE');
    expect(client.frames.at(-1)).toBe('@bad=tag :nonsense\r\nGARBAGE\r\n');
    server().sendFrame('no crlf here', 'reader');
    server().sendFrame(new Uint8Array([0, 1, 2]), 'reader');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(client.frames.slice(-2)).toEqual(['no crlf here', Buffer.from([0, 1, 2])]);
  });
});
