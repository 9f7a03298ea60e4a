import { afterEach, describe, expect, it } from 'vitest';
import { MockTwitchServer, type MockTwitchServerOptions, type PrivmsgEvent } from '../src/index.js';
import { RawClient, tagsOf } from './helpers/RawClient.js';
import { trackClients } from './helpers/setup.js';

// Sending without JOIN (twitch-protocol.md §3.2: it works) and whether it takes a room (§4.3: not stated, so an
// option), plus the room figures of stats().
const track = trackClients();
let server: MockTwitchServer | undefined;

afterEach(async () => {
  await server?.stop();
  server = undefined;
});

/** Message buckets wide enough that these tests never meet them: they are about rooms. */
const WIDE_MESSAGES = {
  privmsg: { count: 10_000, windowMs: 1_000 },
  privmsgModerator: { count: 10_000, windowMs: 1_000 },
  channelMessage: { count: 10_000, windowMs: 1_000 },
};

async function start(options: MockTwitchServerOptions = {}): Promise<MockTwitchServer> {
  server = new MockTwitchServer({
    accounts: [{ login: 'mybot', token: 'secret' }],
    pingIntervalMs: 0,
    ...options,
    limits: { ...WIDE_MESSAGES, ...options.limits },
  });
  await server.start();
  return server;
}

function range(count: number, prefix: string): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix}${index}`);
}

/** Sends one PRIVMSG per channel and waits for the mock's verdict on each. */
async function sendTo(client: RawClient, mock: MockTwitchServer, channels: readonly string[], text: string): Promise<PrivmsgEvent[]> {
  const events: PrivmsgEvent[] = [];
  const done = new Promise<void>((resolve) => {
    const listener = (event: PrivmsgEvent): void => {
      if (event.text !== text) return;
      events.push(event);
      if (events.length === channels.length) {
        mock.off('privmsg', listener);
        resolve();
      }
    };
    mock.on('privmsg', listener);
  });
  for (const channel of channels) client.send(`PRIVMSG #${channel} :${text}`);
  await done;
  return events;
}

