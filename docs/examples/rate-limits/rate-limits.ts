/**
 * Rate limits in action on the mock server: the per-channel spacing in a channel where the bot is a regular user, no
 * spacing where it is a moderator, `rateLimited` events, and Twitch's room cap (lowered to two rooms here so it shows
 * without joining a hundred channels).
 */
import { Client, SimpleTokenHandler } from '@tio/core';
import { IrcWsTransport } from '@tio/irc-ws';
import { MockTwitchServer } from '@tio/testing';

// The bot is a moderator in #mod_room only; the mock enforces Twitch's limits for a regular account.
const server = new MockTwitchServer({
  accounts: [{ login: 'tio_demo_bot', token: 'demo-token', moderatorIn: ['mod_room'] }],
});
await server.start();

// #region client
const client = new Client({
  tokenHandler: new SimpleTokenHandler({ login: 'tio_demo_bot', token: 'demo-token' }),
  transport: IrcWsTransport,
  transportOptions: { url: server.url },
  botLevel: 'regular', // the default; 'verified' only for accounts Twitch verified
  rateLimits: {
    safetyMargin: 0.05, // widen every window by 5 % instead of 2 %
    concurrentRooms: 2, // lower than Twitch's 100, to show the cap in a demo
  },
  initialChannels: ['mod_room', 'viewer_room'],
});
// #endregion client

// #region events
client.on('rateLimited', (event) => {
  const where = event.channel === undefined ? '' : ` in #${event.channel}`;
  console.log(`waiting ${event.waitMs} ms for ${event.login}'s ${event.bucket} budget${where}`);
});
const roles = new Map<string, boolean>();
client.on('userstate', (state) => {
  // Twitch tells the bot its role in a channel on joining and after each message; tio picks the budget from it.
  if (roles.get(state.channel) !== state.isModerator) console.log(`#${state.channel}: moderator=${state.isModerator}`);
  roles.set(state.channel, state.isModerator);
});
// #endregion events

await client.start();

// #region sending
// Three messages each: #viewer_room spaces them a second apart (1 per second per channel for regular users),
// #mod_room sends them at once (moderators only count against the 100-per-30-s bucket).
const started = Date.now();
await Promise.all(
  ['viewer_room', 'mod_room'].flatMap((channel) =>
    [1, 2, 3].map(async (number) => {
      await client.send(channel, `message ${number}`);
      console.log(`#${channel} message ${number} after ${Date.now() - started} ms`);
    }),
  ),
);
// #endregion sending

// #region rooms
// mod_room does not count against the cap (the bot moderates it), viewer_room does: one room is left.
const results = await client.join(['third_room', 'fourth_room']);
for (const result of results) console.log(`#${result.channel}: ${result.joined ? 'joined' : result.reason}`);
// #third_room: joined, #fourth_room: concurrentRoomCap
// #endregion rooms

console.log(`violations seen by the mock: ${server.violations().length}`); // 0: tio stayed within every limit
await client.stop();
await server.stop();
