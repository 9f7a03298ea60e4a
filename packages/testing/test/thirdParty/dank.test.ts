import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import type * as Dank from 'dank-twitch-irc';
import { WebSocket, createWebSocketStream } from 'ws';
import { useMockTwitchServer } from '../../src/vitest/index.js';
import { RawClient } from '../helpers/RawClient.js';
import { loopbackOnly } from '../helpers/loopbackOnly.js';
import { trackClients } from '../helpers/setup.js';

// dank-twitch-irc is CommonJS; it is used exactly as published, with its default mixins.
const dank = createRequire(import.meta.url)('dank-twitch-irc') as typeof Dank;

const refused = loopbackOnly();
const server = useMockTwitchServer({
  accounts: [
    { login: 'mybot', token: 'secret' },
    { login: 'reader', token: 'reader' },
  ],
  channels: { chan: { roomId: '4242' } },
});
const track = trackClients();
const clients: Dank.ChatClient[] = [];

function makeClient(password = 'oauth:secret'): Dank.ChatClient {
  const client = new dank.ChatClient({
    username: 'mybot',
    password,
    // dank's own `websocket` transport cannot connect on Node >= 20 (its simple-websocket@9 passes `objectMode` into
    // http.request, which Node rejects, whatever the server). Its documented `duplex` transport carries the same
    // byte stream over a ws WebSocket; everything above the socket is dank's unmodified code.
    connection: { type: 'duplex', stream: () => createWebSocketStream(new WebSocket(server().url), { decodeStrings: false }) },
  });
  client.on('error', () => {});
  clients.push(client);
  return client;
}

const next = <T>(client: Dank.ChatClient, event: string): Promise<T> =>
  new Promise((resolve) => client.once(event as 'PRIVMSG', (message: unknown) => resolve(message as T)));

afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});

describe('dank-twitch-irc against the mock', () => {
  it('logs in, joins, and parses injected PRIVMSG, USERNOTICE and CLEARCHAT', async () => {
    const client = makeClient();
    await client.connect();
    await client.join('chan');
    expect([...client.joinedChannels]).toEqual(['chan']);

    const privmsg = next<Dank.PrivmsgMessage>(client, 'PRIVMSG');
    const injected = server().chat('chan', {
      login: 'ronni',
      displayName: 'Ronni',
      text: 'Kappa 👉 Keepo',
      badges: 'moderator/1,subscriber/12',
      badgeInfo: 'subscriber/14',
      emotes: '25:0-4/1902:8-12',
      color: '#1E90FF',
      userId: '87654321',
    });
    const message = await privmsg;
    expect({
      id: message.messageID,
      text: message.messageText,
      login: message.senderUsername,
      displayName: message.displayName,
      userId: message.senderUserID,
      channelId: message.channelID,
      mod: message.isMod,
      emotes: message.emotes.map((emote) => [emote.id, emote.code]),
      badges: message.badges.map((badge) => badge.toString()),
      months: message.badgeInfo.map((badge) => badge.toString()),
      color: message.colorRaw,
    }).toEqual({
      id: injected.id,
      text: 'Kappa 👉 Keepo',
      login: 'ronni',
      displayName: 'Ronni',
      userId: '87654321',
      channelId: '4242',
      mod: true,
      emotes: [
        ['25', 'Kappa'],
        ['1902', 'Keepo'],
      ],
      badges: ['moderator/1', 'subscriber/12'],
      months: ['subscriber/14'],
      color: '#1E90FF',
    });

    const usernotice = next<Dank.UsernoticeMessage>(client, 'USERNOTICE');
    server().usernotice('chan', { msgId: 'resub', login: 'gutrin', text: 'xqcL', params: { 'cumulative-months': '2', 'sub-plan': '1000' } });
    const notice = await usernotice;
    expect({ type: notice.messageTypeID, months: notice.eventParams['cumulativeMonths'], text: notice.messageText, isResub: notice.isResub() }).toEqual({
      type: 'resub',
      months: 2,
      text: 'xqcL',
      isResub: true,
    });

    const clearchat = next<Dank.ClearchatMessage>(client, 'CLEARCHAT');
    server().clearchat('chan', { login: 'ronni', durationSeconds: 350 });
    const timeout = await clearchat;
    expect({ user: timeout.targetUsername, timeout: timeout.isTimeout(), duration: timeout.banDuration }).toEqual({ user: 'ronni', timeout: true, duration: 350 });
  });

  it('sends messages (from a connection not joined to the channel) that other connections receive', async () => {
    const reader = track(await RawClient.login(server().url, 'reader', 'reader'));
    reader.send('JOIN #chan');
    await reader.waitFor((line) => line.includes('ROOMSTATE'));
    const client = makeClient();
    await client.connect();
    await client.join('chan');
    const echo = next<Dank.PrivmsgMessage>(client, 'PRIVMSG');
    // say() resolves on the USERSTATE that carries the message id.
    await client.say('chan', 'hello from dank');
    await reader.waitFor((line) => line.endsWith('PRIVMSG #chan :hello from dank'));
    // dank sends from a connection that is not joined; its reading connection gets the own message (§3.2).
    expect((await echo).messageText).toBe('hello from dank');
    expect(server().stats().accounts['mybot']?.logins.length).toBeGreaterThanOrEqual(2);
  });

  it('reports a rejected message as a SayError carrying the NOTICE', async () => {
    server().setChannelState('chan', { subsOnly: true });
    const client = makeClient();
    await client.connect();
    await expect(client.say('chan', 'hello')).rejects.toThrow(/subscribers only mode/);
  });

  it('gets the authentication-failure notice for a bad token', async () => {
    const client = makeClient('oauth:wrong');
    // dank reports a failed login as an `error` event (a LoginError) rather than rejecting connect().
    const failure = new Promise<Error>((resolve) => client.once('error', resolve));
    void client.connect();
    const error = await failure;
    client.close();
    expect(error.constructor.name).toBe('LoginError');
    expect(error.message).toMatch(/Login authentication failed/);
  });

  it('reconnects and rejoins after RECONNECT', async () => {
    const client = makeClient();
    await client.connect();
    await client.join('chan');
    const reconnected = next(client, 'reconnect');
    const rejoined = server().waitFor('join', (event) => event.channel === 'chan');
    server().reconnect('mybot', { graceMs: 5_000 });
    await reconnected;
    expect(await rejoined).toMatchObject({ outcome: 'joined', login: 'mybot' });
    expect(refused).toEqual([]);
  });
});
