import { describe, expect, it } from 'vitest';
import { useMockTwitchServer } from '../src/vitest/index.js';
import { AllCapabilities, RawClient, tagsOf } from './helpers/RawClient.js';
import { trackClients } from './helpers/setup.js';

const server = useMockTwitchServer({
  accounts: [{ login: 'mybot', token: 'secret', userId: '12345678', color: '#FF4500', displayName: 'MyBot' }],
});
const track = trackClients();

describe('login', () => {
  it('binds 127.0.0.1 and exposes its url', () => {
    expect(server().url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    expect(server().port).toBeGreaterThan(0);
  });

  it('answers CAP REQ with ACK listing the same capabilities, then the welcome block and GLOBALUSERSTATE', async () => {
    const client = track(await RawClient.connect(server().url));
    client.send(`CAP REQ :${AllCapabilities}`);
    client.send('PASS oauth:secret');
    client.send('NICK mybot');
    await client.waitFor((line) => line.includes('GLOBALUSERSTATE'));
    expect(client.lines).toEqual([
      `:tmi.twitch.tv CAP * ACK :${AllCapabilities}`,
      ':tmi.twitch.tv 001 mybot :Welcome, GLHF!',
      ':tmi.twitch.tv 002 mybot :Your host is tmi.twitch.tv',
      ':tmi.twitch.tv 003 mybot :This server is rather new',
      ':tmi.twitch.tv 004 mybot :-',
      ':tmi.twitch.tv 375 mybot :-',
      ':tmi.twitch.tv 372 mybot :You are in a maze of twisty passages, all alike.',
      ':tmi.twitch.tv 376 mybot :>',
      '@badge-info=;badges=;color=#FF4500;display-name=MyBot;emote-sets=0,300374282;user-id=12345678;user-type= :tmi.twitch.tv GLOBALUSERSTATE',
    ]);
    // The whole login answer is one frame of CRLF-terminated lines (§1.2).
    expect(client.frames[1]).toMatch(/^:tmi\.twitch\.tv 001 [\s\S]*GLOBALUSERSTATE\r\n$/);
  });

  it('NAKs an unsupported capability', async () => {
    const client = track(await RawClient.connect(server().url));
    client.send('CAP REQ :twitch.tv/foo');
    expect(await client.waitFor((line) => line.includes('CAP'))).toBe(':tmi.twitch.tv CAP * NAK :twitch.tv/foo');
  });

  it('sends no GLOBALUSERSTATE without commands, and no tags without tags', async () => {
    const bare = track(await RawClient.login(server().url, 'mybot', 'secret', ''));
    const commandsOnly = track(await RawClient.login(server().url, 'mybot', 'secret', 'twitch.tv/commands'));
    await bare.quiet(50);
    expect(bare.lines.some((line) => line.includes('GLOBALUSERSTATE'))).toBe(false);
    const global = await commandsOnly.waitFor((line) => line.includes('GLOBALUSERSTATE'));
    expect(global).toBe(':tmi.twitch.tv GLOBALUSERSTATE');
  });

  it('rejects a wrong token with Login authentication failed and closes the socket', async () => {
    const client = track(await RawClient.connect(server().url));
    client.send('PASS oauth:wrong\r\nNICK mybot\r\n');
    const closed = await client.closed;
    expect(client.lines).toEqual([':tmi.twitch.tv NOTICE * :Login authentication failed']);
    expect(closed.code).toBe(1000);
    expect(server().stats().accounts['mybot']?.logins).toHaveLength(1);
  });

  it('rejects an unknown login like a wrong token', async () => {
    const client = track(await RawClient.connect(server().url));
    const failure = server().waitFor('login');
    client.send('PASS oauth:secret\r\nNICK somebodyelse');
    await client.closed;
    expect(client.lines).toEqual([':tmi.twitch.tv NOTICE * :Login authentication failed']);
    expect(await failure).toMatchObject({ login: 'somebodyelse', outcome: 'authFailed' });
  });

  it.each([
    ['a PASS without the oauth: prefix', 'PASS secret\r\nNICK mybot'],
    ['NICK before PASS', 'NICK mybot\r\nPASS oauth:secret'],
  ])('answers %s with Improperly formatted auth and closes', async (_name, frame) => {
    const client = track(await RawClient.connect(server().url));
    client.send(frame);
    await client.closed;
    expect(client.lines).toEqual([':tmi.twitch.tv NOTICE * :Improperly formatted auth']);
  });

  it('logs justinfan in anonymously with any PASS or none', async () => {
    const withPass = track(await RawClient.connect(server().url));
    withPass.send(`CAP REQ :${AllCapabilities}\r\nPASS SCHMOOPIIE\r\nNICK justinfan12345`);
    expect(await withPass.waitFor((line) => line.includes(' 001 '))).toBe(':tmi.twitch.tv 001 justinfan12345 :Welcome, GLHF!');
    const withoutPass = track(await RawClient.login(server().url, 'justinfan999'));
    expect(withoutPass.lines).toContain(':tmi.twitch.tv 376 justinfan999 :>');
    expect(server().connections('justinfan999')[0]).toMatchObject({ anonymous: true, loggedIn: true });
  });

  it('handles commands sent before the login answer, lines without CRLF and several lines per frame', async () => {
    const client = track(await RawClient.connect(server().url));
    // JOIN before NICK, all in one frame without a final CRLF, as twitch-irc-rs pipelines it.
    client.send(`CAP REQ :${AllCapabilities}\r\nPASS oauth:secret\r\nJOIN #early\r\nNICK mybot`);
    const join = await client.waitFor((line) => line.endsWith('JOIN #early'));
    expect(join).toBe(':mybot!mybot@mybot.tmi.twitch.tv JOIN #early');
    expect(client.lines.findIndex((line) => line.includes(' 376 '))).toBeLessThan(client.lines.indexOf(join));
    client.send('JOIN #late\n');
    await client.waitFor((line) => line.endsWith('JOIN #late'));
  });

  it('answers an unknown command with 421 and a second NICK by closing', async () => {
    const client = track(await RawClient.login(server().url, 'mybot', 'secret'));
    client.send('WHO #foo');
    expect(await client.next((line) => line.includes('421'))).toBe(':tmi.twitch.tv 421 mybot WHO :Unknown command');
    client.send('USER mybot\r\nMODE mybot');
    await client.quiet(50);
    expect(client.lines.filter((line) => line.includes('421'))).toHaveLength(1);
    client.send('NICK other');
    await client.closed;
  });

  it('emits login events and keeps GLOBALUSERSTATE tags off without the tags capability', async () => {
    const login = server().waitFor('login', (event) => event.outcome === 'success');
    const client = track(await RawClient.login(server().url, 'mybot', 'secret', 'twitch.tv/commands'));
    expect(await login).toMatchObject({ login: 'mybot', anonymous: false });
    expect(tagsOf(await client.waitFor((line) => line.includes('GLOBALUSERSTATE'))).size).toBe(0);
  });
});
