import { SendError } from '@tio/core';
import type { MockTwitchServer } from '@tio/testing';
import { afterEach, expect, it } from 'vitest';
import { LOGIN, channelNames, createClient, startServer } from '../support/harness.js';

// The pessimistic reading of twitch-protocol.md §4.3 ("Whether a PRIVMSG sent without JOIN counts is not stated"):
// if every channel written to took a room, a sender would be refused in its 101st distinct regular channel. This test
// pins down what a bot then sees, with a room cap of 3 to keep it short.
let server: MockTwitchServer | undefined;
let client: ReturnType<typeof createClient> | undefined;

afterEach(async () => {
  await client?.stop();
  await server?.stop();
});

it("if sends took rooms, the send past the cap is refused by the server and still settles (privmsgWithoutJoin: 'takesRoom')", async () => {
  server = await startServer({ privmsgWithoutJoin: 'takesRoom', limits: { rooms: 3 } });
  const channels = channelNames('room', 4);
  client = createClient(server, { initialChannels: channels, transportOptions: { sendConfirmationTimeoutMs: 500 } });
  await client.start();

  const results = await Promise.allSettled(channels.map((channel) => client!.send(channel, `to ${channel}`)));

  expect(results.slice(0, 3).map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
  const refused = results[3];
  expect(refused?.status).toBe('rejected');
  expect(refused?.status === 'rejected' && SendError.isInstance(refused.reason)).toBe(true);
  expect(server.stats().accounts[LOGIN]).toMatchObject({ rooms: ['room0', 'room1', 'room2'], peakRooms: 3 });
  expect(server.violations()).toMatchObject([{ kind: 'rooms', account: LOGIN, detail: { channel: 'room3' } }]);
  console.info(`[takesRoom] the refused send settled with SendError reason '${(refused as PromiseRejectedResult).reason.reason}'`);
});
