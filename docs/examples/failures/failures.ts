/**
 * What failure looks like to a tio bot, on the mock server: joins that fail with a reason, sends that fail with a
 * reason, and a rejected token with its single refresh.
 */
import { AuthenticationError, Client, SendError, SimpleTokenHandler } from '@tio/core';
import { IrcWsTransport } from '@tio/irc-ws';
import { MockTwitchServer } from '@tio/testing';

const server = new MockTwitchServer({
  accounts: [{ login: 'tio_demo_bot', token: 'demo-token' }],
  channels: {
    banned_room: { banned: true },
    suspended_room: { suspended: true },
    missing_room: { nonexistent: true }, // Twitch answers nothing at all for these
    slow_room: { slowMode: 30 },
  },
});
await server.start();

const client = new Client({
  tokenHandler: new SimpleTokenHandler({ login: 'tio_demo_bot', token: 'demo-token' }),
  transport: IrcWsTransport,
  transportOptions: { url: server.url, joinTimeoutMs: 1_000 },
  initialChannels: ['tio_demo', 'slow_room'],
});
await client.start();

// #region joins
for (const result of await client.join(['banned_room', 'suspended_room', 'missing_room'])) {
  console.log(`#${result.channel}: ${result.joined ? 'joined' : result.reason}`);
}
// #banned_room: banned, #suspended_room: suspended, #missing_room: timeout (after joinTimeoutMs)
// A channel that failed for good leaves its shard, so it is not retried on every reconnect.
// #endregion joins

// #region sends
/** Sends and reports the outcome: the promise resolves with the sent message or rejects with a reason. */
async function trySend(channel: string, text: string): Promise<void> {
  try {
    const sent = await client.send(channel, text);
    console.log(`#${channel} "${text}": sent (id ${sent.messageId ?? 'unknown'})`);
  } catch (error) {
    if (!SendError.isInstance(error)) throw error;
    console.log(`#${channel} "${text}": ${error.reason}`); // error.message also says what to do about it
  }
}
await trySend('tio_demo', 'same text');
await trySend('tio_demo', 'same text'); // duplicate: identical to the previous message within 30 s
await trySend('slow_room', 'first');
await trySend('slow_room', 'second'); // slowMode: 30 s between messages of a regular user
// #endregion sends

await client.stop();

// #region auth
// A rejected token gets exactly one refresh. refreshToken returns a working token here, so the shard logs in.
let refreshes = 0;
const refreshed = new Client({
  tokenHandler: new SimpleTokenHandler({
    login: 'tio_demo_bot',
    token: 'expired-token',
    refreshToken: async () => {
      refreshes++;
      return 'demo-token'; // in a real bot: exchange the refresh token with Twitch's OAuth endpoint
    },
  }),
  transport: IrcWsTransport,
  transportOptions: { url: server.url },
});
await refreshed.start();
console.log(`logged in after ${refreshes} refresh`);
await refreshed.stop();

// Without a working refresh the shard fails for good: no retry loop against the login budget.
const rejected = new Client({
  tokenHandler: new SimpleTokenHandler({ login: 'tio_demo_bot', token: 'wrong-token' }),
  transport: IrcWsTransport,
  transportOptions: { url: server.url },
});
try {
  await rejected.start();
} catch (error) {
  if (AuthenticationError.isInstance(error)) console.log(`start() failed: ${error.login} was rejected`);
}
console.log(`client state: ${rejected.state}`); // stopped
// #endregion auth

await server.stop();
