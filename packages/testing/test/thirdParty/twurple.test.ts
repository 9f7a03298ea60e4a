import { StaticAuthProvider } from '@twurple/auth';
import { ChatClient } from '@twurple/chat';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useMockTwitchServer } from '../../src/vitest/index.js';
import { RawClient } from '../helpers/RawClient.js';
import { loopbackOnly } from '../helpers/loopbackOnly.js';
import { trackClients } from '../helpers/setup.js';

const refused = loopbackOnly();
const server = useMockTwitchServer({
  accounts: [
    { login: 'mybot', token: 'secret', userId: '111' },
    { login: 'reader', token: 'reader' },
  ],
  channels: { chan: { roomId: '4242' } },
});
const track = trackClients();
const clients: ChatClient[] = [];
const silent = { minLevel: 'critical' as const, custom: () => {} };
const validations: string[] = [];

beforeEach(() => {
  // twurple validates a user token over HTTPS before it logs in to chat; that is Twitch's HTTP API, not chat, so
  // it is answered here and never leaves the process.
  vi.stubGlobal('fetch', async (url: string | URL, init?: { headers?: Record<string, string> }) => {
    validations.push(String(url));
    if (!String(url).startsWith('https://id.twitch.tv/oauth2/validate')) throw new Error(`unexpected fetch ${String(url)}`);
    const token = (init?.headers?.['Authorization'] ?? '').replace(/^OAuth /, '');
    return new Response(JSON.stringify({ client_id: 'mockclient', login: 'mybot', user_id: '111', scopes: ['chat:read', 'chat:edit'], expires_in: token === '' ? 0 : 3600 }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  });
});
afterEach(() => {
  for (const client of clients.splice(0)) client.quit();
  vi.unstubAllGlobals();
});

function makeClient(token?: string): ChatClient {
  const client = new ChatClient({
    ...(token === undefined ? {} : { authProvider: new StaticAuthProvider('mockclient', token, ['chat:read', 'chat:edit']) }),
    // twurple builds ws://<hostName>:80 for ssl: false; a path after the port keeps the URL on the mock's port.
    hostName: `127.0.0.1:${server().port}/`,
    ssl: false,
    channels: ['chan'],
    logger: silent,
  });
  clients.push(client);
  return client;
}

const joinedChannel = (client: ChatClient): Promise<string> => new Promise((resolve) => client.onJoin((channel) => resolve(channel)));

describe('@twurple/chat against the mock', () => {
  it('joins anonymously (confirmed by the full ROOMSTATE) and parses injected PRIVMSG, USERNOTICE and CLEARCHAT', async () => {
    const client = makeClient();
    const joined = joinedChannel(client);
    client.connect();
    expect(await joined).toBe('chan');

    const message = new Promise<Parameters<Parameters<ChatClient['onMessage']>[0]>>((resolve) => client.onMessage((...args) => resolve(args)));
    const injected = server().chat('chan', {
      login: 'ronni',
      displayName: 'Ronni',
      text: 'Kappa 👉 Keepo',
      badges: 'moderator/1,subscriber/12',
      emotes: '25:0-4/1902:8-12',
      userId: '87654321',
    });
    const [channel, user, text, msg] = await message;
    expect({ channel, user, text, id: msg.id, channelId: msg.channelId, userId: msg.userInfo.userId, mod: msg.userInfo.isMod }).toEqual({
      channel: 'chan',
      user: 'ronni',
      text: 'Kappa 👉 Keepo',
      id: injected.id,
      channelId: '4242',
      userId: '87654321',
      mod: true,
    });
    expect(Object.fromEntries(msg.emoteOffsets)).toEqual({ '25': ['0-4'], '1902': ['8-12'] });

    const resub = new Promise<[string, number]>((resolve) => client.onResub((_channel, resubUser, info) => resolve([resubUser, info.months])));
    server().usernotice('chan', { msgId: 'resub', login: 'gutrin', params: { 'cumulative-months': '6', 'sub-plan': '1000' } });
    expect(await resub).toEqual(['gutrin', 6]);

    const timeout = new Promise<[string, number]>((resolve) => client.onTimeout((_channel, timedOut, duration) => resolve([timedOut, duration])));
    server().clearchat('chan', { login: 'ronni', durationSeconds: 350 });
    expect(await timeout).toEqual(['ronni', 350]);
  });

  it('logs in with a token and sends messages that another connection receives', async () => {
    const reader = track(await RawClient.login(server().url, 'reader', 'reader'));
    reader.send('JOIN #chan');
    await reader.waitFor((line) => line.includes('ROOMSTATE'));
    const client = makeClient('secret');
    const joined = joinedChannel(client);
    client.connect();
    await joined;
    await client.say('chan', 'hello from twurple');
    expect(await reader.waitFor((line) => line.endsWith('PRIVMSG #chan :hello from twurple'))).toContain(':mybot!mybot@mybot.tmi.twitch.tv');
  });

  it('gets the authentication-failure notice for a bad token', async () => {
    const client = makeClient('wrong');
    const failure = new Promise<string>((resolve) => client.onAuthenticationFailure((text) => resolve(text)));
    client.connect();
    expect(await failure).toBe('Login authentication failed');
  });

  it('reconnects and rejoins after RECONNECT', async () => {
    const client = makeClient();
    const joined = joinedChannel(client);
    client.connect();
    await joined;
    const rejoined = joinedChannel(client);
    const secondLogin = server().waitFor('login', (event) => event.anonymous && event.outcome === 'success', { timeoutMs: 15_000 });
    const disconnected = new Promise<boolean>((resolve) => client.onDisconnect((manually) => resolve(manually)));
    // twurple 8 parses RECONNECT but acts on the close that follows it, then reconnects on its own.
    server().reconnect(undefined, { graceMs: 100 });
    expect(await disconnected).toBe(false);
    await secondLogin;
    expect(await rejoined).toBe('chan');
    expect(refused).toEqual([]);
    expect(validations.every((url) => url.startsWith('https://id.twitch.tv/oauth2/validate'))).toBe(true);
  });
});
