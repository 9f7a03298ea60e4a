import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MockTwitchServer, type MockTwitchServerOptions, type PrivmsgEvent } from '../src/index.js';
import { RawClient } from './helpers/RawClient.js';
import { trackClients } from './helpers/setup.js';

const track = trackClients();
const T0 = Date.parse('2026-01-01T00:00:00Z');
let server: MockTwitchServer;

async function start(options: MockTwitchServerOptions = {}): Promise<MockTwitchServer> {
  server = new MockTwitchServer({
    accounts: [
      { login: 'mybot', token: 'secret' },
      { login: 'other', token: 'other' },
      { login: 'bigbot', token: 'big', botLevel: 'verified' },
    ],
    ...options,
  });
  await server.start();
  return server;
}

const connect = async (login = 'mybot', token = 'secret'): Promise<RawClient> =>
  track(await RawClient.login(server.url, login, token));

/** Sends JOIN and waits until the mock handled every channel of it. */
async function join(client: RawClient, channels: readonly string[]): Promise<void> {
  let left = channels.length;
  const done = new Promise<void>((resolve) => {
    const listener = (): void => {
      if (--left === 0) {
        server.off('join', listener);
        resolve();
      }
    };
    server.on('join', listener);
  });
  client.send(`JOIN ${channels.map((channel) => `#${channel}`).join(',')}`);
  await done;
}

function say(client: RawClient, channel: string, text: string): Promise<PrivmsgEvent> {
  const handled = server.waitFor('privmsg', (event) => event.text === text);
  client.send(`PRIVMSG #${channel} :${text}`);
  return handled;
}

const range = (count: number, prefix: string): string[] => Array.from({ length: count }, (_, index) => `${prefix}${index}`);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: T0 });
});
afterEach(async () => {
  vi.useRealTimers();
  await server?.stop();
});

