import type { UserStateMessage } from '@tio/core';
import type { MockTwitchServer } from '@tio/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOGIN, createHarness, createLimiter, eventsNamed, startServer, waitUntil, type Harness } from './helpers.js';

let server: MockTwitchServer;
const harnesses: Harness[] = [];

function harness(options: Omit<Parameters<typeof createHarness>[0], 'url'> = {}): Harness {
  const created = createHarness({ url: server.url, ...options });
  harnesses.push(created);
  return created;
}

beforeEach(async () => {
  server = await startServer({
    channels: {
      suspendedchan: { suspended: true },
      bannedchan: { banned: true },
      ghostchan: { nonexistent: true },
    },
  });
});

afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((created) => created.transport.stop()));
  await server.stop();
});

describe('IrcWsTransport joins', () => {
  it('confirms joins by the JOIN echo and reports each outcome', async () => {
    const { transport, events } = harness({ options: { joinTimeoutMs: 300 } });
    await transport.start();
    const results = await transport.addChannels(['alpha', 'suspendedchan', 'bannedchan', 'ghostchan', 'beta']);
    expect(results).toEqual([
      { channel: 'alpha', joined: true },
      { channel: 'suspendedchan', joined: false, reason: 'suspended' },
      { channel: 'bannedchan', joined: false, reason: 'banned' },
      { channel: 'ghostchan', joined: false, reason: 'timeout' },
      { channel: 'beta', joined: true },
    ]);
    expect([...transport.joinedChannels].sort()).toEqual(['alpha', 'beta']);
    expect([...transport.desiredChannels].sort()).toEqual(['alpha', 'beta']);
    expect(eventsNamed(events, 'join').map((event) => event[1]).sort()).toEqual(['alpha', 'beta']);
    expect(eventsNamed(events, 'joinFailure').map((event) => [event[1], event[2]])).toEqual(
      expect.arrayContaining([
        ['suspendedchan', 'suspended'],
        ['bannedchan', 'banned'],
        ['ghostchan', 'timeout'],
      ]),
    );
    expect(server.stats().violations).toEqual([]);
  });

  it('settles a pending join from the NOTICE that names its channel', async () => {
    const { transport } = harness({ options: { joinTimeoutMs: 5_000 } });
    await transport.start();
    const pending = transport.addChannels(['ghostchan']);
    await waitUntil(() => server.receivedLines(LOGIN).some((line) => line.includes('JOIN #ghostchan')), 2_000, 'JOIN');
    server.send('@msg-id=msg_room_not_found :tmi.twitch.tv NOTICE #ghostchan :The room was not found.', LOGIN);
    expect(await pending).toEqual([{ channel: 'ghostchan', joined: false, reason: 'nonexistent' }]);
  });

  it('retries a JOIN that timed out instead of dropping the channel (a lost JOIN is not definitive)', async () => {
    const { transport, events } = harness({ options: { joinTimeoutMs: 150 } });
    await transport.start();
    const pending = transport.addChannels(['ghostchan']);
    const joinLines = (): number => server.receivedLines(LOGIN).filter((line) => line === 'JOIN #ghostchan').length;
    await waitUntil(() => joinLines() >= 2, 3_000, 'the second JOIN');
    // Still desired between attempts, and nothing reported yet.
    expect([...transport.desiredChannels]).toEqual(['ghostchan']);
    expect(eventsNamed(events, 'joinFailure')).toEqual([]);
    server.send(`:${LOGIN}!${LOGIN}@${LOGIN}.tmi.twitch.tv JOIN #ghostchan`, LOGIN);
    expect(await pending).toEqual([{ channel: 'ghostchan', joined: true }]);
    expect([...transport.joinedChannels]).toEqual(['ghostchan']);
    expect(eventsNamed(events, 'joinFailure')).toEqual([]);
  });

  it('fails a join with timeout only after joinAttempts unanswered JOINs', async () => {
    const { transport, events } = harness({ options: { joinTimeoutMs: 100, joinAttempts: 2 } });
    await transport.start();
    expect(await transport.addChannels(['ghostchan'])).toEqual([{ channel: 'ghostchan', joined: false, reason: 'timeout' }]);
    expect(server.receivedLines(LOGIN).filter((line) => line === 'JOIN #ghostchan')).toHaveLength(2);
    expect(eventsNamed(events, 'joinFailure').map((event) => [event[1], event[2]])).toEqual([['ghostchan', 'timeout']]);
    expect([...transport.desiredChannels]).toEqual([]);
  });

  it('queues joins until the first login and joins in bulk', async () => {
    const { transport } = harness();
    const joined = transport.addChannels(['one', 'two', 'three']);
    await transport.start();
    expect(await joined).toEqual([
      { channel: 'one', joined: true },
      { channel: 'two', joined: true },
      { channel: 'three', joined: true },
    ]);
    const joinLines = server.receivedLines(LOGIN).filter((line) => line.startsWith('JOIN'));
    expect(joinLines.join(',').split(',').length).toBe(3);
    expect(joinLines.length).toBeLessThanOrEqual(3);
  });

  it('fails a join over the account room cap without spending a JOIN', async () => {
    const limiter = createLimiter(LOGIN, { concurrentRooms: 1 });
    const { transport } = harness({ limiter });
    await transport.start();
    expect(await transport.addChannels(['first'])).toEqual([{ channel: 'first', joined: true }]);
    expect(await transport.addChannels(['second'])).toEqual([{ channel: 'second', joined: false, reason: 'concurrentRoomCap' }]);
    expect(server.receivedLines(LOGIN).filter((line) => line.includes('#second'))).toEqual([]);
    // Parting frees the room.
    await transport.removeChannels(['first']);
    expect(await transport.addChannels(['second'])).toEqual([{ channel: 'second', joined: true }]);
  });

  it('reports concurrentRoomCap when Twitch refuses the JOIN', async () => {
    await server.stop();
    server = await startServer({ limits: { rooms: 1 } });
    const { transport } = harness();
    await transport.start();
    const results = await transport.addChannels(['first', 'second']);
    expect(results).toEqual([
      { channel: 'first', joined: true },
      { channel: 'second', joined: false, reason: 'concurrentRoomCap' },
    ]);
  });

  it('delivers the USERSTATE of a join, from which the shard learns its privilege', async () => {
    server.setModerator('modchan', LOGIN, true);
    const { transport, messages } = harness();
    await transport.start();
    await transport.addChannels(['modchan', 'plainchan']);
    await waitUntil(() => messages.filter((message) => message.type === 'userstate').length === 2, 2_000, 'USERSTATEs');
    const states = messages.filter((message): message is UserStateMessage => message.type === 'userstate');
    expect(states.map((state) => [state.channel, state.isModerator]).sort()).toEqual([
      ['modchan', true],
      ['plainchan', false],
    ]);
  });

  it('reports a part when the server parts the bot (ban), and does not rejoin it', async () => {
    const { transport, events } = harness();
    await transport.start();
    await transport.addChannels(['victim', 'other']);
    server.setChannelState('victim', { banned: true });
    await waitUntil(() => eventsNamed(events, 'part').length === 1, 2_000, 'part event');
    expect(eventsNamed(events, 'part')[0]?.[1]).toBe('victim');
    expect(transport.desiredChannels.has('victim')).toBe(false);
    expect(transport.joinedChannels.has('victim')).toBe(false);
    expect(transport.joinedChannels.has('other')).toBe(true);
  });

  it('does not rejoin parted channels after a reconnect', async () => {
    const { transport, events } = harness();
    await transport.start();
    await transport.addChannels(['keep', 'leave']);
    await transport.removeChannels(['leave']);
    expect(eventsNamed(events, 'part').map((event) => event[1])).toEqual(['leave']);
    await waitUntil(() => server.connections(LOGIN)[0]?.channels.includes('leave') === false, 2_000, 'PART handled');
    server.drop(LOGIN);
    await waitUntil(() => eventsNamed(events, 'ready').length === 2, 5_000, 'second ready');
    await waitUntil(() => transport.joinedChannels.has('keep'), 2_000, 'rejoined keep');
    const connections = server.connections(LOGIN);
    expect(connections).toHaveLength(1);
    expect(connections[0]?.channels).toEqual(['keep']);
    expect([...transport.desiredChannels]).toEqual(['keep']);
  });

  it('settles a pending join with stopped when the channel is removed', async () => {
    const { transport } = harness({ options: { joinTimeoutMs: 5_000 } });
    await transport.start();
    const pending = transport.addChannels(['ghostchan']);
    await waitUntil(() => server.receivedLines(LOGIN).some((line) => line.includes('#ghostchan')), 2_000, 'JOIN written');
    await transport.removeChannels(['ghostchan']);
    expect(await pending).toEqual([{ channel: 'ghostchan', joined: false, reason: 'stopped' }]);
  });
});
