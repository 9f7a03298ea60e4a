/**
 * The mock server without a test framework: scaled-down time, fault injection, inspection, and a limit violation
 * caught at the exact JOIN that broke Twitch's budget. Any script or test runner can do the same.
 */
import { Client, SimpleTokenHandler, type RateLimitOverrides } from '@tio/core';
import { IrcWsTransport } from '@tio/irc-ws';
import { MockTwitchServer } from '@tio/testing';

// #region server
const server = new MockTwitchServer({
  accounts: [{ login: 'tio_demo_bot', token: 'demo-token' }],
  timeScale: 0.1, // every default window ten times shorter: 20 JOINs per second instead of per 10 s
  channels: { closed_room: { suspended: true } },
});
await server.start();
server.on('violation', (violation) => console.log(`violation: ${violation.kind} by ${violation.account}`, violation.detail));
// #endregion server

// #region honest
// The client paces itself by the same scaled windows, so tests stay fast and the limits are still enforced.
const scaled: RateLimitOverrides = {
  login: { windowMs: 1_000 },
  join: { windowMs: 1_000 },
  messageUser: { windowMs: 3_000 },
  messageModerator: { windowMs: 3_000 },
  messagePerChannel: { windowMs: 100 },
  safetyMargin: 0.1, // short windows leave little slack for event-loop delays
};
const channels = Array.from({ length: 30 }, (_, index) => `room_${index}`);
const client = new Client({
  tokenHandler: new SimpleTokenHandler({ login: 'tio_demo_bot', token: 'demo-token' }),
  transport: IrcWsTransport,
  transportOptions: { url: server.url, reconnectDelayMs: 100 },
  rateLimits: scaled,
  initialChannels: [...channels, 'closed_room'],
});
client.on('joinFailure', (channel, reason) => console.log(`#${channel} failed: ${reason}`)); // closed_room: suspended
await client.start(); // 31 JOINs: 20 at once, the rest a (scaled) window later
console.log(`joined ${server.stats().accounts['tio_demo_bot']?.channels.length} channels`);
// #endregion honest

// #region faults
// Cut the socket without a close frame (the client sees code 1006); the shard reconnects and re-joins by itself.
const rejoined = server.waitFor('join', (event) => event.channel === 'room_29' && event.outcome === 'joined', { timeoutMs: 10_000 });
server.drop('tio_demo_bot');
await rejoined;
console.log(`after the drop: ${server.connections('tio_demo_bot').length} connection, ${server.violations().length} violations`);
// #endregion faults

await client.stop();

// #region violation
// A client that claims a bigger JOIN budget than Twitch gives: the mock closes its connection at the 21st JOIN in
// one window and records where the limit broke.
const greedy = new Client({
  tokenHandler: new SimpleTokenHandler({ login: 'tio_demo_bot', token: 'demo-token' }),
  transport: IrcWsTransport,
  transportOptions: { url: server.url },
  rateLimits: { ...scaled, join: { limit: 40, windowMs: 1_000 } },
  initialChannels: channels,
});
const caught = server.waitFor('violation', (violation) => violation.kind === 'join');
void greedy.start().catch(() => undefined);
const violation = await caught;
console.log(`the JOIN limit is ${violation.detail.limit} per ${violation.detail.windowMs} ms`);
await greedy.stop();
// #endregion violation

await server.stop();