describe('JOIN limit (20 per 10 s per account)', () => {
  it('allows 20 JOINs across three connections of one login and records the 21st within 10 s, closing its connection', async () => {
    await start();
    const [a, b, c] = [await connect(), await connect(), await connect()] as [RawClient, RawClient, RawClient];
    await join(a, range(7, 'a'));
    vi.setSystemTime(T0 + 3_000);
    await join(b, range(7, 'b')); // a comma JOIN counts each channel
    vi.setSystemTime(T0 + 6_000);
    for (const channel of range(6, 'c')) await join(c, [channel]);
    expect(server.violations()).toEqual([]);
    vi.setSystemTime(T0 + 9_999);
    await join(a, ['one_too_many']);
    expect(server.violations()).toEqual([
      { kind: 'join', account: 'mybot', at: T0 + 9_999, connectionId: expect.any(String), detail: { limit: 20, windowMs: 10_000, channel: 'one_too_many' } },
    ]);
    await a.closed;
    expect(a.lines.some((line) => line.includes('one_too_many'))).toBe(false);
    expect(server.stats().accounts['mybot']?.joins).toHaveLength(21);
    // A different login has its own budget.
    const other = await connect('other', 'other');
    await join(other, range(20, 'o'));
    expect(server.violations()).toHaveLength(1);
  });

  it('counts each channel of one comma JOIN and stops at the 21st', async () => {
    await start();
    const a = await connect();
    await join(a, range(21, 'k'));
    await a.closed;
    expect(a.lines.filter((line) => / JOIN #k\d+$/.test(line))).toHaveLength(20);
    expect(server.violations()).toMatchObject([{ kind: 'join', detail: { channel: 'k20' } }]);
  });

  it('frees budget exactly when the oldest JOIN leaves the window', async () => {
    await start();
    const [a, b] = [await connect(), await connect()] as [RawClient, RawClient];
    await join(a, range(10, 'a'));
    vi.setSystemTime(T0 + 5_000);
    await join(b, range(10, 'b'));
    vi.setSystemTime(T0 + 10_000); // the 10 JOINs at T0 are now outside the window
    await join(b, range(10, 'c'));
    expect(server.violations()).toEqual([]);
    vi.setSystemTime(T0 + 14_999); // the 10 at T0+5000 still count
    await join(a, ['x']);
    expect(server.violations()).toMatchObject([{ kind: 'join', account: 'mybot', at: T0 + 14_999 }]);
  });

  it('uses 2000 per 10 s for verified accounts, and scaled windows with timeScale', async () => {
    await start({ timeScale: 0.001 });
    const big = await connect('bigbot', 'big');
    await join(big, range(60, 'v'));
    const small = await connect();
    await join(small, range(20, 's'));
    vi.setSystemTime(T0 + 9); // 10 s × 0.001 = 10 ms
    await join(small, ['over']);
    expect(server.violations()).toMatchObject([{ kind: 'join', account: 'mybot', detail: { windowMs: 10 } }]);
  });
});

describe('login limit (20 per 10 s per account)', () => {
  it('accepts 20 logins and closes the 21st without a welcome; failed attempts count', async () => {
    await start();
    const bad = track(await RawClient.connect(server.url));
    bad.send('PASS oauth:wrong\r\nNICK mybot');
    await bad.closed;
    for (let index = 0; index < 19; index++) await connect();
    expect(server.violations()).toEqual([]);
    const last = track(await RawClient.connect(server.url));
    last.send('PASS oauth:secret\r\nNICK mybot');
    await last.closed;
    expect(last.lines).toEqual([]);
    expect(server.violations()).toMatchObject([{ kind: 'login', account: 'mybot', detail: { limit: 20, windowMs: 10_000 } }]);
    await connect('other', 'other');
    vi.setSystemTime(T0 + 10_000);
    await connect();
    expect(server.violations()).toHaveLength(1);
  });

  it('takes configurable counts and windows', async () => {
    await start({ limits: { login: { count: 2, windowMs: 500 } } });
    await connect();
    vi.setSystemTime(T0 + 100);
    await connect();
    vi.setSystemTime(T0 + 499);
    const third = track(await RawClient.connect(server.url));
    third.send('PASS oauth:secret\r\nNICK mybot');
    await third.closed;
    expect(server.violations()).toMatchObject([{ kind: 'login', at: T0 + 499, detail: { limit: 2, windowMs: 500 } }]);
  });
});

describe('PRIVMSG buckets', () => {
  it('delivers 20 non-moderator messages per 30 s across connections and silently drops the 21st', async () => {
    await start({ limits: { privmsgPenaltyMs: 0 } });
    const [a, b] = [await connect(), await connect()] as [RawClient, RawClient];
    for (let index = 0; index < 20; index++) {
      vi.setSystemTime(T0 + index * 1_000);
      expect((await say(index % 2 === 0 ? a : b, `room${index % 3}`, `message ${index}`)).outcome).toBe('delivered');
    }
    vi.setSystemTime(T0 + 29_999);
    const dropped = await say(a, 'room9', 'message 20');
    expect(dropped).toMatchObject({ outcome: 'dropped', reason: 'rateLimit' });
    expect(server.violations()[0]).toMatchObject(
      { kind: 'privmsg', account: 'mybot', at: T0 + 29_999, detail: { bucket: 'user', limit: 20, windowMs: 30_000, channel: 'room9' } },
    );
    await a.quiet(30);
    expect(a.lines.some((line) => line.includes('NOTICE'))).toBe(false);
    // The other login is unaffected.
    const other = await connect('other', 'other');
    expect((await say(other, 'room9', 'not mine')).outcome).toBe('delivered');
    // Dropped messages still use the bucket (§4.1): at T0+30 s the window holds 19 delivered plus the dropped one.
    vi.setSystemTime(T0 + 30_000);
    expect((await say(b, 'room7', 'message 21a')).outcome).toBe('dropped');
    // At T0+32 s the messages of T0 and T0+1 s have left: 17 delivered + 2 dropped.
    vi.setSystemTime(T0 + 32_000);
    expect((await say(b, 'room8', 'message 21')).outcome).toBe('delivered');
  });

  it('lets moderator messages use the 100 bucket only, which non-moderator messages also fill', async () => {
    await start({ accounts: [{ login: 'mybot', token: 'secret', moderatorIn: ['modroom'] }] });
    const [a, b] = [await connect(), await connect()] as [RawClient, RawClient];
    for (let index = 0; index < 20; index++) {
      vi.setSystemTime(T0 + index * 10);
      expect((await say(a, `plain${index}`, `plain ${index}`)).outcome).toBe('delivered');
    }
    // 80 more in the moderated room, no 1 s limit there; the 20 bucket is full but moderators skip it.
    for (let index = 0; index < 80; index++) expect((await say(index < 40 ? a : b, 'modroom', `mod ${index}`)).outcome).toBe('delivered');
    expect(server.violations()).toEqual([]);
    const over = await say(b, 'modroom', 'mod 80');
    expect(over).toMatchObject({ outcome: 'dropped', reason: 'rateLimit' });
    expect(server.violations()).toMatchObject([{ kind: 'privmsg', detail: { bucket: 'moderator', limit: 100 } }]);
  });

  it('counts privileged messages in the 20 bucket: the non-privileged message that makes 21 is the violation, never earlier', async () => {
    await start({ accounts: [{ login: 'mybot', token: 'secret', moderatorIn: ['modroom'] }] });
    const [a, b] = [await connect(), await connect()] as [RawClient, RawClient];
    for (let index = 0; index < 15; index++) expect((await say(index % 2 === 0 ? a : b, 'modroom', `mod ${index}`)).outcome).toBe('delivered');
    for (let index = 0; index < 5; index++) {
      vi.setSystemTime(T0 + index * 10);
      expect((await say(b, `plain${index}`, `plain ${index}`)).outcome).toBe('delivered');
      expect(server.violations()).toEqual([]);
    }
    // The 20 bucket is full (15 privileged + 5), yet privileged messages may go on until the 100 bucket is full.
    for (let index = 15; index < 25; index++) expect((await say(a, 'modroom', `mod ${index}`)).outcome).toBe('delivered');
    expect(server.violations()).toEqual([]);
    vi.setSystemTime(T0 + 29_999);
    const over = await say(a, 'plain5', 'plain 5');
    expect(over).toMatchObject({ outcome: 'dropped', reason: 'rateLimit' });
    expect(server.violations()).toMatchObject([
      { kind: 'privmsg', account: 'mybot', at: T0 + 29_999, detail: { bucket: 'user', limit: 20, windowMs: 30_000, channel: 'plain5' } },
    ]);
  });

  it('ignores the account for the penalty time after a violation, except where it is privileged', async () => {
    await start({ accounts: [{ login: 'mybot', token: 'secret', vipIn: ['viproom'] }], limits: { privmsg: { count: 2, windowMs: 1_000 }, privmsgPenaltyMs: 5_000 } });
    const a = await connect();
    await say(a, 'x1', 'one');
    await say(a, 'x2', 'two');
    expect((await say(a, 'x3', 'three')).reason).toBe('rateLimit');
    // (The VIP message adds to the small bucket too, §4.1, so it goes before x4 and has left the window by 5 s.)
    vi.setSystemTime(T0 + 3_000);
    expect((await say(a, 'viproom', 'vip still works')).outcome).toBe('delivered');
    vi.setSystemTime(T0 + 4_999);
    expect((await say(a, 'x4', 'four')).reason).toBe('penalty');
    vi.setSystemTime(T0 + 5_000);
    expect((await say(a, 'x5', 'five')).outcome).toBe('delivered');
    expect(server.violations()).toHaveLength(1);
  });
});

describe('concurrent room cap (100 non-moderator rooms per account)', () => {
  it('rejects the 101st room across connections with msg_concurrent_channel_limit_reached; mod rooms and other logins are exempt', async () => {
    await start({ limits: { join: { count: 10_000, windowMs: 10_000 } }, accounts: [{ login: 'mybot', token: 'secret', moderatorIn: ['modroom'] }, { login: 'other', token: 'other' }] });
    const [a, b, c] = [await connect(), await connect(), await connect()] as [RawClient, RawClient, RawClient];
    await join(a, range(40, 'r'));
    await join(b, range(40, 's'));
    await join(c, [...range(20, 't'), 'r0', 'mybot']); // r0 is already counted; the own channel is exempt
    expect(server.violations()).toEqual([]);
    await join(c, ['modroom']);
    expect(server.connections('mybot').flatMap((info) => info.channels)).toContain('modroom');
    await join(a, ['r100']);
    expect(await a.waitFor((line) => line.includes('NOTICE #r100'))).toBe(
      '@msg-id=msg_concurrent_channel_limit_reached :tmi.twitch.tv NOTICE #r100 :You are connected to too many chat channels. Please close some existing chat connections to join a new chat.',
    );
    expect(server.violations()).toMatchObject([{ kind: 'rooms', account: 'mybot', detail: { limit: 100, channel: 'r100' } }]);
    expect(a.socket.readyState).toBe(a.socket.OPEN);
    // Leaving a room frees a slot (r0 is also joined on c, so leaving it on a alone would not).
    a.send('PART #r1');
    await a.waitFor((line) => line.endsWith('PART #r1'));
    await join(a, ['r101']);
    expect(server.violations()).toHaveLength(1);
    const other = await connect('other', 'other');
    await join(other, range(100, 'r'));
    expect(server.violations()).toHaveLength(1);
  });

  it('lets anonymous connections hold 120 rooms and make 45 JOINs in 10 s', async () => {
    await start();
    const anonymous = track(await RawClient.login(server.url, 'justinfan4242'));
    await join(anonymous, range(45, 'q'));
    await join(anonymous, range(75, 'w'));
    expect(server.violations()).toEqual([]);
    expect(server.connections('justinfan4242')[0]?.channels).toHaveLength(120);
  });

  it('applies the optional anonymous JOIN limit shared by all anonymous connections', async () => {
    await start({ limits: { anonymousJoin: { count: 3, windowMs: 1_000 } } });
    const first = track(await RawClient.login(server.url, 'justinfan1'));
    const second = track(await RawClient.login(server.url, 'justinfan2'));
    await join(first, ['a', 'b']);
    await join(second, ['c']);
    await join(second, ['d']);
    await second.closed;
    expect(server.violations()).toMatchObject([{ kind: 'anonymousJoin', account: 'justinfan2', detail: { limit: 3 } }]);
  });
});
