import { describe, expect, it } from 'vitest';
import { useMockTwitchServer } from '../src/vitest/index.js';
import { RawClient, tagsOf } from './helpers/RawClient.js';
import { trackClients } from './helpers/setup.js';

const server = useMockTwitchServer({
  accounts: [
    { login: 'mybot', token: 'secret', color: '#8A2BE2' },
    { login: 'otherbot', token: 'other' },
  ],
  channels: { twitchdev: { roomId: '141981764' } },
});
const track = trackClients();

describe('channels', () => {
  it('answers JOIN with the echo, NAMES, USERSTATE and a full ROOMSTATE in one frame', async () => {
    const client = track(await RawClient.login(server().url, 'mybot', 'secret'));
    const before = client.frames.length;
    client.send('JOIN #twitchdev');
    await client.waitFor((line) => line.includes('ROOMSTATE'));
    expect(client.lines.slice(-5)).toEqual([
      ':mybot!mybot@mybot.tmi.twitch.tv JOIN #twitchdev',
      ':mybot.tmi.twitch.tv 353 mybot = #twitchdev :mybot',
      ':mybot.tmi.twitch.tv 366 mybot #twitchdev :End of /NAMES list',
      '@badge-info=;badges=;color=#8A2BE2;display-name=mybot;emote-sets=0,300374282;mod=0;subscriber=0;user-type= :tmi.twitch.tv USERSTATE #twitchdev',
      '@emote-only=0;followers-only=-1;r9k=0;room-id=141981764;slow=0;subs-only=0 :tmi.twitch.tv ROOMSTATE #twitchdev',
    ]);
    expect(client.frames.length).toBe(before + 1);
    expect(server().connections('mybot')[0]?.channels).toEqual(['twitchdev']);
  });

  it('joins every channel of a comma JOIN and lists existing users in a first 353', async () => {
    const other = track(await RawClient.login(server().url, 'otherbot', 'other'));
    other.send('JOIN #a');
    await other.waitFor((line) => line.includes('ROOMSTATE #a'));
    const client = track(await RawClient.login(server().url, 'mybot', 'secret'));
    client.send('JOIN #a,#b,#c');
    await client.waitFor((line) => line.includes('ROOMSTATE #c'));
    expect(client.lines).toContain(':mybot.tmi.twitch.tv 353 mybot = #a :otherbot');
    expect(server().connections('mybot')[0]?.channels).toEqual(['a', 'b', 'c']);
    // otherbot has membership, so it sees mybot's JOIN.
    await other.waitFor((line) => line === ':mybot!mybot@mybot.tmi.twitch.tv JOIN #a');
  });

  it('sends other users JOIN/PART only with membership, and always the own echo', async () => {
    const watcher = track(await RawClient.login(server().url, 'otherbot', 'other', 'twitch.tv/commands twitch.tv/tags'));
    watcher.send('JOIN #room');
    await watcher.waitFor((line) => line.includes('ROOMSTATE #room'));
    const client = track(await RawClient.login(server().url, 'mybot', 'secret', ''));
    client.send('JOIN #room');
    await client.waitFor((line) => line.endsWith('JOIN #room'));
    client.send('PART #room');
    expect(await client.next((line) => line.includes('PART'))).toBe(':mybot!mybot@mybot.tmi.twitch.tv PART #room');
    await watcher.quiet(50);
    expect(watcher.lines.some((line) => line.startsWith(':mybot!'))).toBe(false);
    // Without commands there is no USERSTATE/ROOMSTATE.
    expect(client.lines.some((line) => line.includes('STATE'))).toBe(false);
    expect(server().connections('mybot')[0]?.channels).toEqual([]);
  });

  it('keeps silent for a nonexistent channel', async () => {
    server().setChannelState('ghosttown', { nonexistent: true });
    const client = track(await RawClient.login(server().url, 'mybot', 'secret'));
    const join = server().waitFor('join');
    client.send('JOIN #ghosttown');
    expect(await join).toMatchObject({ channel: 'ghosttown', outcome: 'nonexistent' });
    await client.quiet(50);
    expect(client.lines.at(-1)).toContain('GLOBALUSERSTATE');
  });

  it('answers suspended with msg_channel_suspended and banned with msg_banned, without an echo', async () => {
    server().setChannelState('dead', { suspended: true });
    server().setChannelState('forsen', { banned: true });
    const client = track(await RawClient.login(server().url, 'mybot', 'secret'));
    client.send('JOIN #dead,#forsen');
    expect(await client.next((line) => line.includes('NOTICE #dead'))).toBe(
      '@msg-id=msg_channel_suspended :tmi.twitch.tv NOTICE #dead :This channel does not exist or has been suspended.',
    );
    expect(await client.waitFor((line) => line.includes('NOTICE #forsen'))).toBe(
      '@msg-id=msg_banned :tmi.twitch.tv NOTICE #forsen :You are permanently banned from talking in forsen.',
    );
    expect(client.lines.some((line) => line.includes(' JOIN '))).toBe(false);
  });

  it('removes a joined account banned later with a CLEARCHAT and its own PART', async () => {
    const client = track(await RawClient.login(server().url, 'mybot', 'secret'));
    client.send('JOIN #strict');
    await client.waitFor((line) => line.includes('ROOMSTATE #strict'));
    server().setChannelState('strict', { banned: true });
    await client.waitFor((line) => line.endsWith('PART #strict'));
    expect(client.lines.slice(-2)[0]).toMatch(/^@room-id=\d+;target-user-id=\d+;tmi-sent-ts=\d+ :tmi\.twitch\.tv CLEARCHAT #strict :mybot$/);
    expect(server().connections('mybot')[0]?.channels).toEqual([]);
  });

  it('announces mode changes with a partial ROOMSTATE', async () => {
    const client = track(await RawClient.login(server().url, 'mybot', 'secret'));
    client.send('JOIN #twitchdev');
    await client.waitFor((line) => line.includes('ROOMSTATE'));
    server().setChannelState('twitchdev', { slowMode: 5 });
    expect(await client.next((line) => line.includes('ROOMSTATE'))).toBe('@room-id=141981764;slow=5 :tmi.twitch.tv ROOMSTATE #twitchdev');
    server().setChannelState('twitchdev', { emoteOnly: true, subsOnly: true, followersOnly: 10 });
    expect(await client.next((line) => line.includes('ROOMSTATE'))).toBe(
      '@emote-only=1;followers-only=10;room-id=141981764;subs-only=1 :tmi.twitch.tv ROOMSTATE #twitchdev',
    );
  });

  it('joins an uppercase channel into a ghost room that gets nothing from the real one', async () => {
    const client = track(await RawClient.login(server().url, 'mybot', 'secret'));
    const join = server().waitFor('join');
    client.send('JOIN #TwitchDev');
    await client.waitFor((line) => line.includes('ROOMSTATE #TwitchDev'));
    expect(await join).toMatchObject({ outcome: 'ghost' });
    expect(client.lines).toContain(':mybot!mybot@mybot.tmi.twitch.tv JOIN #TwitchDev');
    expect(tagsOf(client.lines.find((line) => line.includes('ROOMSTATE')) ?? '').get('room-id')).not.toBe('141981764');
    expect(server().chat('twitchdev', { login: 'viewer', text: 'hi' }).deliveredTo).toBe(0);
    await client.quiet(50);
    expect(client.lines.some((line) => line.includes('PRIVMSG'))).toBe(false);
  });

  it('gives a moderator moderator badges and re-sends USERSTATE when the role changes', async () => {
    const client = track(await RawClient.login(server().url, 'mybot', 'secret'));
    client.send('JOIN #twitchdev');
    await client.waitFor((line) => line.includes('ROOMSTATE'));
    server().setModerator('twitchdev', 'mybot', true);
    const userstate = await client.next((line) => line.includes('USERSTATE'));
    expect(userstate).toBe(
      '@badge-info=;badges=moderator/1;color=#8A2BE2;display-name=mybot;emote-sets=0,300374282;mod=1;subscriber=0;user-type=mod :tmi.twitch.tv USERSTATE #twitchdev',
    );
    server().setVip('twitchdev', 'mybot', true);
    server().setModerator('twitchdev', 'mybot', false);
    expect(tagsOf(await client.next((line) => line.includes('USERSTATE') && line.includes('vip/1'))).get('mod')).toBe('0');
    client.send('JOIN #mybot');
    expect(tagsOf(await client.next((line) => line.includes('USERSTATE #mybot'))).get('badges')).toBe('broadcaster/1');
    expect(() => server().setModerator('x', 'nobody', true)).toThrow(/no account "nobody"/);
    expect(() => server().setChannelState('not a channel', { slowMode: 1 })).toThrow(/is not a channel name/);
  });

  it('treats every channel as existing unless autoCreateChannels is off', async () => {
    const { MockTwitchServer } = await import('../src/index.js');
    const strict = new MockTwitchServer({ autoCreateChannels: false, accounts: [{ login: 'mybot', token: 'secret' }], channels: { known: {} } });
    await strict.start();
    try {
      const client = track(await RawClient.login(strict.url, 'mybot', 'secret'));
      client.send('JOIN #unknown,#known');
      await client.waitFor((line) => line.includes('ROOMSTATE #known'));
      expect(client.lines.some((line) => line.includes('#unknown'))).toBe(false);
    } finally {
      await strict.stop();
    }
  });
});