async function joinAll(client: RawClient, mock: MockTwitchServer, channels: readonly string[]): Promise<void> {
  let left = channels.length;
  const done = new Promise<void>((resolve) => {
    const listener = (): void => {
      if (--left === 0) {
        mock.off('join', listener);
        resolve();
      }
    };
    mock.on('join', listener);
  });
  client.send(`JOIN ${channels.map((channel) => `#${channel}`).join(',')}`);
  await done;
}

describe("privmsgWithoutJoin: 'free' (default)", () => {
  it('delivers PRIVMSGs to 150 channels never joined, relays them to readers there, and takes no room', async () => {
    const mock = await start();
    const sender = track(await RawClient.login(mock.url, 'mybot', 'secret'));
    const reader = track(await RawClient.login(mock.url, 'justinfan777'));
    const channels = range(150, 'far');
    await joinAll(reader, mock, channels);

    const events = await sendTo(sender, mock, channels, 'hello without join');

    expect(events.map((event) => event.outcome)).toEqual(channels.map(() => 'delivered'));
    // The anonymous reader in each channel gets the message; the sender gets its USERSTATE with the id (§3.2).
    await reader.waitFor((line) => line.includes('PRIVMSG #far149 :hello without join'));
    expect(reader.lines.filter((line) => line.includes(':hello without join'))).toHaveLength(150);
    const userstate = await sender.waitFor((line) => line.includes('USERSTATE #far149'));
    expect(tagsOf(userstate).get('id')).toBe(events[149]?.id);
    const stats = mock.stats();
    expect(stats.accounts['mybot']).toMatchObject({ channels: [], rooms: [], peakRooms: 0 });
    expect(stats.messagesRelayed).toBe(150);
    expect(mock.violations()).toEqual([]);
  });

  it('lets an account at its room cap still send to other channels', async () => {
    const mock = await start({ limits: { rooms: 3 } });
    const sender = track(await RawClient.login(mock.url, 'mybot', 'secret'));
    await joinAll(sender, mock, ['a', 'b', 'c']);

    const [event] = await sendTo(sender, mock, ['d'], 'over the cap but not joined');

    expect(event?.outcome).toBe('delivered');
    expect(mock.stats().accounts['mybot']).toMatchObject({ rooms: ['a', 'b', 'c'], peakRooms: 3 });
    expect(mock.violations()).toEqual([]);
  });
});

describe("privmsgWithoutJoin: 'takesRoom'", () => {
  it('counts a send without JOIN as a room until PART, and refuses it with the room-cap NOTICE when full', async () => {
    const mock = await start({ privmsgWithoutJoin: 'takesRoom', limits: { rooms: 2 } });
    mock.addAccount({ login: 'mybot', token: 'secret', moderatorIn: ['modroom'] });
    const sender = track(await RawClient.login(mock.url, 'mybot', 'secret'));

    expect((await sendTo(sender, mock, ['a', 'b'], 'one')).map((event) => event.outcome)).toEqual(['delivered', 'delivered']);
    expect(mock.stats().accounts['mybot']).toMatchObject({ channels: [], rooms: ['a', 'b'], peakRooms: 2 });
    // The same room again, the broadcaster's own room and a moderator room take no further place.
    expect((await sendTo(sender, mock, ['a', 'mybot', 'modroom'], 'two')).map((event) => event.outcome)).toEqual([
      'delivered',
      'delivered',
      'delivered',
    ]);

    const [refused] = await sendTo(sender, mock, ['c'], 'three');
    expect(refused).toMatchObject({ outcome: 'rejected', reason: 'msg_concurrent_channel_limit_reached' });
    const notice = await sender.waitFor((line) => line.includes('NOTICE #c'));
    expect(tagsOf(notice).get('msg-id')).toBe('msg_concurrent_channel_limit_reached');
    expect(mock.violations()).toMatchObject([{ kind: 'rooms', account: 'mybot', detail: { limit: 2, channel: 'c' } }]);
    // A JOIN is refused the same way while the sends hold the rooms.
    const joinOutcome = mock.waitFor('join', (event) => event.channel === 'd');
    sender.send('JOIN #d');
    expect((await joinOutcome).outcome).toBe('roomLimit');

    // PART gives the room back; then the send goes through.
    sender.send('PART #a');
    const [accepted] = await sendTo(sender, mock, ['c'], 'four');
    expect(accepted?.outcome).toBe('delivered');
    expect(mock.stats().accounts['mybot']).toMatchObject({ rooms: ['b', 'c'], peakRooms: 2 });
  });

  it('frees the rooms a connection took by sending when it closes', async () => {
    const mock = await start({ privmsgWithoutJoin: 'takesRoom', limits: { rooms: 1 } });
    const first = track(await RawClient.login(mock.url, 'mybot', 'secret'));
    await sendTo(first, mock, ['a'], 'from the first connection');
    const second = track(await RawClient.login(mock.url, 'mybot', 'secret'));
    expect((await sendTo(second, mock, ['b'], 'refused'))[0]?.outcome).toBe('rejected');

    const gone = mock.waitFor('disconnect', (event) => event.login === 'mybot');
    first.close();
    await gone;
    expect((await sendTo(second, mock, ['b'], 'accepted'))[0]?.outcome).toBe('delivered');
    expect(mock.stats().accounts['mybot']).toMatchObject({ rooms: ['b'], peakRooms: 1 });
  });
});

describe('stats() room figures', () => {
  it('reports the rooms under the cap now and the peak, leaving moderator rooms out', async () => {
    const mock = await start();
    mock.addAccount({ login: 'mybot', token: 'secret', moderatorIn: ['modroom'] });
    const bot = track(await RawClient.login(mock.url, 'mybot', 'secret'));
    await joinAll(bot, mock, ['x', 'y', 'z', 'modroom']);
    const parted = mock.waitFor('part', (event) => event.channel === 'x');
    bot.send('PART #x');
    await parted;

    expect(mock.stats().accounts['mybot']).toMatchObject({
      channels: ['modroom', 'y', 'z'],
      rooms: ['y', 'z'],
      peakRooms: 3,
    });
    // Revoking the moderator role puts the room back under the cap, and the peak follows.
    mock.setModerator('modroom', 'mybot', false);
    expect(mock.stats().accounts['mybot']).toMatchObject({ rooms: ['modroom', 'y', 'z'], peakRooms: 3 });
    mock.setModerator('modroom', 'mybot', false);
    bot.send('JOIN #w');
    await mock.waitFor('join', (event) => event.channel === 'w');
    expect(mock.stats().accounts['mybot']?.peakRooms).toBe(4);
  });
});
