import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { useMockTwitchServer } from '../../src/vitest/index.js';
import { RawClient } from '../helpers/RawClient.js';
import { loopbackOnly } from '../helpers/loopbackOnly.js';
import { trackClients } from '../helpers/setup.js';

// tmi.js is CommonJS without types; it is used exactly as published.
const tmi = createRequire(import.meta.url)('tmi.js') as { Client: new (options: object) => TmiClient };

interface TmiClient {
  connect(): Promise<[string, number]>;
  disconnect(): Promise<unknown>;
  say(channel: string, message: string): Promise<unknown>;
  on(event: string, listener: (...args: any[]) => void): void;
  once(event: string, listener: (...args: any[]) => void): void;
  readyState(): string;
  getChannels(): string[];
}

const silent = { info() {}, warn() {}, error() {}, setLevel() {}, getLevel() {} };
const refused = loopbackOnly();
const server = useMockTwitchServer({
  accounts: [
    { login: 'mybot', token: 'secret' },
    { login: 'reader', token: 'reader' },
  ],
  channels: { chan: { roomId: '4242' } },
});
const track = trackClients();
const clients: TmiClient[] = [];

function makeClient(password: string, extra: object = {}): TmiClient {
  const client = new tmi.Client({
    options: { debug: false, skipUpdatingEmotesets: true, joinInterval: 300 },
    logger: silent,
    connection: { server: '127.0.0.1', port: server().port, secure: false, reconnect: false, ...extra },
    identity: { username: 'mybot', password },
    channels: ['chan'],
  });
  clients.push(client);
  return client;
}

const once = <T extends unknown[]>(client: TmiClient, event: string): Promise<T> =>
  new Promise((resolve) => client.once(event, (...args: unknown[]) => resolve(args as T)));

afterEach(async () => {
  for (const client of clients.splice(0)) {
    if (client.readyState() === 'OPEN') await client.disconnect().catch(() => undefined);
  }
});

describe('tmi.js against the mock', () => {
  it('logs in, joins, and parses injected PRIVMSG, action, USERNOTICE and CLEARCHAT', async () => {
    const client = makeClient('oauth:secret');
    const joined = once<[string, string, boolean]>(client, 'join');
    const roomstate = once<[string, Record<string, unknown>]>(client, 'roomstate');
    await client.connect();
    expect((await joined).slice(0, 3)).toEqual(['#chan', 'mybot', true]);
    expect((await roomstate)[1]).toMatchObject({ 'room-id': '4242', slow: false, 'subs-only': false });

    const message = once<[string, Record<string, any>, string, boolean]>(client, 'message');
    const injected = server().chat('chan', {
      login: 'ronni',
      displayName: 'Ronni',
      text: 'Kappa 👉 Keepo',
      badges: 'subscriber/12',
      badgeInfo: 'subscriber/14',
      emotes: '25:0-4/1902:8-12',
      color: '#1E90FF',
    });
    const [channel, tags, text, self] = await message;
    expect({ channel, text, self }).toEqual({ channel: '#chan', text: 'Kappa 👉 Keepo', self: false });
    expect(tags).toMatchObject({
      id: injected.id,
      'display-name': 'Ronni',
      username: 'ronni',
      color: '#1E90FF',
      badges: { subscriber: '12' },
      'badge-info': { subscriber: '14' },
      emotes: { '25': ['0-4'], '1902': ['8-12'] },
      'room-id': '4242',
      'message-type': 'chat',
    });

    const action = once<[string, Record<string, any>, string]>(client, 'action');
    server().chat('chan', { login: 'ronni', text: 'waves', action: true });
    expect((await action)[2]).toBe('waves');

    const resub = once<[string, string, number, string, Record<string, any>]>(client, 'resub');
    server().usernotice('chan', { msgId: 'resub', login: 'gutrin', text: 'xqcL', params: { 'cumulative-months': '2', 'sub-plan': '1000' } });
    const [, username, , resubText, resubTags] = await resub;
    expect({ username, resubText, plan: resubTags['msg-param-sub-plan'] }).toEqual({ username: 'gutrin', resubText: 'xqcL', plan: '1000' });

    const timeout = once<[string, string, unknown, number]>(client, 'timeout');
    server().clearchat('chan', { login: 'ronni', durationSeconds: 350 });
    const [, timedOut, , duration] = await timeout;
    expect({ timedOut, duration: Number(duration) }).toEqual({ timedOut: 'ronni', duration: 350 });
    const ban = once<[string, string]>(client, 'ban');
    server().clearchat('chan', { login: 'ronni' });
    expect((await ban)[1]).toBe('ronni');
  });

  it('sends messages that another connection receives', async () => {
    const reader = track(await RawClient.login(server().url, 'reader', 'reader'));
    reader.send('JOIN #chan');
    await reader.waitFor((line) => line.includes('ROOMSTATE'));
    const client = makeClient('oauth:secret');
    const joined = once(client, 'join');
    await client.connect();
    await joined;
    await client.say('chan', 'hello from tmi.js');
    const line = await reader.waitFor((received) => received.includes('PRIVMSG #chan :hello from tmi.js'));
    expect(line).toContain(':mybot!mybot@mybot.tmi.twitch.tv PRIVMSG');
  });

  it('gets the authentication-failure notice for a bad token', async () => {
    const client = makeClient('oauth:wrong');
    await expect(client.connect()).rejects.toBe('Login authentication failed');
  });

  it('reconnects and rejoins after RECONNECT', async () => {
    const client = makeClient('oauth:secret', { reconnect: true, reconnectInterval: 50 });
    const joined = once(client, 'join');
    await client.connect();
    await joined;
    const secondLogin = server().waitFor('login', (event) => event.outcome === 'success');
    const rejoined = server().waitFor('join', (event) => event.outcome === 'joined');
    server().reconnect('mybot', { graceMs: 5_000 });
    expect(await secondLogin).toMatchObject({ login: 'mybot' });
    expect(await rejoined).toMatchObject({ channel: 'chan' });
    expect(server().stats().accounts['mybot']?.logins).toHaveLength(2);
    expect(refused).toEqual([]);
  });
});
